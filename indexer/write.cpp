#include "write.hpp"

#include "news/error.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

namespace news::indexer {
namespace {

constexpr size_t kBatch = 20000;  // documents per commit

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

}  // namespace

Writer::Writer(const std::string& path, const Catalogue& catalogue) : path_(path) {
    try {
        db_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        std::string version = db_.get_metadata(std::string(kMetaSchemaVersion));
        was_empty_ = db_.get_doccount() == 0;
        if (!was_empty_ && version != kSchemaVersion)
            throw Error(path + ": made by another version of news-index (schema \"" + version +
                        "\"); index into a new --db or delete it and run news-index again");
        db_.set_metadata(std::string(kMetaSchemaVersion), std::string(kSchemaVersion));
        db_.set_metadata(std::string(kMetaCatalogue), catalogue.text());
        add_synonyms(db_, catalogue);
    } catch (const Xapian::DatabaseLockError&) {
        throw Error(path + ": another news-index holds this database; wait for it to finish");
    } catch (const Xapian::Error& e) {
        throw Error(path + ": cannot open the database for writing: " + e.get_description());
    }
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

void Writer::add(std::vector<IndexDoc>&& docs) {
    if (docs.empty()) return;
    try {
        // A fresh database needs no look-ups, unless an id comes twice.
        bool fresh = was_empty_ && seen_.insert(docs.front().uid).second;
        if (!fresh) {
            // Replace the article and every post it had before.
            for (auto t = docs.front().doc.termlist_begin(); t != docs.front().doc.termlist_end(); ++t) {
                if ((*t).rfind(field(FieldId::Article).prefix, 0) == 0) {
                    db_.delete_document(*t);
                    break;
                }
            }
        }
        for (IndexDoc& d : docs) {
            note_spelling(d.doc);
            if (d.post) {
                ++stats_.posts;
            } else {
                ++stats_.articles;
                ++(d.dated ? stats_.dated_articles : stats_.undated_articles);
            }
            if (fresh)
                db_.add_document(d.doc);
            else
                db_.replace_document(d.uid, d.doc);
            if (++since_commit_ >= kBatch) {
                db_.commit();
                since_commit_ = 0;
            }
        }
    } catch (const Xapian::Error& e) {
        throw Error(path_ + ": writing failed: " + e.get_description());
    }
}

void Writer::finish() {
    try {
        for (const auto& [word, freq] : spelling_) db_.add_spelling(word, freq);
        spelling_.clear();
        db_.commit();
    } catch (const Xapian::Error& e) {
        throw Error(path_ + ": commit failed: " + e.get_description());
    }
}

}  // namespace news::indexer
