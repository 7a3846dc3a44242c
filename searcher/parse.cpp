#include "parse.hpp"

#include "news/dates.hpp"
#include "news/error.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <cctype>
#include <string_view>
#include <vector>

namespace news::searcher {
namespace {

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                            Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                            Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS |
                            Xapian::QueryParser::FLAG_SPELLING_CORRECTION;

// How much more a document holding all the words weighs than one holding
// some: large enough that all-words documents rank first.
constexpr double kAllWordsBoost = 100.0;

std::string strip_quotes(std::string s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

// artist:NAME — any alias, any case.
class ArtistProcessor : public Xapian::FieldProcessor {
public:
    ArtistProcessor(const Catalogue& c, const Xapian::Database& db) : catalogue_(c), db_(db) {}
    Xapian::Query operator()(const std::string& value) override {
        return entity_filter(catalogue_, db_, strip_quotes(value));
    }

private:
    const Catalogue& catalogue_;
    Xapian::Database db_;
};

// author:@handle (the '@' is optional).
class AuthorProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& value) override {
        std::string handle = strip_quotes(value);
        if (!handle.empty() && handle.front() == '@') handle.erase(0, 1);
        for (auto& c : handle) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return Xapian::Query(term(FieldId::Author, handle));
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
        if (w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ")
            for (size_t k = i; k < j; ++k) q[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(q[k])));
        i = j;
    }
    return q;
}

DateBound parse_bound(const std::string& what, const std::string& text) {
    auto r = parse_date_bound(text);
    if (auto* e = std::get_if<DateError>(&r)) throw usage_error(what + ": " + e->message);
    return std::get<DateBound>(r);
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

namespace {

// An expansion term: a stemmed word ("Zretriev"), not a number, another
// field's term or an unstemmed form of a word already weighed as its stem.
class FeedbackTerms : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& t) const override {
        if (t.size() < 3 || t[0] != 'Z') return false;
        unsigned char c = static_cast<unsigned char>(t[1]);
        return (c >= 'a' && c <= 'z') || c >= 0x80;
    }
};

}  // namespace

Xapian::BM25Weight ranking_weight() { return Xapian::BM25Weight(kRanking.bm25_k1, 0, 1, kRanking.bm25_b, 0.5); }

Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query) {
    if (query.empty() || kRanking.feedback_docs == 0) return query;
    // The query's free-text words: terms without a field prefix (filters,
    // entities, title:, @mentions and #hashtags have one in capitals).
    unsigned words = 0;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string& t = *it;
        if (!t.empty() && (t[0] == 'Z' || !(t[0] >= 'A' && t[0] <= 'Z'))) ++words;
    }
    if (words == 0) return query;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());
    Xapian::MSet top = enquire.get_mset(0, kRanking.feedback_docs);
    // Nothing to rank by (filters only), or the top documents are all there is.
    if (top.get_max_possible() == 0 || top.get_matches_lower_bound() <= kRanking.feedback_docs) return query;
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    FeedbackTerms decider;
    Xapian::ESet eset = enquire.get_eset(kRanking.feedback_terms, rset, &decider);
    if (eset.empty()) return query;
    // Each term's BM25 weight is scaled in proportion to its expand-set
    // weight, the best one's by feedback_weight (for a long enough query).
    double scale = kRanking.feedback_weight / eset.begin().get_weight();
    if (words < kRanking.feedback_full_words) scale *= double(words) / kRanking.feedback_full_words;
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), scale * it.get_weight());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

Xapian::Query entity_filter(const Catalogue& catalogue, const Xapian::Database& db, const std::string& name) {
    if (const Entity* e = catalogue.find(name)) return Xapian::Query(term(FieldId::Entity, e->slug));
    // Not in the catalogue: a JSON Lines people/orgs code ("james-baker").
    std::string t = term(FieldId::Entity, entity_slug(name));
    if (db.get_termfreq(t) == 0)
        throw usage_error("artist \"" + name +
                          "\" is neither in the entity catalogue nor in the index; "
                          "try another spelling, or news-search --facets to see the artists");
    return Xapian::Query(t);
}

Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what) {
    std::string lo, hi;
    if (!from.empty()) lo = parse_bound(what.empty() ? "--from" : what, from).first.key();
    if (!to.empty()) hi = parse_bound(what.empty() ? "--to" : what, to).last.key();
    if (!lo.empty() && !hi.empty() && lo > hi)
        throw usage_error("the date range \"" + from + "\" .. \"" + to + "\" is empty: the start is after the end");
    if (lo.empty() && hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot(Slot::Date), "0");
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot(Slot::Date), hi);
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot(Slot::Date), lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot(Slot::Date), lo, hi);
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const Catalogue& catalogue)
    : db_(db), catalogue_(catalogue) {
    qp_.set_database(db);
    qp_.set_stemmer(Xapian::Stem(std::string(kStemLanguage)));
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
    qp_.add_boolean_prefix(std::string(field(FieldId::Entity).name), (new ArtistProcessor(catalogue, db))->release());
    qp_.add_boolean_prefix(std::string(field(FieldId::Author).name), (new AuthorProcessor)->release());
    qp_.add_boolean_prefix("date", (new DateProcessor)->release());
}

Xapian::Query QueryBuilder::parse_words(const std::string& normalised, bool spelling) {
    try {
        return qp_.parse_query(normalised, spelling ? kFlags : kFlags & ~Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    } catch (const Xapian::QueryParserError& e) {
        throw usage_error("cannot parse the query \"" + normalised + "\" (" + e.get_msg() +
                          "); check its quotes, brackets and operators, or see news-search --help");
    }
}

ParsedQuery QueryBuilder::build(const Options& o) {
    ParsedQuery p;
    p.text = o.query();
    p.normalised = rewrite_query(normalise_query(p.text));

    // Filters.
    std::vector<Xapian::Query> filters;
    for (const auto& a : o.artists) filters.push_back(entity_filter(catalogue_, db_, a));
    if (!o.type.empty()) {
        if (o.type != kTypeArticle && o.type != kTypePost)
            throw usage_error("--type \"" + o.type + "\" is not a document type; use article or post");
        filters.emplace_back(term(FieldId::Type, o.type));
    }
    if (!o.from.empty() || !o.to.empty()) filters.push_back(date_filter(o.from, o.to));
    p.filters = filters.empty() ? Xapian::Query::MatchAll
                                : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());

    // Words: OR for ranking, with the all-words reading boosted above it.
    qp_.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query any;
    if (p.normalised.find_first_not_of(" \t") != std::string::npos) {
        try {
            any = qp_.parse_query(p.normalised, kFlags);
        } catch (const Xapian::QueryParserError&) {
            // An operator with nothing on one side ("retrieval AND", "AND NOT
            // x"): not one the user plainly meant, so it is read as a word.
            // Anything else that does not parse is a usage error below.
            p.normalised = operators_as_words(p.normalised);
            any = parse_words(p.normalised);
        }
    }
    corrected_ = qp_.get_corrected_query_string();
    if (any.empty()) {
        p.browse = true;
        p.query = p.filters;
        return p;
    }
    qp_.set_default_op(Xapian::Query::OP_AND);
    Xapian::Query all = parse_words(p.normalised, false);  // the correction is known already
    qp_.set_default_op(Xapian::Query::OP_OR);
    p.words = any;
    Xapian::Query ranked = any;
    if (all.get_description() != any.get_description())
        ranked = Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, kAllWordsBoost), any);
    p.query = filters.empty() ? ranked : Xapian::Query(Xapian::Query::OP_FILTER, ranked, p.filters);
    return p;
}

}  // namespace news::searcher
