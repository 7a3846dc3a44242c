#include "write.hpp"

#include "news/error.hpp"
#include "news/index_catalogue.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"
#include "news/doc_codec.hpp"
#include "news/text.hpp"
#include "shard_queue.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

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
// writer on to a new database every kSegmentDocs documents (see
// ShardQueue): on 2 cores the 16x Reuters corpus (345,248 articles, two
// writers) took 202 s in two databases, 131-149 s in segments of 40,000,
// 124 s of 20,000 and 127 s of 10,000 (this machine's timings vary by 15 %).
constexpr size_t kSegmentDocs = 20000;

// NEWS_INDEX_SEGMENT_DOCS sets another size (for the tests: segments on a
// small corpus).
size_t segment_docs() {
    const char* v = std::getenv("NEWS_INDEX_SEGMENT_DOCS");
    size_t n = v ? std::strtoul(v, nullptr, 10) : 0;
    return n > 0 ? n : kSegmentDocs;
}
constexpr std::string_view kFileKey = "news:file:";
// The files that hold an article with an id another file has too:
// "news:claim:<id>" = their XFILE terms, one a line (see Writer::claim()).
constexpr std::string_view kClaimKey = "news:claim:";
constexpr size_t kPruneSpellingDocs = 10000;  // documents from which a fresh build drops once-seen words

std::string claim_key(const std::string& article_id) {
    if (article_id.size() <= 200) return std::string(kClaimKey) + article_id;
    return std::string(kClaimKey) + "#" + digest_of(article_id);
}

// The metadata key of a file's record (a long path is hashed; the value keeps it whole).
std::string ledger_key(const std::string& file_key) {
    if (file_key.size() <= 200) return std::string(kFileKey) + file_key;
    return std::string(kFileKey) + "#" + digest_of(file_key);
}

bool under(const std::string& key, const std::string& root) {
    return key == root || (key.size() > root.size() && key.compare(0, root.size(), root) == 0 &&
                            (root.back() == '/' || key[root.size()] == '/'));
}

// A file key as users gave it: relative to the working folder when under it.
std::string shown(const std::string& key) {
    std::error_code ec;
    fs::path rel = fs::path(key).lexically_relative(fs::current_path(ec));
    std::string r = rel.generic_string();
    return ec || r.empty() || r.rfind("..", 0) == 0 ? key : r;
}

struct FileArticle {
    std::string id;      // as in its Q term
    std::string digest;  // Slot::Digest's value
};

// The articles read from a file: their ids (as in their Q terms) and the
// digests of their records, read from the value streams in document order
// (a document's term list, which holds its Q term, is a zlib inflate each:
// a changed 21,578-record file spent a tenth of a second on those).
std::vector<FileArticle> articles_of_file(const Xapian::Database& db, const std::string& file_key) {
    std::vector<FileArticle> out;
    const std::string file = file_term(file_key), article = type_value(kTypeArticle);
    Xapian::ValueIterator type = db.valuestream_begin(slot(Slot::Type));
    Xapian::ValueIterator newest = db.valuestream_begin(slot(Slot::Newest));
    Xapian::ValueIterator digest = db.valuestream_begin(slot(Slot::Digest));
    const Xapian::ValueIterator end;
    auto at = [&end](Xapian::ValueIterator& v, Xapian::docid did) {
        if (v != end && v.get_docid() < did) v.skip_to(did);
        return v != end && v.get_docid() == did;
    };
    for (auto p = db.postlist_begin(file); p != db.postlist_end(file); ++p) {
        const Xapian::docid did = *p;
        if (!at(type, did) || *type != article) continue;
        if (!at(newest, did)) continue;  // (every document has one since schema 3)
        out.push_back({id_of_newest_key(*newest), at(digest, did) ? *digest : std::string()});
    }
    return out;
}

