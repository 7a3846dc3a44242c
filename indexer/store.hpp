// Part of the write stage: the databases of an index as one run has them
// open.  What the run reads (the meta part, which holds the file records and
// the spelling data, each shard, all shards as one) and where its writes go
// (documents to their article's shard, metadata to the meta part).
//
// Every commit commits the shards first and the meta part last, and every
// write is idempotent (documents are replaced by their article id), so a run
// killed between two commits finds the files whose record did not land and
// writes them again.  One database: the meta part and the only shard are
// the same database.
//
// A dry run's store reads the same databases, read-only and unlocked, and
// writes nothing: it lists what a run would add, replace or remove.
#pragma once

#include "analyse.hpp"
#include "read.hpp"

#include "news/entities.hpp"
#include "news/layout.hpp"

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace news::indexer {

struct StoreOptions {
    bool dry_run = false;    // a store that writes nothing and takes no lock
    bool wait = false;       // wait for another writer's lock instead of failing
    bool overwrite = false;  // start from an empty database (a rebuild's fresh copy)
    bool no_sync = false;    // skip fsync at commits (a rebuild syncs before the swap)
    size_t shards = 0;       // with overwrite: make a sharded folder of this many shards (0: one database)
    bool merge = false;      // ...which Rebuild::swap_in() merges into one database (no shard count kept)
    std::string dictionary;  // with overwrite: the document dictionary (train_dictionary()), "" for none
    std::string user_entities;  // the user's catalogue entries, kept by the index (run_catalogue.hpp)
    // Dry run: one line per article that would be added, replaced or removed.
    std::function<void(const std::string& what, const std::string& where)> list;
};

// The documents a store wrote.
struct Written {
    size_t articles = 0, posts = 0, dated_articles = 0, undated_articles = 0;
};

class Store {
public:
    // Opens (creating if need be, unless a dry run) the index at path and
    // writes what it says of itself (index_meta.hpp).  Throws news::Error.
    static std::unique_ptr<Store> open(const std::string& path, const Catalogue& catalogue, StoreOptions options);
    virtual ~Store() = default;

    const std::string& path() const { return path_; }
    bool empty_at_start() const { return empty_at_start_; }
    // The meta part, with what this run wrote there.
    const Xapian::Database& meta() const { return meta_; }
    // The database of the article's shard, with what this run wrote there.
    virtual Xapian::Database shard_for(const std::string& article_id) { return shards_[shard_index(article_id)]; }
    // All shards as one, with what this run wrote.
    virtual const Xapian::Database& all() { return all_; }
    // The document dictionary new documents are packed with: a fresh
    // build's, else the one the index holds ("" for none), read when first
    // asked for.
    const std::string& dictionary();

    // The article's documents in place of what the index held of it
    // (existed: it held some).  where: the article, for a dry run's list.
    virtual void put(const std::string& article_id, std::vector<IndexDoc>&& docs, bool existed,
                     const std::string& where) = 0;
    // The article and its posts go.
    virtual void remove(const std::string& article_id, const std::string& where) = 0;
    // A document of the article (its Q term: uid) with other entities
    // (retag.hpp) in place of what the index holds.
    virtual void retag(const std::string& article_id, const std::string& uid, const Xapian::Document& doc,
                       const std::string& where) = 0;
    virtual void set_metadata(const std::string& key, const std::string& value) = 0;
    // A file is done: commit when enough has been written since the last time.
    virtual void file_done() = 0;
    // The spelling data of the documents written, then the last commit.
    virtual void finish(const SpellingCounts& spelling) = 0;

    const Written& written() const { return written_; }

    // The shard count of the index at path: 0 for one database (or none).
    static size_t shard_count(const std::string& path);

protected:
    Store(const std::string& path, StoreOptions options) : path_(path), options_(std::move(options)) {}
    // The read handles are set: what the index says of itself.
    void read_state();
    size_t shard_index(const std::string& article_id) const { return news::shard_of(article_id, shards_.size()); }
    [[noreturn]] void failed(const char* what, const Xapian::Error& e) const;

    std::string path_;
    StoreOptions options_;
    bool sharded_ = false;
    Xapian::Database meta_;                 // the read handles: the writable databases,
    std::vector<Xapian::Database> shards_;  // or read-only ones in a dry run
    Xapian::Database all_;
    bool empty_at_start_ = true;
    std::optional<std::string> dictionary_;
    Written written_;
};

// The two kinds of store (store.cpp opens the one a run asks for).
std::unique_ptr<Store> open_database_store(const std::string& path, const Catalogue& catalogue, StoreOptions options);
std::unique_ptr<Store> open_dry_run_store(const std::string& path, const Catalogue& catalogue, StoreOptions options);

// A database to write to, locked (waiting for another writer's lock with
// options.wait); create: false when it must exist already (a shard).
Xapian::WritableDatabase open_writable(const std::string& path, const StoreOptions& options, bool create = true);

// The path of a part of a sharded folder.
std::string part_path(const std::string& folder, std::string_view part);

}  // namespace news::indexer
