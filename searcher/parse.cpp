#include "parse.hpp"

#include "aliases.hpp"
#include "filters.hpp"
#include "positional.hpp"
#include "ranking.hpp"
#include "shard_query.hpp"
#include "workarounds.hpp"

#include "news/error.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

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
    return std::max(db.get_termfreq(word), db.get_termfreq("Z" + stem(word)));
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

std::string spelling_correction(const Xapian::Database& db, const std::string& normalised) {
    static const Xapian::Stem stem{std::string(kStemLanguage)};
    std::string corrected;
    size_t copied = 0;
    for (const Word& w : query_words(normalised)) {
        if (w.cjk || w.key.size() < 2) continue;
        if (w.key.find_first_not_of("0123456789") == std::string::npos) continue;
        const Xapian::doccount freq = word_frequency(db, stem, w.key);
        if (freq >= kRareWord) continue;
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

std::string strip_quotes(std::string s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

// artist:NAME — any alias, any case.
class ArtistProcessor : public Xapian::FieldProcessor {
public:
    ArtistProcessor(IndexCatalogue& c, const Xapian::Database& db) : catalogue_(c), db_(db) {}
    Xapian::Query operator()(const std::string& value) override {
        return entity_filter(catalogue_, db_, strip_quotes(value));
    }

private:
    IndexCatalogue& catalogue_;
    Xapian::Database db_;
};

// author:@handle (the '@' is optional) or author:NAME, author:"DISPLAY NAME":
// the handle, or all the words of the display name (author_name_query()).
class AuthorProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& value) override {
        std::string handle = strip_quotes(value);
        const bool at = !handle.empty() && handle.front() == '@';
        if (at) handle.erase(0, 1);
        for (auto& c : handle) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        Xapian::Query by_handle(term(FieldId::Author, handle));
        if (at) return by_handle;
        return Xapian::Query(Xapian::Query::OP_OR, by_handle, author_name_query(strip_quotes(value)));
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
    qp_.add_boolean_prefix(std::string(field(FieldId::Entity).name), (new ArtistProcessor(*catalogue_, db))->release());
    qp_.add_boolean_prefix(std::string(field(FieldId::Author).name), (new AuthorProcessor)->release());
    qp_.add_boolean_prefix(std::string(field(FieldId::Article).name), (new ArticleProcessor)->release());
    qp_.add_boolean_prefix(std::string(field(FieldId::File).name), (new FileProcessor)->release());
    qp_.add_boolean_prefix("date", (new DateProcessor)->release());
    qp_.add_prefix(kAliasField, (new AliasProcessor(*catalogue_))->release());  // (aliases.hpp)
}

Xapian::Query QueryBuilder::parse_words(const std::string& normalised) {
    try {
        return positional_stems(db_, qp_.parse_query(normalised, kFlags));
    } catch (const Xapian::QueryParserError& e) {
        throw usage_error("cannot parse the query \"" + normalised + "\" (" + e.get_msg() +
                          "); check its quotes, brackets and operators, or see news-search --help");
    }
}

ParsedQuery QueryBuilder::build(const Options& o) {
    ParsedQuery p;
    p.text = o.query();
    p.normalised = with_script_aliases(rewrite_query(normalise_query(p.text)), *catalogue_);

    // Filters.
    std::vector<Xapian::Query> filters;
    for (const auto& a : o.artists) filters.push_back(entity_filter(*catalogue_, db_, a));
    if (!o.type.empty()) {
        if (o.type != kTypeArticle && o.type != kTypePost)
            throw usage_error("--type \"" + o.type + "\" is not a document type; use article or post");
        filters.emplace_back(term(FieldId::Type, o.type));
    }
    if (!o.from.empty() || !o.to.empty()) filters.push_back(date_filter(o.from, o.to));
    const Xapian::Query all_filters =
        filters.empty() ? Xapian::Query::MatchAll : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
    p.filters = full_terms_as_match_all(db_, all_filters, false, parts_);
    if (o.sort == "oldest")  // (only that order needs it)
        p.undated = full_terms_as_match_all(db_, Xapian::Query(std::string(field(FieldId::Undated).prefix)), false,
                                            parts_);

    // Words: OR for ranking, with the all-words reading boosted above it.
    qp_.set_default_op(Xapian::Query::OP_OR);
    qp_.set_stemming_strategy(only_stop_words(p.normalised) ? Xapian::QueryParser::STEM_NONE
                                                             : Xapian::QueryParser::STEM_SOME);
    Xapian::Query any;
    if (p.normalised.find_first_not_of(" \t") != std::string::npos) {
        try {
            any = positional_stems(db_, qp_.parse_query(p.normalised, kFlags));
        } catch (const Xapian::QueryParserError&) {
            // An operator with nothing on one side ("retrieval AND", "AND NOT
            // x"): not one the user plainly meant, so it is read as a word.
            // Anything else that does not parse is a usage error below.
            p.normalised = operators_as_words(p.normalised);
            any = parse_words(p.normalised);
        }
    }
    corrected_ = spelling_correction(db_, p.normalised);
    if (any.empty()) {
        p.browse = true;
        p.query = full_terms_as_match_all(db_, all_filters, true, parts_);
        return p;
    }
    qp_.set_default_op(Xapian::Query::OP_AND);
    Xapian::Query all = parse_words(p.normalised);
    qp_.set_default_op(Xapian::Query::OP_OR);
    p.words = any;
    const bool tiered = all.get_description() != any.get_description();
    auto compose = [&](const Xapian::Query& any_words, const Xapian::Query& all_words) {
        Xapian::Query ranked = any_words;
        if (tiered)
            ranked = Xapian::Query(Xapian::Query::OP_OR,
                                   Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all_words, kAllWordsBoost), any_words);
        return filters.empty() ? ranked : Xapian::Query(Xapian::Query::OP_FILTER, ranked, p.filters);
    };
    p.feedback_words = free_text_words(compose(any, all));
    p.query = compose(full_terms_as_match_all(db_, expand_for_shards(db_, any), true, parts_),
                      full_terms_as_match_all(db_, expand_for_shards(db_, all), true, parts_));
    return p;
}

}  // namespace news::searcher