Xapian::WritableDatabase open_writable(const std::string& path, const WriterOptions& o, bool create = true) {
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

std::string part_path(const std::string& folder, std::string_view part) {
    return (fs::path(folder) / std::string(part)).string();
}

// The catalogue (news/index_catalogue.hpp) and the schema version.
void write_catalogue_and_version(Xapian::WritableDatabase& db, const Catalogue& catalogue) {
    write_catalogue(db, catalogue);
    // (Written only when it changes: a run with nothing to do commits nothing.)
    if (db.get_metadata(std::string(kMetaSchemaVersion)) != kSchemaVersion)
        db.set_metadata(std::string(kMetaSchemaVersion), std::string(kSchemaVersion));
}

}  // namespace

size_t Writer::shard_count(const std::string& path) {
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

Writer::Writer(const std::string& path, const Catalogue& catalogue, WriterOptions options)
    : path_(path), options_(std::move(options)) {
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options_.overwrite ? kFlush : kLiveFlush).c_str(),
           0);  // unless the user set it
    try {
        const size_t n = options_.overwrite ? options_.shards : shard_count(path);
        sharded_ = n > 0;
        if (options_.dry_run) {
            if (sharded_) {
                meta_read_ = Xapian::Database(part_path(path, kMetaPart));
                for (size_t i = 0; i < n; ++i) shards_read_.emplace_back(part_path(path, shard_name(i)));
            } else {
                if (fs::exists(path)) meta_read_ = Xapian::Database(path);
                shards_read_.push_back(meta_read_);
            }
        } else if (sharded_) {
            if (options_.overwrite) fs::create_directories(path);
            meta_ = open_writable(part_path(path, kMetaPart), options_);  // first: the index's lock
            for (size_t i = 0; i < n; ++i)
                shards_.push_back(open_writable(part_path(path, shard_name(i)), options_, options_.overwrite));
        } else {
            meta_ = open_writable(path, options_);
            shards_.push_back(meta_);
        }
        if (!options_.dry_run) {
            meta_read_ = meta_;
            shards_read_.assign(shards_.begin(), shards_.end());
        }
        for (const auto& s : shards_read_) db_.add_database(s);
        empty_at_start_ = db_.get_doccount() == 0;
        std::string version = meta_read_.get_metadata(std::string(kMetaSchemaVersion));
        if (!empty_at_start_ && version != kSchemaVersion)
            throw Error(schema_mismatch(path, version));
        // Entities recognised otherwise than this run would (another
        // catalogue, or an older matcher): only a fresh build records how.
        const std::string stamp = recognition_stamp(catalogue);
        const bool fresh = options_.overwrite || empty_at_start_;
        recognition_changed_ = !fresh && meta_read_.get_metadata(std::string(kMetaRecognition)) != stamp;
        if (options_.dry_run) return;
        if (options_.overwrite) dictionary_ = options_.dictionary;
        write_catalogue_and_version(meta_, catalogue);
        if (fresh && meta_.get_metadata(std::string(kMetaRecognition)) != stamp)
            meta_.set_metadata(std::string(kMetaRecognition), stamp);
        if (options_.overwrite && !options_.dictionary.empty())
            meta_.set_metadata(std::string(kMetaDocDict), options_.dictionary);
        if (sharded_) {
            // Each shard carries the catalogue (and the document dictionary)
            // too, so that shards searched on their own (news-search --db
            // repeated) know the aliases and read the documents.
            for (auto& s : shards_) {
                write_catalogue_and_version(s, catalogue);
                if (options_.overwrite && !options_.dictionary.empty())
                    s.set_metadata(std::string(kMetaDocDict), options_.dictionary);
            }
            if (!options_.merge && meta_.get_metadata(std::string(kMetaShards)) != std::to_string(n))
                meta_.set_metadata(std::string(kMetaShards), std::to_string(n));
            if (options_.overwrite) {
                std::ofstream stub(part_path(path, kStubFile), std::ios::binary | std::ios::trunc);
                stub << stub_text(n);
                if (!stub.flush()) throw Error(part_path(path, kStubFile) + ": cannot write the stub file");
                // A fresh build writes its shards in parallel, a thread each
                // (an update writes few documents: one thread does); one
                // that is merged rolls on to new segments (segment_name()).
                if (n > 1)
                    for (size_t k = 0; k < n; ++k) {
                        if (!options_.merge) {
                            queues_.push_back(std::make_unique<ShardQueue>(shards_[k]));
                            continue;
                        }
                        auto next = [this, k](size_t segment) {
                            return open_writable(part_path(path_, segment_name(k, segment)), options_, true);
                        };
                        queues_.push_back(std::make_unique<ShardQueue>(shards_[k], next, segment_docs()));
                    }
            }
        }
    } catch (const Xapian::Error& e) {
        throw Error(path + ": cannot open the database: " + e.get_description());
    }
}

