// Part of the searcher's match stage: open the index and its shards.
//
// Each --db is a database, a sharded folder (news-index --shards) or a stub
// file; news::parts_of() (schema/include/news/layout.hpp) lists its parts,
// local databases and remote shards (xapian-tcpsrv), which are opened one by
// one here and combined, in order, into one Xapian::Database: Xapian then
// ranks, counts and merges facets exactly as over one database.
//
// A part that cannot be opened is "down".  With --strict that is an error;
// without it the others are searched and the results say they are partial,
// unless every part is down (or the one database is missing): then there is
// no index to search.
#pragma once

#include "options.hpp"

#include "news/index_catalogue.hpp"
#include "news/doc_codec.hpp"

#include <xapian.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace news::searcher {

// A part that did not answer.
struct ShardDown {
    std::string shard;  // its name: the path, or "remote HOST:PORT"
    std::string where;  // where it was listed: "stub:line", or "--db"
    std::string error;  // Xapian's description of the failure
};

struct Index {
    Xapian::Database db;          // the parts that answered, combined
    std::string name;             // what --db named, for messages
    size_t parts = 0;             // how many parts the index has
    bool remote = false;          // whether some part that answered is (or may hold) a remote shard
    std::vector<ShardDown> down;  // the parts that did not answer, in order
    std::optional<IndexCatalogue> catalogue;  // its entity catalogue, once a query needed it (match.cpp)
    std::vector<Xapian::Database> opened;  // each part (or --db) that answered, as opened
    std::vector<std::string> paths;        // ...and its folder, when it is a local one ("" otherwise)
    std::optional<DocCodec> codec;  // the document dictionaries of every part, once a hit needed them
    bool dictionary_files = true;   // the copies beside the tables may be used (kDocDictFile)
    bool partial() const { return !down.empty(); }
    // A hit's stored fields (documents are packed with their index's
    // dictionary: news/stored.hpp).  Throws news::Error.
    StoredDoc stored(const std::string& data);

private:
    void load_dictionaries(unsigned wanted);
};

// Opens every part of every --db (options.db), with options.timeout for
// remote shards.  Throws news::Error: exit code 2 for a bad stub line
// (stub:line), 1 when there is no index (a missing database, every part
// down) or, with options.strict, when any part is down.
Index open_index(const Options& options);

// After a failure while searching: the parts of the index that do not open
// now (for naming them in messages).
std::vector<ShardDown> probe_parts(const Options& options);

// One warning line on `err` per part down:
//   news-search: warning: shard NAME (WHERE) is down: ERROR; results are partial (K of N shards answered)
void warn_partial(const std::vector<ShardDown>& down, size_t parts, std::FILE* err);

}  // namespace news::searcher
