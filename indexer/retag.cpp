#include "retag.hpp"

#include "names.hpp"

#include "entity_tags.hpp"

#include "news/doc_codec.hpp"
#include "news/error.hpp"
#include "news/index_catalogue.hpp"
#include "news/schema.hpp"
#include "news/stored.hpp"
#include "news/text.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace news::indexer {
namespace {

// slug -> the entity's catalogue line: an entity whose line differs between
// two catalogues (added, removed, other aliases, kind or groups) is changed.
std::map<std::string, std::string> lines_by_slug(const Catalogue& c) {
    std::map<std::string, std::string> out;
    for (const Entity& e : c.entities()) out[e.slug] = Catalogue::line(e);
    return out;
}

// The line of the entity a name or code finds in c ("" for none).
std::string line_of(const Catalogue& c, std::string_view name) {
    const Entity* e = c.find(name);
    return e ? Catalogue::line(*e) : std::string();
}

// The documents that hold an alias of a changed entity, or are tagged with it.
Xapian::Query changed_entities_query(const Catalogue& before, const Catalogue& now) {
    const auto was = lines_by_slug(before), is = lines_by_slug(now);
    std::vector<Xapian::Query> parts;
    auto add = [&](const Catalogue& c, const std::string& slug) {
        for (const Entity& e : c.entities())
            if (e.slug == slug) {
                parts.emplace_back(term(FieldId::Entity, slug));
                for (const Alias& a : e.aliases) parts.push_back(alias_words_query(a.text));
            }
    };
    for (const auto& [slug, line] : was) {
        auto it = is.find(slug);
        if (it == is.end() || it->second != line) add(before, slug), add(now, slug);
    }
    for (const auto& [slug, line] : is)
        if (!was.count(slug)) add(now, slug);
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// The articles with a JSON Lines people or orgs code that names another
// entity now (or none, or one now).
Xapian::Query changed_codes_query(const Catalogue& before, const Catalogue& now, const Xapian::Database& db) {
    std::vector<Xapian::Query> parts;
    for (FieldId id : {FieldId::People, FieldId::Org}) {
        const std::string prefix(field(id).prefix);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            const std::string code = (*t).substr(prefix.size());
            if (line_of(before, code) != line_of(now, code)) parts.emplace_back(*t);
        }
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// Reads a document's stored record, finds its entities again, and writes
// it back through the store when they changed.
class Retagger {
public:
    Retagger(Store& store, const Catalogue& catalogue)
        : store_(store), catalogue_(catalogue), matcher_(catalogue),
          codec_(store.meta().get_metadata(std::string(kMetaDocDict)), DocCodec::kQuickLevel) {}

    // Whether the document changed; an article's id goes to articles.
    bool retag(Xapian::Document doc, std::set<std::string>& articles) {
        StoredDoc s = codec_.unpack(stored_record(doc));
        const bool post = s.type == kTypePost;
        if (!post) articles.insert(s.id);
        const EntityTags was = entity_tags_of(doc, s.entities);
        const EntityCodes codes{s.people, s.orgs};
        const EntityTags now = post ? find_entity_tags(matcher_, catalogue_, s.text, nullptr, context(s))
                                    : find_entity_tags(matcher_, catalogue_, s.title + "\n\n" + s.text, &codes);
        if (now == was) return false;
        set_entity_tags(doc, now);
        std::vector<const Entity*> catalogued;  // (as analyse.cpp gives add_names())
        for (const std::string& name : now.names)
            if (const Entity* e = catalogue_.find(name)) catalogued.push_back(e);
        if (post) replace_names(doc, catalogue_, {s.text}, catalogued);
        else replace_names(doc, catalogue_, {s.title, s.text}, catalogued);
        s.entities = now.names;
        doc.add_value(slot(Slot::Stored), codec_.pack(s));
        store_.retag(s.article, term(FieldId::Id, s.id), doc, s.location);
        return true;
    }

private:
    // What a post is read with: its article's title and prose (analyse.cpp).
    const std::string& context(const StoredDoc& post) {
        if (post.article != context_of_) {
            context_of_ = post.article;
            context_ = post.title;
            const Xapian::Database db = store_.shard_for(post.article);
            auto p = db.postlist_begin(term(FieldId::Id, post.article));
            if (p != db.postlist_end(term(FieldId::Id, post.article)))
                context_ += "\n\n" + codec_.unpack(stored_record(db.get_document(*p))).text;
        }
        return context_;
    }

    Store& store_;
    const Catalogue& catalogue_;
    Matcher matcher_;
    DocCodec codec_;
    std::string context_of_, context_;
};

// The matches of query in db, in document order.
std::vector<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<Xapian::docid> out;
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) out.push_back(*m);
    return out;
}

}  // namespace

Xapian::Query alias_words_query(const std::string& alias) {
    // The words as the analyser indexes them (analyse.cpp), unstemmed; a
    // text with lower-case letters writes some capitals otherwise ("IT":
    // news/text.hpp), hence the alias both alone and in such a text.
    Xapian::TermGenerator tg;
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    std::vector<Xapian::Query> variants;
    for (const std::string& text : {normalise_text(alias), normalise_text(alias + " zzq")}) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        std::vector<std::string> words(doc.termlist_begin(), doc.termlist_end());
        words.erase(std::remove(words.begin(), words.end(), "zzq"), words.end());
        if (!words.empty()) variants.emplace_back(Xapian::Query::OP_AND, words.begin(), words.end());
    }
    return Xapian::Query(Xapian::Query::OP_OR, variants.begin(), variants.end());
}

Retag::Retag(const Xapian::Database& meta, const Catalogue& catalogue, bool fresh) : now_(catalogue) {
    if (fresh) return;
    const std::string stamp = meta.get_metadata(std::string(kMetaRecognition));
    needed_ = stamp != recognition_stamp(catalogue);
    if (!needed_) return;
    // The catalogue the documents were tagged with, if the index says so
    // (else every document is read again).
    const std::string text = meta.get_metadata(std::string(kMetaCatalogue));
    if (text.empty() || stamp != std::string(kRecognitionRules) + ":" + digest_of(text)) return;
    try {
        Catalogue c;
        c.add(text, "(stored catalogue)");
        before_ = std::move(c);
    } catch (const Error&) {
    }
}

std::optional<Xapian::Query> Retag::candidates(const Xapian::Database& db) const {
    if (!before_) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_OR, changed_entities_query(*before_, now_),
                         changed_codes_query(*before_, now_, db));
}

size_t Retag::run(Store& store) {
    if (!needed_) return 0;
    const Xapian::Database& db = store.all();
    const std::optional<Xapian::Query> query = candidates(db);
    Retagger retagger(store, now_);
    std::set<std::string> articles;
    std::set<Xapian::docid> seen;
    size_t n = 0;
    for (Xapian::docid id : matches(db, query ? *query : Xapian::Query::MatchAll))
        if (seen.insert(id).second) n += retagger.retag(db.get_document(id), articles);
    // The posts of those articles: a post is read with its article.
    std::vector<Xapian::Query> posts;
    for (const auto& a : articles) posts.emplace_back(term(FieldId::Article, a));
    const Xapian::Query of_articles(Xapian::Query::OP_OR, posts.begin(), posts.end());
    for (Xapian::docid id : matches(db, of_articles))
        if (seen.insert(id).second) n += retagger.retag(db.get_document(id), articles);
    return n;
}

}  // namespace news::indexer