const std::string& Writer::dictionary() {
    if (!dictionary_) {
        try {
            dictionary_ = options_.dry_run ? std::string() : meta_read_.get_metadata(std::string(kMetaDocDict));
        } catch (const Xapian::Error& e) {
            throw Error(path_ + ": cannot read the index: " + e.get_description());
        }
    }
    return *dictionary_;
}

Xapian::Database Writer::read_shard_for(const std::string& article_id) {
    const size_t k = shard_of(article_id, shards_read_.size());
    if (queues_.empty()) return shards_read_[k];
    Xapian::Database all;  // its writes done: its segments may be read here
    for (const auto& segment : queues_[k]->segments()) all.add_database(segment);
    return all;
}

// A file's record: "digest <TAB> articles <TAB> path <TAB> size <TAB> lines
// <TAB> mtime_ns <TAB> file size" (records of older versions stop after path
// or lines).
std::optional<Writer::Recorded> Writer::recorded(const std::string& key) const {
    if (empty_at_start_) return std::nullopt;
    // (Read for every file a run walks: fields in place, no copies.)
    const std::string v = meta_read_.get_metadata(ledger_key(key));
    constexpr size_t kFields = 7;
    std::string_view f[kFields];
    size_t n = 0;
    for (size_t start = 0; n < kFields;) {
        const size_t tab = v.find('\t', start);
        f[n++] = std::string_view(v).substr(start, tab == std::string::npos ? std::string::npos : tab - start);
        if (tab == std::string::npos) break;
        start = tab + 1;
    }
    if (v.empty() || n < 3) return std::nullopt;
    auto number = [](std::string_view s, auto& out) { std::from_chars(s.data(), s.data() + s.size(), out); };
    Recorded r;
    r.digest = std::string(f[0]);
    number(f[1], r.articles);
    if (n >= 5) {
        number(f[3], r.size);
        number(f[4], r.lines);
    }
    if (n >= 7) {
        number(f[5], r.mtime_ns);
        number(f[6], r.file_size);
    }
    return r;
}

// A modification time to record, or 0 for a file changed in the last two
// seconds: it might change again within the file system's clock tick and
// keep the same time and size, so the next run reads it (as git does with
// "racily clean" files).
int64_t Writer::settled(int64_t mtime_ns) {
    int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
    return mtime_ns > now - 2'000'000'000 ? 0 : mtime_ns;
}

void Writer::write_record(const std::string& key, const Recorded& r) {
    meta_.set_metadata(ledger_key(key), r.digest + "\t" + std::to_string(r.articles) + "\t" + key + "\t" +
                                            std::to_string(r.size) + "\t" + std::to_string(r.lines) + "\t" +
                                            std::to_string(r.mtime_ns) + "\t" + std::to_string(r.file_size));
}

uint64_t Writer::recorded_size(const std::string& key) const {
    auto rec = recorded(key);
    return rec ? rec->size : 0;
}

std::optional<std::string> Writer::stored_digest(const std::string& article_id) {
    if (empty_at_start_ && !added_ids_.count(term(FieldId::Id, article_id))) return std::nullopt;
    const std::string t = term(FieldId::Id, article_id);
    const Xapian::Database db = read_shard_for(article_id);
    auto it = db.postlist_begin(t);
    if (it == db.postlist_end(t)) return std::nullopt;
    return digest_hex(db.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(slot(Slot::Digest)));
}

