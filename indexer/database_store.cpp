// A run's store that writes: documents to their article's shard (on a
// thread each in a fresh sharded build: WriterQueue), metadata to the meta
// part, committed in batches, the shards first and the meta part last.
#include "store.hpp"

#include "index_meta.hpp"
#include "writer_queue.hpp"

#include "news/error.hpp"
#include "news/schema.hpp"

#include <cstdlib>
#include <filesystem>

namespace news::indexer {
namespace {

constexpr size_t kBatch = 20000;  // documents per commit of the file records
// Xapian's flush threshold (changes a database buffers before it commits
// them itself), per writer.  Small batches keep its in-memory inverter small
// and fast: a full build of Reuters-21578 (two writers) took 26 s at 20,000,
// 11 s at 2,000, 9.5 s at 1,000, 8.1 s at 200-300 and 9.4 s at 100 (peak
// memory 360, 144, 110, 81 and 70 MB); at 4x, 43 s at both 300 and 1,000.
constexpr size_t kFlush = 300;
// On a live database (an incremental run) each of Xapian's flushes is a new
// revision that searches see, and a search that has just read the one
// before two of them must start again (DatabaseModifiedError): at 300
// documents a flush, about one search in ten had to while 45,000 records
// were added (tests/e2e search_while_indexing).  Fewer, larger flushes there.
constexpr size_t kLiveFlush = 1000;
// A fresh build that is merged (a first build, --rebuild) rolls each
// writer on to a new database every kSliceDocs documents (see
// WriterQueue): on 2 cores the 16x Reuters corpus (345,248 articles, two
// writers) took 202 s in two databases, 131-149 s in slices of 40,000,
// 124 s of 20,000 and 127 s of 10,000 (this machine's timings vary by 15 %).
constexpr size_t kSliceDocs = 20000;

// NEWS_INDEX_SLICE_DOCS sets another size (for the tests: slices on a
// small corpus).
size_t slice_docs() {
    const char* v = std::getenv("NEWS_INDEX_SLICE_DOCS");
    size_t n = v ? std::strtoul(v, nullptr, 10) : 0;
    return n > 0 ? n : kSliceDocs;
}

class DatabaseStore final : public Store {
public:
    DatabaseStore(const std::string& path, const Catalogue& catalogue, StoreOptions options);

    Xapian::Database shard_for(const std::string& article_id) override;
    const Xapian::Database& all() override {
        wait_for_shards();
        return all_;
    }
    void put(const std::string& article_id, std::vector<IndexDoc>&& docs, bool existed,
             const std::string& where) override;
    void remove(const std::string& article_id, const std::string& where) override;
    void retag(const std::string& article_id, const std::string& uid, const Xapian::Document& doc,
               const std::string& where) override;
    void set_metadata(const std::string& key, const std::string& value) override { meta_w_.set_metadata(key, value); }
    void file_done() override;
    void finish(const SpellingCounts& spelling) override;

private:
    void open_parts(size_t n);
    void start_queues(size_t n);
    void delete_article(size_t shard, const std::string& article_id);
    void maybe_commit();
    void commit();
    void wait_for_shards() {
        for (auto& q : queues_) q->wait();
    }

    const Catalogue catalogue_;  // (a copy: written at finish(), the caller's may be gone)
    Xapian::WritableDatabase meta_w_;
    std::vector<Xapian::WritableDatabase> shards_w_;
    size_t since_commit_ = 0;
    // A fresh sharded build: each shard's writes on a thread of its own
    // (declared last: its threads stop before the databases close).
    std::vector<std::unique_ptr<WriterQueue>> queues_;
};

DatabaseStore::DatabaseStore(const std::string& path, const Catalogue& catalogue, StoreOptions options)
    : Store(path, std::move(options)), catalogue_(catalogue) {
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options_.overwrite ? kFlush : kLiveFlush).c_str(),
           0);  // unless the user set it
    const size_t n = options_.overwrite ? options_.shards : shard_count(path);
    open_parts(n);
    read_state();
    if (options_.overwrite) dictionary_ = options_.dictionary;
    IndexMeta what;
    what.fresh = options_.overwrite || empty_at_start_;
    what.user_entities = options_.user_entities;
    if (options_.overwrite) what.dictionary = options_.dictionary;
    what.shards = n;
    what.merged = options_.merge;
    write_index_meta(meta_w_, shards_w_, catalogue, what);
    if (sharded_ && options_.overwrite) {
        write_stub(path, stub_text(n));
        start_queues(n);
    }
}

// The meta part first: its lock is the index's.
void DatabaseStore::open_parts(size_t n) {
    sharded_ = n > 0;
    if (sharded_) {
        if (options_.overwrite) std::filesystem::create_directories(path_);
        meta_w_ = open_writable(part_path(path_, kMetaPart), options_);
        for (size_t i = 0; i < n; ++i)
            shards_w_.push_back(open_writable(part_path(path_, shard_name(i)), options_, options_.overwrite));
    } else {
        meta_w_ = open_writable(path_, options_);
        shards_w_.push_back(meta_w_);
    }
    meta_ = meta_w_;
    shards_.assign(shards_w_.begin(), shards_w_.end());
}

