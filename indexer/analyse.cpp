#include "analyse.hpp"

#include "entity_tags.hpp"

#include "names.hpp"

#include "news/field_facets.hpp"
#include "news/schema.hpp"
#include "news/stored.hpp"
#include "news/text.hpp"

#include <algorithm>

namespace news::indexer {
namespace {

// Positions skipped between the title and the text (and before a post's
// text): one is enough that no phrase spans two of them.  Xapian's default,
// 100, pushed every later position up by 100 or 200: position lists took
// 2 % more space (a first or last position over 127 takes two bytes).
constexpr Xapian::termpos kFieldGap = 1;

const std::vector<std::string> kNone;

}  // namespace

Analyser::Analyser(const Catalogue& catalogue, const std::string& dictionary, int level)
    : catalogue_(catalogue), matcher_(catalogue), level_(level), codec_(dictionary, level) {
    tg_.set_stemmer(text_stemmer());
    tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    tg_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    // Stop words are indexed as typed (phrases and queries of stop words
    // only find them) but not stemmed: queries drop them otherwise.
    tg_.set_stopper(&stopper());
    tg_.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
}

std::vector<IndexDoc> Analyser::analyse(const Article& article) {
    Segmented seg = segment(article.body);
    std::vector<IndexDoc> docs;
    docs.reserve(1 + seg.posts.size());
    docs.push_back(article_doc(article, seg));
    for (size_t i = 0; i < seg.posts.size(); ++i) docs.push_back(post_doc(article, seg.posts[i], i + 1, seg.prose));
    // The term generator keeps a handle on the last document; drop it, so the
    // documents go to the writer's thread with no reference left on this one
    // (Xapian's reference counts are not thread-safe).
    tg_.set_document(Xapian::Document());
    return docs;
}

void count_spelling(const Xapian::Document& doc, SpellingCounts& counts) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string& word = *t;
        unsigned char c = static_cast<unsigned char>(word[0]);
        if (!(c >= 'a' && c <= 'z') || word.size() < 2 || word.size() > 40) continue;
        bool letters = true;
        for (unsigned char ch : word) letters = letters && ((ch >= 'a' && ch <= 'z') || ch == '\'' || ch >= 0x80);
        if (letters) counts[word] += t.get_wdf();
    }
}

// Free text: normalised words with positions, plus #hashtags and @handles,
// into the term generator's document, after what it holds (set_document()
// would start the positions again from 0: the text's would then be mixed
// with the title's, and phrases match across them).
void Analyser::index_text(const std::string& text) {
    tg_.increase_termpos(kFieldGap);
    tg_.index_text(normalise_text(text));
    Tags tags = extract_tags(text);
    for (const auto& h : tags.hashtags) tg_.index_text_without_positions(h, 1, std::string(field(FieldId::Hashtag).prefix));
    for (const auto& m : tags.mentions) index_mention(m);
}

// An @handle (without its '@'), as the query parser reads `@handle`: one
// term; a handle with dots ("blinkparis.edits") is a phrase of its parts
// there, so its terms get positions.
void Analyser::index_mention(const std::string& handle) {
    const std::string prefix(field(FieldId::Mention).prefix);
    if (handle.find('.') == std::string::npos) {
        tg_.index_text_without_positions(handle, 1, prefix);
        return;
    }
    tg_.increase_termpos(kFieldGap);
    tg_.index_text(handle, 1, prefix);
}

// The entities (entity_tags.hpp) on doc; their names, for the stored record.
// `found` gets the catalogue's entities among them (for add_names()).
std::vector<std::string> Analyser::add_entities(Xapian::Document& doc, const std::string& text,
                                                const Article* json_codes, std::vector<const Entity*>& found,
                                                const std::string& context) {
    const EntityCodes codes{json_codes ? json_codes->people : kNone, json_codes ? json_codes->orgs : kNone};
    EntityTags tags = find_entity_tags(matcher_, catalogue_, text, json_codes ? &codes : nullptr, context);
    set_entity_tags(doc, tags);
    for (const std::string& name : tags.names)
        if (const Entity* e = catalogue_.find(name)) found.push_back(e);
    return std::move(tags.names);
}

void Analyser::add_date(Xapian::Document& doc, const std::optional<Date>& date, const std::string& id) {
    const std::string key = date ? date->key() : std::string();
    doc.add_value(slot(Slot::Newest), newest_key(key, id));
    if (!date) {
        doc.add_boolean_term(std::string(field(FieldId::Undated).prefix));
        return;
    }
    doc.add_value(slot(Slot::Date), key);
    doc.add_boolean_term(term(FieldId::Year, std::to_string(date->year)));
    doc.add_boolean_term(term(FieldId::Month, date->month_key()));
    doc.add_boolean_term(term(FieldId::Day, date->key()));
}

namespace {

// An article's stored record with this text, but for the entities, which
// take the analysis to find (article_doc() adds them; the dictionary's
// samples go without, and with the whole body as text, posts included).
StoredDoc article_record(const Article& a, std::string text) {
    StoredDoc s;
    s.id = a.id;
    s.type = std::string(kTypeArticle);
    s.title = a.title;
    if (a.date) s.date = a.date->iso();
    s.location = a.location;
    s.article = a.id;
    s.publication = a.publication;
    s.url = a.url;
    s.text = std::move(text);
    return s;
}

struct EnoughSamples {};

}  // namespace