bool Writer::unchanged(const FileInfo& file) {
    auto rec = recorded(file.key);
    if (!rec || rec->mtime_ns == 0 || rec->mtime_ns != file.mtime_ns || rec->file_size != file.size) return false;
    seen_files_.insert(file.key);
    stats_.unchanged_articles += rec->articles;
    return true;
}

ReadFrom Writer::file_begin(const FileInfo& file) {
    seen_files_.insert(file.key);
    file_ids_.clear();
    file_articles_ = 0;
    known_.reset();
    file_key_ = file.key;
    auto rec = recorded(file.key);
    if (force_read_) {  // a re-read (rereads()): whole
        file_changed_ = rec.has_value();
        read_files_.insert(file_term(file.key));
        return ReadFrom{};
    }
    if (rec && rec->digest == file.digest) {
        stats_.unchanged_articles += rec->articles;
        // The same bytes with a new time (touched, copied): recorded, so the
        // next run need not read it.
        if (!options_.dry_run && (rec->mtime_ns != settled(file.mtime_ns) || rec->file_size != file.size)) {
            Recorded r = *rec;
            r.mtime_ns = settled(file.mtime_ns);
            r.file_size = file.size;
            write_record(file.key, r);
        }
        return ReadFrom{true, 0, 0};
    }
    if (rec && rec->size > 0 && file.size > rec->size && file.prefix_size == rec->size &&
        file.prefix_digest == rec->digest) {
        // Lines were only added: read the new ones; the others stay as they are.
        stats_.unchanged_articles += rec->articles;
        file_articles_ = rec->articles;
        file_changed_ = false;
        return ReadFrom{false, rec->size, rec->lines};
    }
    file_changed_ = rec.has_value();
    read_files_.insert(file_term(file.key));  // (read whole: what it no longer holds is known)
    return ReadFrom{};
}

const std::string* Writer::known_record(const std::string& digest) {
    if (!file_changed_) return nullptr;  // a new file, or only its new lines are read
    if (!known_) {
        wait_for_shards();  // (what earlier files replaced is seen)
        known_.emplace();
        for (auto& a : articles_of_file(db_, file_key_))
            if (!a.digest.empty()) known_->emplace(std::move(a.digest), std::move(a.id));
    }
    auto it = known_->find(digest_value(digest));
    return it == known_->end() ? nullptr : &it->second;
}

void Writer::skip_record(const std::string& article_id) {
    file_ids_.insert(article_id);
    ++file_articles_;
    if (!force_read_) ++stats_.unchanged_articles;  // (a re-read's were counted in the walk)
}

bool Writer::wanted(const Article& a, bool repeated) {
    file_ids_.insert(term(FieldId::Id, a.id).substr(field(FieldId::Id).prefix.size()));  // (as articles_of_file() has it)
    ++file_articles_;
    if (repeated) return true;
    auto digest = stored_digest(a.id);
    // The same record (bytes and line) in the same file: the same bytes
    // at the same line of another file are another file's article.
    if (digest && *digest == a.digest && !added_ids_.count(term(FieldId::Id, a.id)) &&
        holder(a.id) == file_term(a.file_key)) {
        ++stats_.unchanged_articles;
        return false;
    }
    return true;
}

