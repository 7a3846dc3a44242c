// A dry run's store: the index read as it is, nothing written, nothing
// locked; what a run would add, replace or remove is listed instead.
#include "store.hpp"

#include <filesystem>

namespace news::indexer {
namespace {

class DryRunStore final : public Store {
public:
    DryRunStore(const std::string& path, const Catalogue&, StoreOptions options)
        : Store(path, std::move(options)) {
        const size_t n = shard_count(path);
        sharded_ = n > 0;
        if (sharded_) {
            meta_ = Xapian::Database(part_path(path, kMetaPart));
            for (size_t i = 0; i < n; ++i) shards_.emplace_back(part_path(path, shard_name(i)));
        } else {
            if (std::filesystem::exists(path)) meta_ = Xapian::Database(path);
            shards_.push_back(meta_);
        }
        read_state();
        dictionary_ = "";  // (nothing is packed for the index)
    }

    void put(const std::string&, std::vector<IndexDoc>&&, bool existed, const std::string& where) override {
        list(existed ? "changed" : "new", where);
    }
    void remove(const std::string&, const std::string& where) override { list("removed", where); }
    void retag(const std::string&, const std::string&, const Xapian::Document&, const std::string& where) override {
        list("retagged", where);
    }
    void set_metadata(const std::string&, const std::string&) override {}
    void file_done() override {}
    void finish(const SpellingCounts&) override {}

private:
    void list(const char* what, const std::string& where) {
        if (options_.list) options_.list(what, where);
    }
};

}  // namespace

std::unique_ptr<Store> open_dry_run_store(const std::string& path, const Catalogue& catalogue, StoreOptions options) {
    return std::make_unique<DryRunStore>(path, catalogue, std::move(options));
}

}  // namespace news::indexer
