#include "parse.hpp"

#include "aliases.hpp"
#include "filters.hpp"
#include "names.hpp"
#include "positional.hpp"
#include "ranking.hpp"
#include "shard_query.hpp"
#include "workarounds.hpp"

#include "news/error.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>
#include <string_view>
#include <vector>

namespace news::searcher {
namespace {

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                            Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                            Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

// How much more a document holding all the words weighs than one holding
// some: large enough that all-words documents rank first.
constexpr double kAllWordsBoost = 100.0;

// Longer queries are refused: Xapian's parser and matcher take seconds on
// thousands of words (a pasted article), and no search needs them.
constexpr size_t kMaxQueryWords = 500;

// Spelling: a word is corrected when no document holds it (as typed or by
// its stem), or when it is rare (in fewer than kRareWord documents) and the
// correction is in at least kCommoner times as many; never into a stop word.  Xapian's parser would offer its suggestion for every
// word, valid ones too ("grain" -> "gain", "rates" -> "rate"), and look one
// up for every word of every query (a tenth of a query's time).
constexpr Xapian::doccount kRareWord = 10;
constexpr Xapian::doccount kCommoner = 20;

// In how many documents a word is, as typed or by its stem ("songs" is a
// known word where "song" is).
Xapian::doccount word_frequency(const Xapian::Database& db, const Xapian::Stem& stem, const std::string& word) {
    return std::max(db.get_termfreq(word), db.get_termfreq(stem_term(stem(word))));
}

// The free-text words of a normalised query: not a field's name or value
// (title:, artist:...; the values too with field_values), not an operator
// (AND, OR, ...), not a wildcard.
std::vector<Word> query_words(const std::string& normalised, bool field_values = false) {
    std::vector<Word> out;
    for (Word& w : split_words(normalised)) {
        if (!field_values && w.begin > 0 && normalised[w.begin - 1] == ':') continue;  // a field's value
        if (w.end < normalised.size() && (normalised[w.end] == ':' || normalised[w.end] == '*')) continue;
        const std::string_view text(normalised.data() + w.begin, w.end - w.begin);
        if (is_operator(text)) continue;
        out.push_back(std::move(w));
    }
    return out;
}

// An alias of an entity (jhope, bangtan) is a word the user meant: it finds
// its entity's documents, so it is never "corrected" into another word.
std::string spelling_correction(const Xapian::Database& db, IndexCatalogue& catalogue, const std::string& normalised) {
    static const Xapian::Stem stem{std::string(kStemLanguage)};
    std::string corrected;
    size_t copied = 0;
    for (const Word& w : query_words(normalised)) {
        if (w.cjk || w.key.size() < 2) continue;
        if (w.key.find_first_not_of("0123456789") == std::string::npos) continue;
        const Xapian::doccount freq = word_frequency(db, stem, w.key);
        if (freq >= kRareWord || catalogue.slug_of(w.key)) continue;
        std::string suggestion = db.get_spelling_suggestion(w.key);
        if (suggestion.empty() || suggestion == w.key || stopper()(suggestion)) continue;  // never a word queries drop
        if (freq > 0 && word_frequency(db, stem, suggestion) < kCommoner * freq) continue;
        corrected.append(normalised, copied, w.begin - copied).append(suggestion);
        copied = w.end;
    }
    if (copied == 0) return "";
    return corrected.append(normalised, copied, std::string::npos);
}

// A query of stop words only ("the who", "to be or not to be", "title:the"):
// Xapian's parser then keeps them, and they are looked for as typed, the
// form the index holds them in (news-index does not stem stop words).
bool only_stop_words(const std::string& normalised) {
    std::vector<Word> words = query_words(normalised, true);
    return !words.empty() &&
           std::all_of(words.begin(), words.end(), [](const Word& w) { return !w.cjk && stopper()(w.key); });
}

// The words of a query that only excludes ("NOT gold", "-gold -silver"),
// as a query of what to exclude (any of them); "" when it includes words.
std::string excluded_only(const std::string& normalised) {
    std::vector<std::string> tokens;
    for (size_t i = 0; i < normalised.size();) {
        const size_t start = normalised.find_first_not_of(" \t", i);
        if (start == std::string::npos) break;
        const size_t end = std::min(normalised.find_first_of(" \t", start), normalised.size());
        tokens.push_back(normalised.substr(start, end - start));
        i = end;
    }
    if (tokens.size() > 1 && tokens.front() == "NOT") {
        const size_t at = normalised.find("NOT") + 3;
        return normalised.substr(at);
    }
    std::string out;
    for (const std::string& t : tokens) {
        if (t.size() < 2 || t[0] != '-') return "";
        out += (out.empty() ? "" : " OR ") + t.substr(1);
    }
    return out;
}

// What a user should know about how a query was read (on stderr): an
// unclosed quote, a prefix that is no field.
std::vector<std::string> query_notes(const std::string& normalised) {
    std::vector<std::string> notes;
    if (std::count(normalised.begin(), normalised.end(), '"') % 2 == 1)
        notes.push_back("the query's last quote is not closed: its phrase runs to the end of the query");
    bool in_quotes = false;
    for (size_t i = 0; i < normalised.size(); ++i) {
        const char c = normalised[i];
        if (c == '"') in_quotes = !in_quotes;
        if (in_quotes || c != ':' || i == 0) continue;
        size_t b = i;
        while (b > 0 && std::isalpha(static_cast<unsigned char>(normalised[b - 1]))) --b;
        if (b == i || (b > 0 && !std::isspace(static_cast<unsigned char>(normalised[b - 1])) &&
                       normalised[b - 1] != '(' && normalised[b - 1] != '-' && normalised[b - 1] != '+'))
            continue;
        const std::string name = normalised.substr(b, i - b);
        if (name == "date" || name == "mention" || name == "hashtag") continue;
        const bool known = std::any_of(std::begin(kFields), std::end(kFields),
                                       [&](const Field& f) { return !f.name.empty() && f.name == name; });
        if (!known)
            notes.push_back("\"" + name + ":\" is not a field: what follows it was searched as words "
                            "(news-search --help lists the fields)");
    }
    return notes;
}

// The query as typed, quoted for a message.
std::string quoted_query(const std::string& q) { return "\"" + q + "\""; }

std::string strip_quotes(std::string s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

// artist:NAME — any alias, any case.
class ArtistProcessor : public Xapian::FieldProcessor {
public:
    ArtistProcessor(IndexCatalogue& c, const Xapian::Database& db, std::vector<std::string>& notes)
        : catalogue_(c), db_(db), notes_(notes) {}
    Xapian::Query operator()(const std::string& value) override {
        return entity_filter(catalogue_, db_, strip_quotes(value), &notes_);
    }

private:
    IndexCatalogue& catalogue_;
    Xapian::Database db_;
    std::vector<std::string>& notes_;
};

// person:NAME, organisation:NAME, location:NAME (names.hpp).
class NameProcessor : public Xapian::FieldProcessor {
public:
    NameProcessor(IndexCatalogue& c, const Xapian::Database& db, FieldId kind) : catalogue_(c), db_(db), kind_(kind) {}
    Xapian::Query operator()(const std::string& value) override {
        return name_filter(catalogue_, db_, kind_, strip_quotes(value));
    }

private:
    IndexCatalogue& catalogue_;
    Xapian::Database db_;
    FieldId kind_;
};

// author:@handle (the '@' is optional) or author:NAME, author:"DISPLAY NAME":
// the handle, or all the words of the display name (author_name_query()).
class AuthorProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& value) override {
        const std::string v = strip_quotes(value);
        Xapian::Query by_handle(author_term(v));
        if (!v.empty() && v.front() == '@') return by_handle;
        return Xapian::Query(Xapian::Query::OP_OR, by_handle, author_name_query(v));
    }
};

// article:ID — the article (its Q term) and its posts (their XARTICLE term).
class ArticleProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& value) override {
        std::string id = strip_quotes(value);
        return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(term(FieldId::Id, id)),
                             Xapian::Query(term(FieldId::Article, id)));
    }
};