// A fresh build writes its shards in parallel, a thread each (an update
// writes few documents: one thread does); one that is merged rolls on to new
// slices (slice_name()).
void DatabaseStore::start_queues(size_t n) {
    if (n < 2) return;
    for (size_t k = 0; k < n; ++k) {
        if (!options_.merge) {
            queues_.push_back(std::make_unique<WriterQueue>(shards_w_[k]));
            continue;
        }
        auto next = [this, k](size_t slice) {
            return open_writable(part_path(path_, slice_name(k, slice)), options_, true);
        };
        queues_.push_back(std::make_unique<WriterQueue>(shards_w_[k], next, slice_docs()));
    }
}

Xapian::Database DatabaseStore::shard_for(const std::string& article_id) {
    const size_t k = shard_index(article_id);
    if (queues_.empty()) return shards_[k];
    Xapian::Database all;  // its writes done: its slices may be read here
    for (const auto& slice : queues_[k]->slices()) all.add_database(slice);
    return all;
}

void DatabaseStore::put(const std::string& article_id, std::vector<IndexDoc>&& docs, bool existed,
                        const std::string&) {
    try {
        const size_t k = shard_index(article_id);
        WriterQueue* queue = queues_.empty() ? nullptr : queues_[k].get();
        // A changed article replaces its document in place (Xapian then
        // updates only the terms whose frequency changed, and the document
        // keeps its id); its posts are written afresh.
        bool replace = false;
        if (existed && queue) {
            delete_article(k, article_id);
        } else if (existed) {
            shards_w_[k].delete_document(term(FieldId::Article, article_id));
            replace = true;
        }
        for (IndexDoc& d : docs) {
            if (d.post) {
                ++written_.posts;
            } else {
                ++written_.articles;
                ++(d.dated ? written_.dated_articles : written_.undated_articles);
            }
            if (queue) queue->add(std::move(d.doc));
            else if (replace && !d.post) shards_w_[k].replace_document(term(FieldId::Id, article_id), d.doc);
            else shards_w_[k].add_document(d.doc);
            ++since_commit_;
        }
        maybe_commit();
    } catch (const Xapian::Error& e) {
        failed("writing failed", e);
    }
}

void DatabaseStore::remove(const std::string& article_id, const std::string&) {
    // (A long id's Q term is cut and hashed: its shard is not known from
    // it, so it is deleted from each; shard_of() lower-cases as terms do.)
    const bool cut = article_id.size() + field(FieldId::Id).prefix.size() >= kMaxTermBytes;
    for (size_t k = 0; k < shards_w_.size(); ++k)
        if (cut || k == shard_index(article_id)) delete_article(k, article_id);
    ++since_commit_;
}

void DatabaseStore::retag(const std::string& article_id, const std::string& uid, const Xapian::Document& doc,
                          const std::string&) {
    try {
        shards_w_[shard_index(article_id)].replace_document(uid, doc);
    } catch (const Xapian::Error& e) {
        failed("writing failed", e);
    }
    ++since_commit_;
    maybe_commit();
}

// An article (its Q term) and its posts (their XARTICLE term; an index made
// before schema 3 has it on the article too).
void DatabaseStore::delete_article(size_t k, const std::string& article_id) {
    for (const std::string& t : {term(FieldId::Id, article_id), term(FieldId::Article, article_id)}) {
        if (queues_.empty()) shards_w_[k].delete_document(t);
        else queues_[k]->remove(t);
    }
}

void DatabaseStore::file_done() { maybe_commit(); }

void DatabaseStore::maybe_commit() {
    if (since_commit_ < kBatch) return;
    commit();
    since_commit_ = 0;
}

// The shards first, the meta part (the file records) last: see store.hpp.
void DatabaseStore::commit() {
    if (!queues_.empty()) {
        for (auto& q : queues_) q->commit();
        wait_for_shards();
    } else if (sharded_) {
        for (auto& s : shards_w_) s.commit();
    }
    meta_w_.commit();
}

void DatabaseStore::finish(const SpellingCounts& spelling) {
    try {
        add_spelling(meta_w_, spelling,
                     options_.overwrite && written_.articles + written_.posts >= kPruneSpellingDocs);
        // An update's catalogue goes with its last commit, its documents (and
        // those it re-tagged) before it: see write_catalogue_meta().
        if (!options_.overwrite) write_catalogue_meta(meta_w_, shards_w_, catalogue_, options_.user_entities);
        commit();
        if (options_.merge && !queues_.empty()) {
            // The stub lists every slice, for the merge.
            std::vector<std::string> parts;
            for (size_t k = 0; k < queues_.size(); ++k)
                for (size_t j = 0; j < queues_[k]->slices().size(); ++j) parts.push_back(slice_name(k, j));
            write_stub(path_, stub_text(parts));
        }
    } catch (const Xapian::Error& e) {
        failed("commit failed", e);
    }
}

}  // namespace

std::unique_ptr<Store> open_database_store(const std::string& path, const Catalogue& catalogue, StoreOptions options) {
    return std::make_unique<DatabaseStore>(path, catalogue, std::move(options));
}

}  // namespace news::indexer
