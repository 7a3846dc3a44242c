#include "store.hpp"

#include "news/error.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;

namespace news::indexer {

std::string part_path(const std::string& folder, std::string_view part) {
    return (fs::path(folder) / std::string(part)).string();
}

Xapian::WritableDatabase open_writable(const std::string& path, const StoreOptions& o, bool create) {
    int flags = o.overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
    if (o.no_sync) flags |= Xapian::DB_NO_SYNC;
    for (bool told = false;; told = true) {
        try {
            return Xapian::WritableDatabase(path, flags);
        } catch (const Xapian::DatabaseLockError&) {
            if (!o.wait)
                throw Error(path + ": another news-index is writing to this database; run again when it has "
                                   "finished, or with --wait to wait for it");
            // (Xapian's DB_RETRY_LOCK spins here; a short sleep costs nothing.)
            if (!told) std::fprintf(stderr, "news-index: %s: waiting for another news-index to finish\n", path.c_str());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        } catch (const Xapian::DatabaseOpeningError& e) {
            if (create) throw;
            throw Error(path + ": a shard of this index is missing or unreadable (" + e.get_msg() +
                        "); run news-index --rebuild");
        }
    }
}

size_t Store::shard_count(const std::string& path) {
    if (!is_sharded_folder(path)) return 0;
    std::string meta = part_path(path, kMetaPart);
    try {
        std::string n = Xapian::Database(meta).get_metadata(std::string(kMetaShards));
        size_t v = std::strtoul(n.c_str(), nullptr, 10);
        if (v == 0) throw Error(meta + ": no shard count recorded; run news-index --rebuild --shards N");
        return v;
    } catch (const Xapian::Error& e) {
        throw Error(meta + ": cannot open the index's meta part: " + e.get_description() +
                    "; run news-index --rebuild");
    }
}

std::unique_ptr<Store> Store::open(const std::string& path, const Catalogue& catalogue, StoreOptions options) {
    try {
        if (options.dry_run) return open_dry_run_store(path, catalogue, std::move(options));
        return open_database_store(path, catalogue, std::move(options));
    } catch (const Xapian::Error& e) {
        throw Error(path + ": cannot open the database: " + e.get_description());
    }
}

void Store::read_state() {
    for (const auto& s : shards_) all_.add_database(s);
    empty_at_start_ = all_.get_doccount() == 0;
    std::string version = meta_.get_metadata(std::string(kMetaSchemaVersion));
    // (An index of another schema is never updated in place: schema 3, for
    // one, knew JSON Lines records by their line.  Nothing is written.)
    if (!empty_at_start_ && version != kSchemaVersion)
        throw Error(schema_mismatch(path_, version) + " (nothing was changed)");
}

const std::string& Store::dictionary() {
    if (!dictionary_) {
        try {
            dictionary_ = meta_.get_metadata(std::string(kMetaDocDict));
        } catch (const Xapian::Error& e) {
            throw Error(path_ + ": cannot read the index: " + e.get_description());
        }
    }
    return *dictionary_;
}

void Store::failed(const char* what, const Xapian::Error& e) const {
    throw Error(path_ + ": " + what + ": " + e.get_description());
}

}  // namespace news::indexer