std::string train_dictionary(const std::vector<std::string>& paths) {
    struct Sampler final : ReadSink {
        std::vector<std::string> samples;
        bool sampling() const override { return true; }
        void article(Article&& a) override {
            samples.push_back(encode(article_record(a, a.body)));
            if (samples.size() >= DocCodec::kSamples) throw EnoughSamples{};
        }
    } sampler;
    std::vector<std::string>& samples = sampler.samples;
    ReadStats stats;
    try {
        read_paths(paths, sampler, stats);
    } catch (const EnoughSamples&) {
    }
    return DocCodec::train(samples);
}

namespace {

void add_common(Xapian::Document& doc, const Article& a, std::string_view type, const std::string& id) {
    doc.add_boolean_term(term(FieldId::Id, id));
    doc.add_boolean_term(term(FieldId::Type, type));
    // A post's article; an article's own id is its Q term (article:ID
    // looks for both): a term a document less costs 1.3 % of the index.
    if (type == kTypePost) doc.add_boolean_term(term(FieldId::Article, a.id));
    doc.add_boolean_term(file_term(a.file_key.empty() ? a.file : a.file_key));
    doc.add_value(slot(Slot::Type), type_value(type));
}

// A post's platform: its XPLATFORM term, another for the name users may
// also type (platform:twitter), and Slot::Platform for the facet.
void add_platform(Xapian::Document& doc, std::string_view platform) {
    doc.add_boolean_term(term(FieldId::Platform, platform));
    for (const Platform& known : kPlatforms)
        if (known.name == platform && !known.alias.empty()) doc.add_boolean_term(term(FieldId::Platform, known.alias));
    doc.add_value(slot(Slot::Platform), std::string(platform));
}

}  // namespace

IndexDoc Analyser::article_doc(const Article& a, const Segmented& seg) {
    IndexDoc out;
    out.uid = term(FieldId::Id, a.id);
    out.dated = a.date.has_value();
    Xapian::Document& doc = out.doc;
    add_common(doc, a, kTypeArticle, a.id);
    add_date(doc, a.date, a.id);

    // The title is searchable on its own (title:) and as part of the text,
    // where its words count twice (bench/relevance: better on CISI and MED).
    tg_.set_document(doc);
    std::string title = normalise_text(a.title);
    tg_.index_text(title, 1, std::string(field(FieldId::Title).prefix));
    tg_.increase_termpos(kFieldGap);
    tg_.index_text(title, 2);
    index_text(seg.prose);

    const struct { const std::vector<std::string>* list; FieldId id; } codes[] = {
        {&a.people, FieldId::People}, {&a.places, FieldId::Place}, {&a.orgs, FieldId::Org},
        {&a.topics, FieldId::Topic}, {&a.exchanges, FieldId::Exchange}};
    FieldFacetValues values;  // each value's filter term, and the facets' values
    for (const auto& c : codes)
        for (const auto& v : *c.list) values.add(doc, c.id, v);
    values.add(doc, FieldId::Source, a.publication);
    values.write(doc);

    StoredDoc s = article_record(a, seg.prose);
    std::vector<const Entity*> found;
    s.entities = add_entities(doc, a.title + "\n\n" + seg.prose, &a, found);
    s.people = a.people;
    s.orgs = a.orgs;
    add_names(doc, catalogue_, {a.title, seg.prose}, found);
    doc.add_value(slot(Slot::Stored), codec_.pack(s));
    return out;
}

IndexDoc Analyser::post_doc(const Article& a, const Post& p, size_t n, const std::string& prose) {
    IndexDoc out;
    std::string id = a.id + "#" + std::to_string(n);
    out.uid = term(FieldId::Id, id);
    out.post = true;
    std::optional<Date> date = p.date ? p.date : a.date;
    out.dated = date.has_value();
    Xapian::Document& doc = out.doc;
    add_common(doc, a, kTypePost, id);
    add_date(doc, date, id);

    const std::string handle = !p.handle.empty() && p.handle.front() == '@' ? p.handle.substr(1) : p.handle;
    doc.add_boolean_term(author_term(handle));
    add_platform(doc, p.platform);
    tg_.set_document(doc);
    index_text(p.text);
    // The author is found by their display name's words ("lisa updates")
    // and by their handle as typed (@handle), whatever the platform.  The
    // name's words weigh nothing (wdf 0, no document length): they make the
    // post match, and count as words it holds (all-words-first ranking),
    // but add no weight, so that a fan account named "Lady Gaga Fans Chile"
    // does not outweigh the posts whose text names Lady Gaga.
    if (!p.display_name.empty()) {
        tg_.increase_termpos(kFieldGap);
        tg_.index_text(normalise_text(p.display_name), 0);
    }
    index_mention(handle);
    // author:NAME looks for the display name's words here, in any script or
    // style ("𝗝 𝗮 𝘆", "눈꽃왕자 태"); wdf 0 as above.
    tg_.index_text_without_positions(normalise_text(p.display_name), 0,
                                     std::string(field(FieldId::AuthorName).prefix));

    StoredDoc s;
    s.id = id;
    s.type = std::string(kTypePost);
    s.title = a.title;
    if (date) s.date = date->iso();
    s.location = a.location;
    s.article = a.id;
    s.platform = p.platform;
    s.author = p.handle;
    s.author_name = p.display_name;
    s.publication = a.publication;
    s.url = a.url;
    std::vector<const Entity*> found;
    s.entities = add_entities(doc, p.text, nullptr, found, a.title + "\n\n" + prose);
    add_names(doc, catalogue_, {p.text}, found);
    s.text = p.text;
    doc.add_value(slot(Slot::Stored), codec_.pack(s));
    return out;
}

}  // namespace news::indexer