void Writer::add(const Article& a, std::vector<IndexDoc>&& docs) {
    if (docs.empty()) return;
    bool existed = !empty_at_start_ || added_ids_.count(term(FieldId::Id, a.id));
    existed = existed && stored_digest(a.id).has_value();
    if (existed && !empty_at_start_ && !options_.dry_run && !added_ids_.count(term(FieldId::Id, a.id))) {
        // It replaces an article another file holds (read in an earlier run).
        auto other = holder(a.id);
        if (other && *other != file_term(a.file_key)) {
            std::set<std::string> files = claims(a.id);
            files.insert(*other);
            files.insert(file_term(a.file_key));
            write_claims(a.id, files);
            replaced_.push_back({a.id, a.source, *other});
        }
    }
    ++(existed ? stats_.changed_articles : stats_.new_articles);
    // (A re-read's article was counted unchanged when the walk met its file.)
    if (force_read_ && stats_.unchanged_articles > 0) --stats_.unchanged_articles;
    if (options_.dry_run) {
        if (options_.list) options_.list(existed ? "changed" : "new", a.source);
        return;
    }
    try {
        const size_t k = shard_of(a.id, shards_.size());
        ShardQueue* queue = queues_.empty() ? nullptr : queues_[k].get();
        // A changed article replaces its document in place (Xapian then
        // updates only the terms whose frequency changed, and the document
        // keeps its id); its posts are written afresh.
        bool replace = false;
        if (existed && queue) {
            delete_article(k, a.id);
        } else if (existed) {
            shards_[k].delete_document(term(FieldId::Article, a.id));
            replace = true;
        }
        docs.front().doc.add_value(slot(Slot::Digest), digest_value(a.digest));
        for (IndexDoc& d : docs) {
            if (d.post) {
                ++stats_.posts;
            } else {
                ++stats_.articles;
                ++(d.dated ? stats_.dated_articles : stats_.undated_articles);
            }
            if (queue) queue->add(std::move(d.doc));
            else if (replace && !d.post) shards_[k].replace_document(term(FieldId::Id, a.id), d.doc);
            else shards_[k].add_document(d.doc);
            ++since_commit_;
        }
        added_ids_.insert(term(FieldId::Id, a.id));
        maybe_commit();
    } catch (const Xapian::Error& e) {
        throw Error(path_ + ": writing failed: " + e.get_description());
    }
}

std::optional<std::string> Writer::holder(const std::string& article_id) {
    const Xapian::Database db = read_shard_for(article_id);
    const std::string t = term(FieldId::Id, article_id), prefix(field(FieldId::File).prefix);
    auto it = db.postlist_begin(t);
    if (it == db.postlist_end(t)) return std::nullopt;
    Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
    auto f = doc.termlist_begin();
    f.skip_to(prefix);
    if (f == doc.termlist_end() || (*f).rfind(prefix, 0) != 0) return std::nullopt;
    return *f;
}

std::set<std::string> Writer::claims(const std::string& article_id) const {
    std::set<std::string> files;
    if (empty_at_start_ && options_.dry_run) return files;
    const std::string v = meta_read_.get_metadata(claim_key(term(FieldId::Id, article_id)));
    for (size_t start = 0; start < v.size();) {
        size_t nl = v.find('\n', start);
        if (nl == std::string::npos) nl = v.size();
        if (nl > start) files.insert(v.substr(start, nl - start));
        start = nl + 1;
    }
    return files;
}

void Writer::write_claims(const std::string& article_id, const std::set<std::string>& files) {
    std::string v;
    if (files.size() >= 2)
        for (const auto& f : files) v += f + "\n";
    meta_.set_metadata(claim_key(term(FieldId::Id, article_id)), v);  // ("": none)
}

void Writer::claim(const std::string& article_id, const std::string& file_key, const std::string& other_file_key) {
    if (options_.dry_run || file_key == other_file_key) return;
    claimed_in_run_.insert(term(FieldId::Id, article_id));
    std::set<std::string> files = claims(article_id);
    const size_t before = files.size();
    files.insert(file_term(file_key));
    files.insert(file_term(other_file_key));
    if (files.size() != before) write_claims(article_id, files);
}

// (Files removed in this run are gone from the records.)
std::unordered_map<std::string, std::string> Writer::file_keys() const {
    std::unordered_map<std::string, std::string> keys;
    if (empty_at_start_ && options_.dry_run) return keys;
    const std::string prefix(kFileKey);
    for (auto k = meta_read_.metadata_keys_begin(prefix); k != meta_read_.metadata_keys_end(prefix); ++k) {
        const std::string value = meta_read_.get_metadata(*k);
        size_t t1 = value.find('\t'), t2 = t1 == std::string::npos ? t1 : value.find('\t', t1 + 1);
        if (t2 == std::string::npos) continue;
        std::string file = value.substr(t2 + 1, value.find('\t', t2 + 1) - (t2 + 1));
        keys.emplace(file_term(file), std::move(file));
    }
    return keys;
}

