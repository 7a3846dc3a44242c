#include "write.hpp"

#include "news/error.hpp"
#include "news/record_lines.hpp"
#include "news/schema.hpp"

#include <algorithm>
#include <chrono>

namespace news::indexer {
namespace {

bool under(const std::string& key, const std::string& root) {
    return key == root || (key.size() > root.size() && key.compare(0, root.size(), root) == 0 &&
                            (root.back() == '/' || key[root.size()] == '/'));
}

struct FileArticle {
    std::string id;      // as in its Q term
    std::string digest;  // Slot::Digest's value
    std::optional<uint32_t> number;  // in the file's line table (JSON Lines)
};

// The articles read from a file: their ids (as in their Q terms) and the
// digests of their records, read from the value streams in document order
// (a document's term list, which holds its Q term, is a zlib inflate each:
// a changed 21,578-record file spent a tenth of a second on those).
// records: a JSON Lines file's, with their numbers in its line table (the
// document data: 21,578 records in about 15 ms).
std::vector<FileArticle> articles_of_file(const Xapian::Database& db, const std::string& file_key, bool records) {
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
        FileArticle a{id_of_newest_key(*newest), at(digest, did) ? *digest : std::string(), std::nullopt};
        if (records)
            if (auto ref = parse_record_value(db.get_document(did, Xapian::DOC_ASSUME_VALID).get_data()))
                a.number = ref->number;
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace

// A modification time to record, or 0 for a file changed in the last two
// seconds: it might change again within the file system's clock tick and
// keep the same time and size, so the next run reads it (as git does with
// "racily clean" files).
int64_t Writer::settled(int64_t mtime_ns) {
    int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
    return mtime_ns > now - 2'000'000'000 ? 0 : mtime_ns;
}

uint64_t Writer::recorded_size(const std::string& key) const {
    auto rec = ledger_.find(key);
    return rec ? rec->size : 0;
}

std::optional<Writer::Stored> Writer::stored(const std::string& article_id) {
    const std::string t = term(FieldId::Id, article_id);
    if (store_.empty_at_start() && !added_ids_.count(t)) return std::nullopt;
    const Xapian::Database db = store_.shard_for(article_id);
    auto it = db.postlist_begin(t);
    if (it == db.postlist_end(t)) return std::nullopt;
    const Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
    return Stored{digest_hex(doc.get_value(slot(Slot::Digest))), doc.get_data()};
}

std::optional<std::string> Writer::holder(const std::string& article_id) {
    const Xapian::Database db = store_.shard_for(article_id);
    const std::string t = term(FieldId::Id, article_id), prefix(field(FieldId::File).prefix);
    auto it = db.postlist_begin(t);
    if (it == db.postlist_end(t)) return std::nullopt;
    Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
    auto f = doc.termlist_begin();
    f.skip_to(prefix);
    if (f == doc.termlist_end() || (*f).rfind(prefix, 0) != 0) return std::nullopt;
    return *f;
}

bool Writer::unchanged(const FileInfo& file) {
    auto rec = ledger_.find(file.key);
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
    numbers_.clear();
    file_key_ = file.key;
    auto rec = ledger_.find(file.key);
    if (!force_read_ && rec && rec->digest == file.digest) {
        duplicates_.file_begin(file.key, false);
        stats_.unchanged_articles += rec->articles;
        // The same bytes with a new time (touched, copied): recorded, so the
        // next run need not read it.
        if (rec->mtime_ns != settled(file.mtime_ns) || rec->file_size != file.size) {
            rec->mtime_ns = settled(file.mtime_ns);
            rec->file_size = file.size;
            ledger_.write(*rec);
        }
        return ReadFrom{true, 0, 0};
    }
    if (!force_read_ && rec && rec->size > 0 && file.size > rec->size && file.prefix_size == rec->size &&
        file.prefix_digest == rec->digest) {
        // Lines were only added: read the new ones; the others stay as they are.
        duplicates_.file_begin(file.key, false);
        if (file.records) lines_.load(file.key, rec->records);
        stats_.unchanged_articles += rec->articles;
        file_articles_ = rec->articles;
        file_changed_ = false;
        return ReadFrom{false, rec->size, rec->lines};
    }
    // Read whole (a re-read always): what it no longer holds is known.
    duplicates_.file_begin(file.key, true);
    file_changed_ = rec.has_value();
    if (file.records) lines_.load(file.key, rec ? rec->records : 0);
    return ReadFrom{};
}

void Writer::load_known() {
    if (known_) return;
    known_.emplace();  // (all(): what earlier files replaced is seen)
    for (auto& a : articles_of_file(store_.all(), file_key_, true)) {
        if (!a.number) continue;  // (not a JSON Lines record)
        numbers_.emplace(a.id, *a.number);
        if (!a.digest.empty()) known_->emplace(std::move(a.digest), Known{std::move(a.id), *a.number});
    }
}

const Writer::Known* Writer::known_record(const std::string& digest) {
    if (!file_changed_) return nullptr;  // a new file, or only its new lines are read
    load_known();
    auto it = known_->find(digest_value(digest));
    return it == known_->end() ? nullptr : &it->second;
}

void Writer::skip_record(const Known& record, size_t line) {
    file_ids_.insert(record.id);
    ++file_articles_;
    lines_.set(record.number, static_cast<uint32_t>(line));
    if (!force_read_) ++stats_.unchanged_articles;  // (a re-read's were counted in the walk)
}

// A record the file held before keeps its number (a changed record, or a
// record of an id read twice); another takes the next.
uint32_t Writer::record_number(const std::string& id) {
    if (file_changed_) load_known();
    auto [it, fresh] = numbers_.emplace(id, 0);
    if (fresh) it->second = lines_.add(0);
    return it->second;
}

bool Writer::wanted(const Article& a, bool repeated) {
    file_ids_.insert(term(FieldId::Id, a.id).substr(field(FieldId::Id).prefix.size()));  // (as articles_of_file() has it)
    ++file_articles_;
    if (repeated) return true;
    auto st = stored(a.id);
    // The same record (bytes) in the same file, wherever its line: the same
    // bytes in another file are another file's article.
    if (st && st->digest == a.digest && !added_ids_.count(term(FieldId::Id, a.id)) &&
        holder(a.id) == file_term(a.file_key)) {
        if (auto ref = parse_record_value(st->record)) lines_.set(ref->number, static_cast<uint32_t>(a.line));
        ++stats_.unchanged_articles;
        return false;
    }
    return true;
}

void Writer::add(const Article& a, std::vector<IndexDoc>&& docs) {
    if (docs.empty()) return;
    const std::string id_term = term(FieldId::Id, a.id);
    const bool added = added_ids_.count(id_term) > 0;
    const bool existed = (!store_.empty_at_start() || added) && stored(a.id).has_value();
    if (existed && !store_.empty_at_start() && !added) {
        // It replaces an article another file holds (read in an earlier run).
        auto other = holder(a.id);
        if (other && *other != file_term(a.file_key)) duplicates_.replaced(a, *other);
    }
    ++(existed ? stats_.changed_articles : stats_.new_articles);
    // (A re-read's article was counted unchanged when the walk met its file.)
    if (force_read_ && stats_.unchanged_articles > 0) --stats_.unchanged_articles;
    docs.front().doc.add_value(slot(Slot::Digest), digest_value(a.digest));
    if (a.line > 0) {  // a JSON Lines record: its number in the file's line table, on each document
        const uint32_t number = record_number(id_term.substr(field(FieldId::Id).prefix.size()));
        lines_.set(number, static_cast<uint32_t>(a.line));
        const std::string value = record_value(lines_.file(), number);
        for (IndexDoc& d : docs) d.doc.set_data(value);
    }
    store_.put(a.id, std::move(docs), existed, a.location);
    added_ids_.insert(id_term);
}

void Writer::remove_article(const std::string& article_id, const std::string& file_key, const std::string& where) {
    duplicates_.gone(article_id, file_key);  // (another file holds it too: read again after the walk)
    ++stats_.removed_articles;
    store_.remove(article_id, where);
}

void Writer::file_done(const FileInfo& file) {
    try {
        if (file_changed_) {
            // Records the file no longer holds (a JSON line removed).
            for (const auto& a : articles_of_file(store_.all(), file.key, file.records)) {
                if (file_ids_.count(a.id)) continue;
                remove_article(a.id, file.key, file.path + " (" + a.id + ")");
                if (a.number) lines_.set(*a.number, 0);
            }
        }
        if (file.records) lines_.write();
        // A size is kept only where the file ends with a whole line, so that
        // "only grew" is never taken for a changed last line.
        ledger_.write({file.key, file.digest, file_articles_, file.ends_with_newline ? file.size : 0, file.lines,
                       settled(file.mtime_ns), file.size, file.records ? lines_.size() : 0});
        store_.file_done();
    } catch (const Xapian::Error& e) {
        throw Error(store_.path() + ": writing failed: " + e.get_description());
    }
}

void Writer::remove_missing(const std::vector<std::string>& roots) {
    if (store_.empty_at_start()) return;
    auto is_under = [](const std::string& file, const std::vector<std::string>& paths) {
        return std::any_of(paths.begin(), paths.end(), [&](const auto& r) { return under(file, r); });
    };
    // A file this run met (its key spelled out in its record's name, unless
    // that is hashed): not gone, and its record need not be read.
    auto seen = [this](std::string_view key) { return seen_files_.count(std::string(key)) > 0; };
    try {
        for (const auto& e : ledger_.all(seen)) {
            const std::string& file = e.record.key;
            if (!is_under(file, roots) || is_under(file, kept_) || seen_files_.count(file)) continue;
            for (const auto& a : articles_of_file(store_.all(), file, false))
                remove_article(a.id, file, shown(file) + " (" + a.id + ")");
            LineTable::erase(store_, file, e.record.records);
            ledger_.erase(e.name);
        }
    } catch (const Xapian::Error& e) {
        throw Error(store_.path() + ": writing failed: " + e.get_description());
    }
}

WriteStats Writer::stats() const {
    WriteStats s = stats_;
    const Written& w = store_.written();
    s.articles = w.articles;
    s.posts = w.posts;
    s.dated_articles = w.dated_articles;
    s.undated_articles = w.undated_articles;
    return s;
}

}  // namespace news::indexer