// file:PATH — the documents read from that file (a relative path is taken
// from the working folder, as news-index takes it).
class FileProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(file_term(path_key(strip_quotes(value))));
    }
};

// date:A..B — either end may be omitted.
class DateProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& value) override {
        std::string v = strip_quotes(value);
        size_t dots = v.find("..");
        if (dots == std::string::npos) return date_filter(v, v, "date");
        return date_filter(v.substr(0, dots), v.substr(dots + 2), "date");
    }
};

bool is_word_start(const std::string& s, size_t i) {
    if (i == 0) return true;
    char p = s[i - 1];
    return p == ' ' || p == '(' || p == '-' || p == '+' || p == '\t';
}

// The query with its operators (AND, NOT, NEAR/3, ...) lower-cased, so
// that Xapian reads them as words.
std::string operators_as_words(std::string q) {
    size_t i = 0;
    while (i < q.size()) {
        size_t j = i;
        while (j < q.size() && !std::isspace(static_cast<unsigned char>(q[j])) && q[j] != '(' && q[j] != ')' &&
               q[j] != '"')
            ++j;
        if (j == i) {
            ++i;
            continue;
        }
        std::string_view w(q.data() + i, j - i);
        w = w.substr(0, w.find('/'));
        if (is_operator(w))
            for (size_t k = i; k < j; ++k) q[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(q[k])));
        i = j;
    }
    return q;
}

}  // namespace