std::vector<Writer::Replaced> Writer::take_replaced() {
    std::vector<Replaced> out;
    if (replaced_.empty()) return out;
    const auto keys = file_keys();
    for (auto& r : std::exchange(replaced_, {})) {
        auto k = keys.find(r.other);
        if (k == keys.end() || (read_files_.count(r.other) && !claimed_in_run_.count(term(FieldId::Id, r.id)))) {
            // The other file is gone, or was read in this run without it:
            // the article moved from there (no warning, and no claim left
            // of that file).
            std::set<std::string> files = claims(r.id);
            if (files.erase(r.other)) write_claims(r.id, files);
            continue;
        }
        r.other = shown(k->second);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<Writer::Reread> Writer::take_rereads() {
    std::vector<Reread> out;
    if (pending_.empty()) return out;
    const auto keys = file_keys();
    std::map<std::string, Reread> by_key;  // (in key order: the walk's, near enough; the last read wins)
    for (auto& p : std::exchange(pending_, {}))
        for (const auto& f : p.files) {
            auto k = keys.find(f);
            if (k == keys.end()) continue;  // that file is gone too
            Reread& r = by_key[k->second];
            r.key = k->second;
            r.path = shown(k->second);
            r.ids.push_back(p.article_id);
            r.gone_from.push_back(p.gone_from);
        }
    for (auto& [key, r] : by_key) out.push_back(std::move(r));
    return out;
}

void Writer::remove_article(const std::string& article_id, const std::string& file_key, const std::string& where) {
    // Another file holds it too: read that one again after the walk.
    std::set<std::string> files = claims(article_id);
    if (!files.empty()) {
        files.erase(file_term(file_key));
        if (!files.empty()) pending_.push_back({files, article_id, shown(file_key)});
        if (!options_.dry_run) write_claims(article_id, files);  // (one file left: no claim)
    }
    ++stats_.removed_articles;
    if (options_.dry_run) {
        if (options_.list) options_.list("removed", where);
        return;
    }
    // (A long id's Q term is cut and hashed: its shard is not known from
    // it, so it is deleted from each; shard_of() lower-cases as terms do.)
    const bool cut = article_id.size() + field(FieldId::Id).prefix.size() >= kMaxTermBytes;
    for (size_t k = 0; k < shards_.size(); ++k)
        if (cut || k == shard_of(article_id, shards_.size())) delete_article(k, article_id);
    ++since_commit_;
}

// An article (its Q term) and its posts (their XARTICLE term; an index made
// before schema 3 has it on the article too).
void Writer::delete_article(size_t k, const std::string& article_id) {
    for (const std::string& t : {term(FieldId::Id, article_id), term(FieldId::Article, article_id)}) {
        if (queues_.empty()) shards_[k].delete_document(t);
        else queues_[k]->remove(t);
    }
}

void Writer::file_done(const FileInfo& file) {
    try {
        if (file_changed_) {
            // Records the file no longer holds (a JSON line removed).
            wait_for_shards();
            for (const auto& a : articles_of_file(db_, file.key))
                if (!file_ids_.count(a.id)) remove_article(a.id, file.key, file.path + " (" + a.id + ")");
        }
        if (options_.dry_run) return;
        // A size is kept only where the file ends with a whole line, so that
        // "only grew" is never taken for a changed last line.
        Recorded r{file.digest, file_articles_, file.ends_with_newline ? file.size : 0, file.lines,
                   settled(file.mtime_ns), file.size};
        write_record(file.key, r);
        maybe_commit();
    } catch (const Xapian::Error& e) {
        throw Error(path_ + ": writing failed: " + e.get_description());
    }
}

void Writer::keep(const std::string& key) { kept_.push_back(key); }

void Writer::remove_missing(const std::vector<std::string>& roots) {
    if (empty_at_start_) return;
    std::vector<std::pair<std::string, std::string>> gone;  // metadata key, file key
    const std::string prefix(kFileKey);
    for (auto k = meta_read_.metadata_keys_begin(prefix); k != meta_read_.metadata_keys_end(prefix); ++k) {
        // A file this run met (its key spelled out in the record's, unless
        // that is hashed): not gone, and its record need not be read again.
        const std::string& name = *k;
        if (name.size() > prefix.size() && name[prefix.size()] != '#' &&
            seen_files_.count(name.substr(prefix.size())))
            continue;
        std::string value = meta_read_.get_metadata(name);
        // digest, articles, path[, size, lines]
        size_t t1 = value.find('\t'), t2 = t1 == std::string::npos ? t1 : value.find('\t', t1 + 1);
        if (t2 == std::string::npos) continue;
        std::string file = value.substr(t2 + 1, value.find('\t', t2 + 1) - (t2 + 1));
        bool in_roots = std::any_of(roots.begin(), roots.end(), [&](const auto& r) { return under(file, r); });
        bool kept = std::any_of(kept_.begin(), kept_.end(), [&](const auto& r) { return under(file, r); });
        if (in_roots && !kept && !seen_files_.count(file)) gone.emplace_back(*k, file);
    }
    try {
        for (const auto& [key, file] : gone) {
            wait_for_shards();
            for (const auto& a : articles_of_file(db_, file))
                remove_article(a.id, file, shown(file) + " (" + a.id + ")");
            if (!options_.dry_run) meta_.set_metadata(key, "");
        }
    } catch (const Xapian::Error& e) {
        throw Error(path_ + ": writing failed: " + e.get_description());
    }
}

void Writer::maybe_commit() {
    if (since_commit_ < kBatch) return;
    commit();
    since_commit_ = 0;
}

// The shards first, the meta part (the file records) last: see write.hpp.
void Writer::commit() {
    if (!queues_.empty()) {
        for (auto& q : queues_) q->commit();
        wait_for_shards();
    } else if (sharded_) {
        for (auto& s : shards_) s.commit();
    }
    meta_.commit();
}

void Writer::wait_for_shards() {
    for (auto& q : queues_) q->wait();
}

void Writer::finish(const SpellingCounts& spelling) {
    if (options_.dry_run) return;
    try {
        // A fresh build of a large corpus leaves out the words it met once:
        // mostly typos and codes, never worth suggesting (a suggestion must
        // be found in many more documents than the word typed), and a third
        // of the spelling data (Reuters-21578: 1.9 -> 1.3 MB).  A small
        // corpus keeps every word, and an update adds what it reads.
        const bool prune = options_.overwrite && stats_.articles + stats_.posts >= kPruneSpellingDocs;
        for (const auto& [word, freq] : spelling)
            if (freq > 1 || !prune) meta_.add_spelling(word, freq);
        commit();
        if (options_.merge && !queues_.empty()) {
            // The stub lists every segment, for the merge.
            std::vector<std::string> parts;
            for (size_t k = 0; k < queues_.size(); ++k)
                for (size_t j = 0; j < queues_[k]->segments().size(); ++j) parts.push_back(segment_name(k, j));
            std::ofstream stub(part_path(path_, kStubFile), std::ios::binary | std::ios::trunc);
            stub << stub_text(parts);
            if (!stub.flush()) throw Error(part_path(path_, kStubFile) + ": cannot write the stub file");
        }
    } catch (const Xapian::Error& e) {
        throw Error(path_ + ": commit failed: " + e.get_description());
    }
}

// ---- rebuild ------------------------------------------------------------------

Rebuild::Rebuild(const std::string& path, bool wait) : path_(path) {
    fresh_ = path + ".rebuild-" + std::to_string(getpid());
    build_ = fresh_ + ".build";
    std::error_code ec;
    {
        // The database (created empty if need be) stays locked: no other
        // writer while we rebuild, and searches meanwhile find an index.
        WriterOptions o;
        o.wait = wait;
        old_.emplace(open_writable(is_sharded_folder(path) ? part_path(path, kMetaPart) : path, o));
        // Holding the lock, any other rebuild folder of this database is a
        // leftover of a rebuild that was killed: remove it.
        fs::path p(path);
        std::string stale = p.filename().string() + ".rebuild-";
        fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().filename().string().rfind(stale, 0) == 0) fs::remove_all(it->path(), ec);
    }
    fs::remove_all(fresh_, ec);
    fs::remove_all(build_, ec);
}

Rebuild::~Rebuild() {
    std::error_code ec;
    fs::remove_all(build_, ec);
    if (!done_) fs::remove_all(fresh_, ec);
}

namespace {

void sync_tree(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) throw Error(dir + ": cannot open to sync: " + std::strerror(errno));
    int rc = ::syncfs(fd);
    ::close(fd);
    if (rc != 0) throw Error(dir + ": sync failed: " + std::strerror(errno));
}

// Compact each part of the fresh index (one database, or a sharded folder's
// meta and shards, in parallel), or merge a sharded folder into one database.
void compact_parts(const std::string& from, const std::string& to, bool merge) {
    std::vector<std::string> parts;
    if (is_sharded_folder(from) && !merge) {
        fs::create_directories(to);
        fs::copy_file(part_path(from, kStubFile), part_path(to, kStubFile));
        for (const Part& p : read_stub(part_path(from, kStubFile)))
            parts.push_back(fs::path(p.path).filename().string());
    } else {
        parts.push_back("");
    }
    std::mutex m;
    std::string failed;
    size_t next = 0;
    auto work = [&] {
        for (;;) {
            std::string part;
            {
                std::lock_guard<std::mutex> lock(m);
                if (next == parts.size() || !failed.empty()) return;
                part = parts[next++];
            }
            std::string src = part.empty() ? from : part_path(from, part), dst = part.empty() ? to : part_path(to, part);
            try {
                // FULL, as xapian-compact does: about 10 % faster searches than STANDARD.
                Xapian::Database(src).compact(dst, Xapian::Compactor::FULL);
                // The document dictionary beside the tables too, for news-search to map.
                write_dictionary_file(part_path(dst, kDocDictFile),
                                      Xapian::Database(dst).get_metadata(std::string(kMetaDocDict)));
            } catch (const Xapian::Error& e) {
                std::lock_guard<std::mutex> lock(m);
                failed = dst + ": compacting the rebuilt index failed: " + e.get_description();
            } catch (const Error& e) {
                std::lock_guard<std::mutex> lock(m);
                failed = e.what();
            }
        }
    };
    size_t n = std::min<size_t>(parts.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (size_t i = 1; i < n; ++i) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    if (!failed.empty()) throw Error(failed);
}

}  // namespace

void Rebuild::swap_in(bool merge) {
    compact_parts(build_, fresh_, merge);
    std::error_code ec;
    fs::remove_all(build_, ec);
    sync_tree(fresh_);
    if (old_) {
        // Exchange the two atomically: a search opening the path sees the old
        // index or the new one, never none; one already open keeps the old files.
        if (::renameat2(AT_FDCWD, fresh_.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) != 0) {
            if (errno != EINVAL && errno != ENOSYS)
                throw Error(path_ + ": cannot swap in the rebuilt index: " + std::strerror(errno));
            // No atomic exchange on this file system: move aside, then in.
            std::string aside = path_ + ".old-" + std::to_string(getpid());
            fs::rename(path_, aside);
            fs::rename(fresh_, path_);
            fs::rename(aside, fresh_);
        }
        old_->close();
        old_.reset();
    } else {
        fs::rename(fresh_, path_);
    }
    done_ = true;
    fs::remove_all(fresh_, ec);  // the old index, now under the fresh name
}

}  // namespace news::indexer
