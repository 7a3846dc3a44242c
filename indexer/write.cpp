#include "write.hpp"

#include "news/error.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace news::indexer {
namespace {

constexpr size_t kBatch = 20000;  // documents per commit (and Xapian's flush threshold)
constexpr std::string_view kFileKey = "news:file:";

// Aliases become synonyms of their entity's term, so that a word in a query
// ("taehyung") also finds what is tagged with the entity (V).
void add_synonyms(Xapian::WritableDatabase& db, const Catalogue& catalogue) {
    for (const Entity& e : catalogue.entities()) {
        std::string target = term(FieldId::Entity, e.slug);
        for (const Alias& a : e.aliases) {
            std::string key;
            for (const Word& w : split_words(a.text)) {
                if (w.cjk) { key.clear(); break; }  // CJK is n-grams: no synonym key
                if (!key.empty()) key += ' ';
                key += w.key;
            }
            if (!key.empty()) db.add_synonym(key, target);
        }
    }
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

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The article ids (as in their XARTICLE terms) of the articles read from a file.
std::vector<std::string> articles_of_file(const Xapian::Database& db, const std::string& file_key) {
    std::vector<std::string> ids;
    const std::string file_term = term(FieldId::File, file_key);
    const std::string prefix(field(FieldId::Article).prefix);
    for (auto p = db.postlist_begin(file_term); p != db.postlist_end(file_term); ++p) {
        Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
        if (doc.get_value(slot(Slot::Type)) != kTypeArticle) continue;
        auto t = doc.termlist_begin();
        t.skip_to(prefix);
        if (t != doc.termlist_end() && (*t).rfind(prefix, 0) == 0) ids.push_back((*t).substr(prefix.size()));
    }
    return ids;
}

Xapian::WritableDatabase open_writable(const std::string& path, const WriterOptions& o) {
    int flags = o.overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
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
        }
    }
}

}  // namespace

Writer::Writer(const std::string& path, const Catalogue& catalogue, WriterOptions options)
    : path_(path), options_(std::move(options)) {
    // Xapian flushes every 10,000 documents by default; one flush a batch is faster.
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(kBatch).c_str(), 0);
    try {
        if (options_.dry_run) {
            if (fs::exists(path)) db_ = Xapian::Database(path);
        } else {
            wdb_ = open_writable(path, options_);
            db_ = wdb_;
        }
        empty_at_start_ = db_.get_doccount() == 0;
        std::string version = db_.get_metadata(std::string(kMetaSchemaVersion));
        if (!empty_at_start_ && version != kSchemaVersion)
            throw Error(path + ": made by another version of news-index (schema \"" + version +
                        "\"); run news-index --rebuild");
        if (options_.dry_run) return;
        std::string text = catalogue.text();
        if (db_.get_metadata(std::string(kMetaCatalogue)) != text) {
            // A new catalogue: its aliases replace the synonyms of the old one.
            for (auto k = db_.synonym_keys_begin(); k != db_.synonym_keys_end(); ++k) wdb_.clear_synonyms(*k);
            wdb_.set_metadata(std::string(kMetaCatalogue), text);
            add_synonyms(wdb_, catalogue);
        }
        wdb_.set_metadata(std::string(kMetaSchemaVersion), std::string(kSchemaVersion));
    } catch (const Xapian::Error& e) {
        throw Error(path + ": cannot open the database: " + e.get_description());
    }
}