std::string rewrite_query(const std::string& q) {
    std::string out;
    out.reserve(q.size() + 16);
    bool in_quotes = false;
    for (size_t i = 0; i < q.size();) {
        char c = q[i];
        if (c == '"') {
            in_quotes = !in_quotes;
            out += c;
            ++i;
            continue;
        }
        if (!in_quotes && (c == '@' || c == '#') && is_word_start(q, i) && i + 1 < q.size() && q[i + 1] != ' ') {
            bool after_author = out.size() >= 7 && out.compare(out.size() - 7, 7, "author:") == 0;
            out += after_author ? std::string(1, c) : (c == '@' ? "mention:" : "hashtag:");
            ++i;
            continue;
        }
        // A run of CJK characters: bracketed unless inside a phrase.
        Xapian::Utf8Iterator it(q.data() + i, q.size() - i);
        if (!in_quotes && static_cast<unsigned char>(c) >= 0x80 && is_cjk(*it)) {
            size_t j = i;
            while (j < q.size()) {
                Xapian::Utf8Iterator jt(q.data() + j, q.size() - j);
                if (!is_cjk(*jt)) break;
                ++jt;
                j = static_cast<size_t>(jt.raw() - q.data());
            }
            out += "(" + q.substr(i, j - i) + ")";
            i = j;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const Catalogue& catalogue)
    : QueryBuilder(db, std::make_unique<IndexCatalogue>(catalogue), nullptr) {}

QueryBuilder::QueryBuilder(const Xapian::Database& db, IndexCatalogue& catalogue)
    : QueryBuilder(db, nullptr, &catalogue) {}

QueryBuilder::QueryBuilder(const Xapian::Database& db, std::unique_ptr<IndexCatalogue> own, IndexCatalogue* catalogue)
    : db_(db), own_(std::move(own)), catalogue_(catalogue ? catalogue : own_.get()) {
    qp_.set_database(db);
    qp_.set_stemmer(text_stemmer());
    qp_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp_.set_stopper(&stopper());  // stop words drop out of queries, except in phrases
    // The field table drives the parser: every named field is a prefix.
    for (const Field& f : kFields) {
        if (f.name.empty()) continue;
        std::string name(f.name), prefix(f.prefix);
        switch (f.kind) {
            case FieldKind::FreeText: qp_.add_prefix(name, prefix); break;
            case FieldKind::Boolean: qp_.add_boolean_prefix(name, prefix); break;
            case FieldKind::Special: break;
        }
    }
    qp_.add_boolean_prefix(std::string(field(FieldId::Entity).name),
                           (new ArtistProcessor(*catalogue_, db, field_notes_))->release());
    for (FieldId kind : kNameFields)
        qp_.add_boolean_prefix(std::string(field(kind).name), (new NameProcessor(*catalogue_, db, kind))->release());
    qp_.add_boolean_prefix(std::string(field(FieldId::Author).name), (new AuthorProcessor)->release());
    qp_.add_boolean_prefix(std::string(field(FieldId::Article).name), (new ArticleProcessor)->release());
    qp_.add_boolean_prefix(std::string(field(FieldId::File).name), (new FileProcessor)->release());
    qp_.add_boolean_prefix("date", (new DateProcessor)->release());
    qp_.add_prefix(kAliasField, (new AliasProcessor(*catalogue_))->release());  // (aliases.hpp)
}

Xapian::Query QueryBuilder::parse_all_words(const std::string& normalised) {
    qp_.set_default_op(Xapian::Query::OP_AND);
    Xapian::Query all;
    try {
        all = parse_words(normalised);
    } catch (...) {
        qp_.set_default_op(Xapian::Query::OP_OR);
        throw;
    }
    qp_.set_default_op(Xapian::Query::OP_OR);
    return all;
}

Xapian::Query QueryBuilder::parse_words(const std::string& normalised) {
    try {
        return positional_stems(db_, qp_.parse_query(normalised, kFlags));
    } catch (const Xapian::QueryParserError& e) {
        throw usage_error("cannot parse the query \"" + normalised + "\" (" + e.get_msg() +
                          "); check its quotes, brackets and operators, or see news-search --help");
    }
}

// The query's text, normalised and rewritten, with its notes; a query
// too long to answer quickly is refused.
void QueryBuilder::read_text(const Options& o, ParsedQuery& p) {
    p.text = o.query();
    p.normalised = rewrite_query(normalise_query(p.text));
    if (const size_t n = split_words(p.normalised).size(); n > kMaxQueryWords)
        throw usage_error(fmt::format("the query has {} words; at most {} are searched: pick the words that "
                                      "matter (a phrase or a title), or search for a passage's rarer words",
                                      n, kMaxQueryWords));
    p.notes = query_notes(p.normalised);
    p.normalised = with_script_aliases(p.normalised, *catalogue_);  // (after the notes: alias: is no user's field)
}

namespace {

Xapian::Query and_of(const std::vector<Xapian::Query>& qs) {
    return qs.empty() ? Xapian::Query::MatchAll : Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

}  // namespace

// The options' filters (--artist, --type, the dates) into p.filters, and
// what a date filter leaves out into p.undated_filters; returns them
// joined, as the query's words will be filtered.
Xapian::Query QueryBuilder::build_filters(const Options& o, ParsedQuery& p) {
    std::vector<Xapian::Query> filters;
    for (const auto& a : o.artists) filters.push_back(entity_filter(*catalogue_, db_, a, &p.notes));
    const std::pair<const std::vector<std::string>*, FieldId> names[] = {
        {&o.persons, FieldId::Person}, {&o.organisations, FieldId::Organisation}, {&o.locations, FieldId::Location}};
    for (const auto& [values, kind] : names)
        for (const auto& v : *values) filters.push_back(name_filter(*catalogue_, db_, kind, v));
    if (o.type != DocType::Any) filters.emplace_back(term(FieldId::Type, o.type == DocType::Post ? kTypePost : kTypeArticle));
    const Xapian::Query undated_term(std::string(field(FieldId::Undated).prefix));
    const bool dated = !o.from.empty() || !o.to.empty();
    std::vector<Xapian::Query> undated_filters = filters;  // (the documents a date filter leaves out)
    undated_filters.push_back(undated_term);
    if (dated) {
        // --undated lets the undated documents through a date filter;
        // alone, it selects them.
        const Xapian::Query range = date_filter(o.from, o.to);
        filters.push_back(o.undated ? Xapian::Query(Xapian::Query::OP_OR, range, undated_term) : range);
    } else if (o.undated) {
        filters.push_back(undated_term);
    }
    const Xapian::Query all_filters = and_of(filters);
    p.filters = full_terms_as_match_all(db_, all_filters, false, parts_);
    if (dated && !o.undated) p.undated_filters = full_terms_as_match_all(db_, and_of(undated_filters), false, parts_);
    if (o.sort == Sort::Oldest)  // (only that order needs it)
        p.undated = full_terms_as_match_all(db_, undated_term, false, parts_);
    return all_filters;
}

// The words as any of them (OR, for ranking); empty when there are none,
// or only words to exclude.
Xapian::Query QueryBuilder::parse_any_words(ParsedQuery& p, const std::string& excluded) {
    qp_.set_default_op(Xapian::Query::OP_OR);
    qp_.set_stemming_strategy(only_stop_words(p.normalised) ? Xapian::QueryParser::STEM_NONE
                                                             : Xapian::QueryParser::STEM_SOME);
    if (!excluded.empty() || p.normalised.find_first_not_of(" \t") == std::string::npos) return {};
    try {
        return positional_stems(db_, qp_.parse_query(p.normalised, kFlags));
    } catch (const Xapian::QueryParserError&) {
        // An operator with nothing on one side ("retrieval AND", "AND NOT
        // x"): not one the user plainly meant, so it is read as a word.
        // Anything else that does not parse is a usage error.
        p.normalised = operators_as_words(p.normalised);
        return parse_words(p.normalised);
    }
}

// No words (filters only), or words to exclude only ("NOT gold", "-gold"):
// a listing of the documents left, as filters are listed.
void QueryBuilder::build_listing(const Xapian::Query& all_filters, const std::string& excluded, ParsedQuery& p) {
    p.browse = true;
    auto without_excluded = [&](Xapian::Query q) {
        if (excluded.empty()) return q;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, q, expand_for_shards(db_, parse_words(excluded)));
    };
    p.query = full_terms_as_match_all(db_, without_excluded(all_filters), true, parts_);
    p.complete = p.complete_ranked = p.query;
    if (!p.undated_filters.empty())
        p.undated_left_out = full_terms_as_match_all(db_, without_excluded(p.undated_filters), true, parts_);
}

// Words: OR for ranking, with the all-words reading boosted above it in
// tiers whenever the two readings differ (also with --any).
void QueryBuilder::build_ranked(const Options& o, const Xapian::Query& any, const Xapian::Query& all_filters,
                                ParsedQuery& p) {
    const Xapian::Query all = parse_all_words(p.normalised);
    p.words = any;
    const bool tiered = all.get_description() != any.get_description();
    const bool filtered = all_filters.get_type() != Xapian::Query::LEAF_MATCH_ALL;  // (and_of() of none)
    auto compose = [&](const Xapian::Query& any_words, const Xapian::Query& all_words) {
        Xapian::Query ranked = any_words;
        if (tiered)
            ranked = Xapian::Query(Xapian::Query::OP_OR,
                                   Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all_words, kAllWordsBoost), any_words);
        return filtered ? Xapian::Query(Xapian::Query::OP_FILTER, ranked, p.filters) : ranked;
    };
    p.feedback_words = free_text_words(compose(any, all));
    const Xapian::Query any_weighed = full_terms_as_match_all(db_, expand_for_shards(db_, any), true, parts_),
                        all_weighed = full_terms_as_match_all(db_, expand_for_shards(db_, all), true, parts_);
    p.query = compose(any_weighed, all_weighed);
    p.tiered = tiered && !o.any;
    p.complete = p.complete_ranked = p.query;
    if (p.tiered) {
        p.all_words = full_terms_as_match_all(db_, expand_for_shards(db_, all), false, parts_);
        p.complete = p.complete_ranked = Xapian::Query(Xapian::Query::OP_FILTER, p.query, p.all_words);
        if (std::optional<Xapian::Query> alone = complete_ranking(any_weighed, all_weighed, kAllWordsBoost))
            p.complete_ranked = filtered ? Xapian::Query(Xapian::Query::OP_FILTER, *alone, p.filters) : *alone;
    }
    if (!p.undated_filters.empty()) {
        const Xapian::Query words = full_terms_as_match_all(db_, expand_for_shards(db_, p.tiered ? all : any), true, parts_);
        p.undated_left_out = Xapian::Query(Xapian::Query::OP_FILTER, words, p.undated_filters);
    }
}

ParsedQuery QueryBuilder::build(const Options& o) {
    ParsedQuery p;
    read_text(o, p);
    const Xapian::Query all_filters = build_filters(o, p);
    const std::string excluded = excluded_only(p.normalised);
    const Xapian::Query any = parse_any_words(p, excluded);
    for (const std::string& note : field_notes_)  // (artist: read as a person: once per parse)
        if (std::find(p.notes.begin(), p.notes.end(), note) == p.notes.end()) p.notes.push_back(note);
    corrected_ = excluded.empty() ? spelling_correction(db_, *catalogue_, p.normalised) : std::string();
    const bool typed = p.text.find_first_not_of(" \t") != std::string::npos;
    if (any.empty() && excluded.empty() && typed)
        throw usage_error("the query " + quoted_query(p.text) +
                          " has no word to search for (symbols, punctuation and emoji are not indexed); "
                          "use words or numbers, or only options such as --artist to list documents");
    if (any.empty() || !excluded.empty())
        build_listing(all_filters, excluded, p);
    else
        build_ranked(o, any, all_filters, p);
    return p;
}

}  // namespace news::searcher
