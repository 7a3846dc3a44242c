// Part of the write stage: what an index says of itself beside its
// documents and file records: the entity catalogue and schema version (on
// every part, so that a shard searched on its own knows the aliases), how
// entities were recognised, the document dictionary, a sharded folder's
// shard count and stub, and the spelling data.
#pragma once

#include "analyse.hpp"

#include "news/entities.hpp"

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace news::indexer {

// Written when a run opens the index for writing.  fresh: a fresh build, or
// an empty index (the catalogue is written then too: write_catalogue_meta());
// dictionary: a fresh build's, "" for none.
struct IndexMeta {
    bool fresh = false;
    std::string user_entities;  // kMetaUserEntities
    std::string dictionary;
    size_t shards = 0;   // a sharded folder's (0: one database)
    bool merged = false;  // a sharded build merged into one database: no count kept
};
void write_index_meta(Xapian::WritableDatabase& meta, std::vector<Xapian::WritableDatabase>& shards,
                      const Catalogue& catalogue, const IndexMeta& what);

// The catalogue (news/index_catalogue.hpp) on every part, the user's
// entries (run_catalogue.hpp) and the recognition stamp on the meta part:
// an update writes them at its end, once its documents follow the
// catalogue (retag.hpp), so that a run killed before knows what to change.
void write_catalogue_meta(Xapian::WritableDatabase& meta, std::vector<Xapian::WritableDatabase>& shards,
                          const Catalogue& catalogue, const std::string& user_entities);

// The stub of a sharded folder, listing these parts.
void write_stub(const std::string& folder, const std::string& text);

// The spelling data of the documents a run wrote.  A fresh build of
// documents or more drops the words it met once (prune).
void add_spelling(Xapian::WritableDatabase& meta, const SpellingCounts& spelling, bool prune);
// From how many documents a fresh build prunes its spelling data.
inline constexpr size_t kPruneSpellingDocs = 10000;

}  // namespace news::indexer