// A file's record: "digest <TAB> articles <TAB> path <TAB> size <TAB> lines".
std::optional<Writer::Recorded> Writer::recorded(const std::string& key) const {
    if (empty_at_start_) return std::nullopt;
    std::string v = db_.get_metadata(ledger_key(key));
    std::vector<std::string> f;
    for (size_t start = 0;;) {
        size_t tab = v.find('\t', start);
        f.push_back(v.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
    }
    if (v.empty() || f.size() < 3) return std::nullopt;
    Recorded r{f[0], std::strtoul(f[1].c_str(), nullptr, 10), 0, 0};
    if (f.size() >= 5) {
        r.size = std::strtoull(f[3].c_str(), nullptr, 10);
        r.lines = std::strtoul(f[4].c_str(), nullptr, 10);
    }
    return r;
}

uint64_t Writer::recorded_size(const std::string& key) const {
    auto rec = recorded(key);
    return rec ? rec->size : 0;
}

std::optional<std::string> Writer::stored_digest(const std::string& article_id) const {
    if (empty_at_start_ && !added_ids_.count(article_id)) return std::nullopt;
    const std::string t = term(FieldId::Id, article_id);
    auto it = db_.postlist_begin(t);
    if (it == db_.postlist_end(t)) return std::nullopt;
    return db_.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(slot(Slot::Digest));
}

ReadFrom Writer::file_begin(const FileInfo& file) {
    seen_files_.insert(file.key);
    file_ids_.clear();
    file_articles_ = 0;
    auto rec = recorded(file.key);
    if (rec && rec->digest == file.digest) {
        stats_.unchanged_articles += rec->articles;
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
    return ReadFrom{};
}

bool Writer::wanted(const Article& a) {
    file_ids_.insert(lower(a.id));
    ++file_articles_;
    auto digest = stored_digest(a.id);
    if (digest && *digest == a.digest && !added_ids_.count(a.id)) {
        ++stats_.unchanged_articles;
        return false;
    }
    return true;
}

void Writer::add(const Article& a, std::vector<IndexDoc>&& docs) {
    if (docs.empty()) return;
    bool existed = !empty_at_start_ || added_ids_.count(a.id);
    existed = existed && stored_digest(a.id).has_value();
    ++(existed ? stats_.changed_articles : stats_.new_articles);
    if (options_.dry_run) {
        if (options_.list) options_.list(existed ? "changed" : "new", a.source);
        return;
    }
    try {
        if (existed) wdb_.delete_document(term(FieldId::Article, a.id));
        docs.front().doc.add_value(slot(Slot::Digest), a.digest);
        for (IndexDoc& d : docs) {
            note_spelling(d.doc);
            if (d.post) {
                ++stats_.posts;
            } else {
                ++stats_.articles;
                ++(d.dated ? stats_.dated_articles : stats_.undated_articles);
            }
            wdb_.add_document(d.doc);
            ++since_commit_;
        }
        added_ids_.insert(a.id);
        maybe_commit();
    } catch (const Xapian::Error& e) {
        throw Error(path_ + ": writing failed: " + e.get_description());
    }
}

void Writer::remove_article(const std::string& article_id, const std::string& where) {
    ++stats_.removed_articles;
    if (options_.dry_run) {
        if (options_.list) options_.list("removed", where);
        return;
    }
    wdb_.delete_document(term(FieldId::Article, article_id));
    ++since_commit_;
}

void Writer::file_done(const FileInfo& file) {
    try {
        if (file_changed_) {
            // Records the file no longer holds (a JSON line removed).
            for (const auto& id : articles_of_file(db_, file.key))
                if (!file_ids_.count(id)) remove_article(id, file.path + " (" + id + ")");
        }
        if (options_.dry_run) return;
        // A size is kept only where the file ends with a whole line, so that
        // "only grew" is never taken for a changed last line.
        uint64_t size = file.ends_with_newline ? file.size : 0;
        wdb_.set_metadata(ledger_key(file.key), file.digest + "\t" + std::to_string(file_articles_) + "\t" +
                                                    file.key + "\t" + std::to_string(size) + "\t" +
                                                    std::to_string(file.lines));
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
    for (auto k = db_.metadata_keys_begin(prefix); k != db_.metadata_keys_end(prefix); ++k) {
        std::string value = db_.get_metadata(*k);
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
            for (const auto& id : articles_of_file(db_, file)) remove_article(id, shown(file) + " (" + id + ")");
            if (!options_.dry_run) wdb_.set_metadata(key, "");
        }
    } catch (const Xapian::Error& e) {
        throw Error(path_ + ": writing failed: " + e.get_description());
    }
}

void Writer::maybe_commit() {
    if (since_commit_ < kBatch) return;
    wdb_.commit();
    since_commit_ = 0;
}

void Writer::note_spelling(const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string& word = *t;
        unsigned char c = static_cast<unsigned char>(word[0]);
        // Unprefixed, unstemmed words of two or more letters: spelling suggestions.
        if (!(c >= 'a' && c <= 'z') || word.size() < 2 || word.size() > 40) continue;
        bool letters = true;
        for (unsigned char ch : word) letters = letters && ((ch >= 'a' && ch <= 'z') || ch == '\'' || ch >= 0x80);
        if (letters) spelling_[word] += t.get_wdf();
    }
}

void Writer::finish() {
    if (options_.dry_run) return;
    try {
        for (const auto& [word, freq] : spelling_) wdb_.add_spelling(word, freq);
        spelling_.clear();
        wdb_.commit();
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
        old_.emplace(open_writable(path, o));
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

}  // namespace

void Rebuild::swap_in() {
    try {
        Xapian::Database(build_).compact(fresh_);
    } catch (const Xapian::Error& e) {
        throw Error(fresh_ + ": compacting the rebuilt index failed: " + e.get_description());
    }
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
