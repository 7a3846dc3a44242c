#include "parse.hpp"

#include "feedback.hpp"

#include "news/dates.hpp"
#include "news/error.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <cctype>
#include <cmath>
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
        if (text == "AND" || text == "OR" || text == "NOT" || text == "XOR" || text == "NEAR" || text == "ADJ")
            continue;
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

// A term of the query's free text: without a field prefix (filters,
// entities, title:, @mentions and #hashtags have one in capitals).
bool free_text_term(const std::string& t) { return !t.empty() && (t[0] == 'Z' || !(t[0] >= 'A' && t[0] <= 'Z')); }

// The documents of the first n of `top`.
std::vector<Xapian::Document> top_documents(const std::vector<Xapian::MSetIterator>& top, size_t n) {
    std::vector<Xapian::Document> docs;
    for (size_t i = 0; i < top.size() && i < n; ++i) docs.push_back(top[i].get_document());
    return docs;
}

}  // namespace

Xapian::BM25Weight ranking_weight() { return Xapian::BM25Weight(kRanking.bm25_k1, 0, 1, kRanking.bm25_b, 0.5); }

void set_relevance_order(Xapian::Enquire& enquire) {
    enquire.set_sort_by_relevance_then_value(slot(Slot::Newest), true);
}

Ranked rank_by_relevance(const Xapian::Database& db, Xapian::Enquire& enquire, Xapian::doccount first,
                         Xapian::doccount count, Xapian::doccount check_at_least) {
    Ranked r;
    const Xapian::doccount lo = first > 0 ? first - 1 : 0;  // one more on each side
    enquire.set_sort_by_relevance();
    r.mset = enquire.get_mset(lo, (first - lo) + count + 1, check_at_least);
    r.matches = r.mset.get_matches_estimated();
    r.exact = r.mset.get_matches_lower_bound() == r.mset.get_matches_upper_bound();
    const Xapian::doccount have = r.mset.size();  // ranks lo, lo + 1, ...
    auto weight = [&](Xapian::doccount rank) { return r.mset[rank - lo].get_weight(); };
    const Xapian::doccount end = std::min(first + count, lo + have);  // the range is [first, end)
    const bool straddled = (first > lo && end > first && weight(first - 1) == weight(first)) ||
                           (lo + have > end && end > first && weight(end - 1) == weight(end));
    if (straddled) {
        Xapian::Enquire again(db);
        again.set_query(enquire.get_query());
        again.set_weighting_scheme(ranking_weight());
        set_relevance_order(again);
        r.mset = again.get_mset(first, count);
        r.items.clear();
        for (auto it = r.mset.begin(); it != r.mset.end(); ++it) r.items.push_back(it);
        r.rematched = true;
        return r;
    }
    struct Keyed {
        Xapian::MSetIterator it;
        double weight;
        std::string newest;
    };
    // Equal weights are neighbours in the match's order: only a document
    // tied with one beside it needs its key read (a value read each).
    std::vector<Keyed> range;
    for (Xapian::doccount rank = first; rank < end; ++rank) {
        Xapian::MSetIterator it = r.mset[rank - lo];
        const double w = it.get_weight();
        const bool tied = (rank > first && weight(rank - 1) == w) || (rank + 1 < end && weight(rank + 1) == w);
        range.push_back({it, w, tied ? it.get_document().get_value(slot(Slot::Newest)) : std::string()});
    }
    std::sort(range.begin(), range.end(), [](const Keyed& a, const Keyed& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.newest > b.newest;
    });
    for (const Keyed& k : range) r.items.push_back(k.it);
    return r;
}

unsigned free_text_words(const Xapian::Query& query) {
    unsigned words = 0;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
        if (free_text_term(*it)) ++words;
    return words;
}

Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query) {
    return with_feedback(db, query, free_text_words(query));
}

Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query, unsigned words,
                            bool remote_parts) {
    if (query.empty() || kRanking.feedback_docs == 0 || words == 0) return query;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());
    // The same top documents whatever the sharding; checking a few more
    // than them tells whether there are more.
    Ranked top = rank_by_relevance(db, enquire, 0, kRanking.feedback_docs, kRanking.feedback_docs + 2);
    return feedback_from(db, query, words, top.items, top.mset.get_max_possible(), top.mset.get_matches_lower_bound(),
                         remote_parts)
        .value_or(query);
}

std::optional<Xapian::Query> feedback_from(const Xapian::Database& db, const Xapian::Query& query, unsigned words,
                                           const std::vector<Xapian::MSetIterator>& top, double max_possible,
                                           Xapian::doccount matches, bool remote_parts) {
    std::optional<Xapian::Query> expansion =
        feedback_expansion(db, query, words, top, max_possible, matches, remote_parts);
    if (!expansion) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, *expansion);
}

std::optional<Xapian::Query> feedback_expansion(const Xapian::Database& db, const Xapian::Query& query, unsigned words,
                                                const std::vector<Xapian::MSetIterator>& top, double max_possible,
                                                Xapian::doccount matches, bool remote_parts) {
    if (query.empty() || kRanking.feedback_docs == 0 || words == 0) return std::nullopt;
    // Nothing to rank by (filters only), or the top documents are all there is.
    if (top.empty() || max_possible == 0 || matches <= kRanking.feedback_docs) return std::nullopt;
    // Xapian's expand set (get_eset(), exact term frequencies so that shards
    // rank as one database), computed in feedback.cpp: get_eset() is slow
    // over remote shards.
    FeedbackTerms decider;
    std::vector<ExpandTerm> eset =
        expand_terms(db, top_documents(top, kRanking.feedback_docs), query,
                     kRanking.feedback_terms, [&](const std::string& t) { return decider(t); }, remote_parts);
    if (eset.empty()) return std::nullopt;
    // Interpolation that keeps the original query dominant: the expansion
    // can weigh at most feedback_share of query and expansion together, a
    // term's bound being its idf as BM25Weight computes it (a term's weight
    // is that idf times a factor below k1 + 1, the same for every term),
    // shared by the terms in proportion to their expand-set weights.
    // (Measured on the five collections: bench/relevance.md, "Feedback
    // levers".)
    const double n_docs = db.get_doccount();
    auto idf = [&](Xapian::doccount n) {
        if (n == 0) return 0.0;
        double tw = (n_docs - n + 0.5) / (n + 0.5);
        if (tw < 2) tw = tw * 0.5 + 1;  // (Xapian 1.4's floor: never negative)
        return std::log(tw);
    };
    std::vector<std::string> words_of_query;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
        if (free_text_term(*it)) words_of_query.push_back(*it);
    Xapian::MSet stats;  // over remote shards, all their frequencies in one round trip (see feedback.hpp)
    if (remote_parts) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_SYNONYM, words_of_query.begin(), words_of_query.end()));
        stats = enquire.get_mset(0, 0);
    }
    double own = 0, expansion = 0;
    for (const std::string& t : words_of_query) own += idf(remote_parts ? stats.get_termfreq(t) : db.get_termfreq(t));
    for (const ExpandTerm& e : eset) expansion += e.weight * idf(e.termfreq);
    if (own <= 0 || expansion <= 0) return std::nullopt;
    const double scale = kRanking.feedback_share / (1 - kRanking.feedback_share) * own / expansion;
    std::vector<Xapian::Query> terms;
    for (const ExpandTerm& e : eset)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(e.term), scale * e.weight);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

namespace {

// The pattern and combining operator of a wildcard query, read back from its
// description (Xapian 1.4 has no accessor for them) and checked by
// describing the same wildcard again.
std::optional<std::pair<std::string, Xapian::Query::op>> wildcard_of(const Xapian::Query& q) {
    const std::string d = q.get_description();
    const std::pair<std::string_view, Xapian::Query::op> kinds[] = {
        {"Query(WILDCARD SYNONYM ", Xapian::Query::OP_SYNONYM},
        {"Query(WILDCARD MAX ", Xapian::Query::OP_MAX},
        {"Query(WILDCARD OR ", Xapian::Query::OP_OR}};
    for (const auto& [head, op] : kinds) {
        if (d.size() <= head.size() || d.compare(0, head.size(), head) != 0 || d.back() != ')') continue;
        std::string pattern = d.substr(head.size(), d.size() - head.size() - 1);
        Xapian::Query again(Xapian::Query::OP_WILDCARD, pattern, 0, Xapian::Query::WILDCARD_LIMIT_ERROR, op);
        if (again.get_description() == d) return std::make_pair(pattern, op);
    }
    return std::nullopt;
}

// OP_SYNONYM of subqueries as a balanced tree of synonyms of two, in their
// order.  Xapian 1.4 weighs a synonym by an estimate of how many documents
// match it, which it builds pair by pair, rounding each time, over a tree it
// shapes by each part's own term frequencies; with more than two subqueries
// the estimate (and so the weight) then differs from part to part and from
// one database.  Pairs fixed in advance give every part the same estimate.
Xapian::Query balanced_synonym(std::vector<Xapian::Query>::const_iterator begin,
                               std::vector<Xapian::Query>::const_iterator end) {
    if (begin == end) return Xapian::Query();  // matches nothing, like a wildcard that expands to nothing
    if (end - begin == 1) return *begin;
    auto mid = begin + (end - begin) / 2;
    return Xapian::Query(Xapian::Query::OP_SYNONYM, balanced_synonym(begin, mid), balanced_synonym(mid, end));
}

Xapian::Query expand(const Xapian::Database& db, const Xapian::Query& q, bool& changed) {
    const auto op = q.get_type();
    if (op == Xapian::Query::OP_WILDCARD) {
        auto w = wildcard_of(q);
        if (!w) return q;
        std::vector<Xapian::Query> terms;
        for (auto t = db.allterms_begin(w->first); t != db.allterms_end(w->first); ++t) terms.emplace_back(*t);
        changed = true;
        if (w->second == Xapian::Query::OP_SYNONYM) return balanced_synonym(terms.begin(), terms.end());
        return Xapian::Query(w->second, terms.begin(), terms.end());  // none: matches nothing, as Xapian's
    }
    switch (op) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX: {
            // Operators without parameters: rebuilt from their subqueries when
            // one changed (and a synonym of more than two, balanced).
            bool below = false;
            std::vector<Xapian::Query> subs;
            for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
                Xapian::Query sub = q.get_subquery(i);
                if (op == Xapian::Query::OP_SYNONYM && sub.get_type() == Xapian::Query::OP_OR) {
                    // An OR under a synonym (a multi-word alias: (lady OR gaga) SYNONYM
                    // artist:lady-gaga) weighs nothing itself: as a synonym it matches,
                    // counts and weighs the same on one database, and Xapian 1.4 weighs
                    // it the same in every part (the OR was seen weighing differently in
                    // a shard of one document; the synonym was not).
                    std::vector<Xapian::Query> alts;
                    for (size_t j = 0; j < sub.get_num_subqueries(); ++j) alts.push_back(sub.get_subquery(j));
                    sub = Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
                    below = true;
                }
                subs.push_back(expand(db, sub, below));
            }
            if (op == Xapian::Query::OP_SYNONYM && subs.size() > 2) {
                changed = true;
                return balanced_synonym(subs.begin(), subs.end());
            }
            if (!below) return q;
            changed = true;
            return Xapian::Query(op, subs.begin(), subs.end());
        }
        default: return q;  // a term, or an operator with parameters
    }
}

}  // namespace

Xapian::Query expand_for_shards(const Xapian::Database& db, const Xapian::Query& query) {
    bool changed = false;
    return expand(db, query, changed);
}

namespace {

// A term's documents read through its own posting list
// (Database::postlist_begin()), which Xapian 1.4.22 reads correctly in any
// part: what stands for a term that indexes every document of some parts
// of an index but not of all (full_terms_as_match_all()).  Weighs nothing.
// Local parts only: a remote server would not know the class.
class TermSource : public Xapian::PostingSource {
public:
    explicit TermSource(std::string term) : term_(std::move(term)) {}
    TermSource* clone() const override { return new TermSource(term_); }
    std::string name() const override { return "news::TermSource"; }
    std::string get_description() const override { return "news::TermSource(" + term_ + ")"; }
    void init(const Xapian::Database& db) override {
        db_ = db;
        it_ = db_.postlist_begin(term_);
        started_ = false;
        tf_ = db_.get_termfreq(term_);
        set_maxweight(0);
    }
    Xapian::doccount get_termfreq_min() const override { return tf_; }
    Xapian::doccount get_termfreq_est() const override { return tf_; }
    Xapian::doccount get_termfreq_max() const override { return tf_; }
    void next(double) override {
        if (started_) ++it_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started_ = true;
        if (it_ != Xapian::PostingIterator()) it_.skip_to(did);
    }
    bool at_end() const override { return started_ && it_ == Xapian::PostingIterator(); }
    Xapian::docid get_docid() const override { return *it_; }

private:
    std::string term_;
    Xapian::Database db_;
    Xapian::PostingIterator it_;
    Xapian::doccount tf_ = 0;
    bool started_ = false;
};

// The leaf a term that weighs nothing is matched as (see the header).
Xapian::Query unweighted_term(const Xapian::Database& db, const std::vector<Xapian::Database>& parts,
                              const Xapian::Query& leaf) {
    const std::string t = *leaf.get_unique_terms_begin();
    const Xapian::doccount n = db.get_doccount(), tf = db.get_termfreq(t);
    if (n > 0 && tf == n) return Xapian::Query::MatchAll;
    if (tf > 0 && parts.size() > 1)
        for (const Xapian::Database& part : parts)
            if (part.get_doccount() > 0 && part.get_termfreq(t) == part.get_doccount())
                return Xapian::Query((new TermSource(t))->release());
    return leaf;
}

Xapian::Query full_terms_as_match_all(const Xapian::Database& db, const std::vector<Xapian::Database>& parts,
                                      const Xapian::Query& q, bool weighted, bool& changed) {
    using Q = Xapian::Query;
    auto again = [&](const Q& sub, bool w, bool& below) { return full_terms_as_match_all(db, parts, sub, w, below); };
    const auto op = q.get_type();
    if (op == Q::LEAF_TERM) {
        if (weighted) return q;
        Q r = unweighted_term(db, parts, q);
        if (r.get_type() != Q::LEAF_TERM) changed = true;
        return r;
    }
    if (op == Q::OP_SCALE_WEIGHT) {
        bool below = false;
        if (!weighted) {  // no weight to scale: the subquery alone matches the same
            Q sub = again(q.get_subquery(0), false, below);
            if (below) changed = true;
            return below ? sub : q;
        }
        // A factor of 0 (the parser's pure filter, "0 * XY1987"); any other
        // is not readable from Xapian 1.4's Query, so its subquery stays.
        if (q.get_description().rfind("Query(0 * ", 0) != 0) return q;
        Q sub = again(q.get_subquery(0), false, below);
        if (!below) return q;
        changed = true;
        return Q(Q::OP_SCALE_WEIGHT, sub, 0.0);
    }
    if (op != Q::OP_AND && op != Q::OP_OR && op != Q::OP_XOR && op != Q::OP_AND_MAYBE && op != Q::OP_FILTER &&
        op != Q::OP_AND_NOT)
        return q;  // a synonym's terms count their wdf; a phrase needs positions; the rest has parameters
    bool below = false;
    std::vector<Q> subs;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
        // The filters of FILTER and the exclusions of AND_NOT weigh nothing.
        const bool w = weighted && (i == 0 || (op != Q::OP_FILTER && op != Q::OP_AND_NOT));
        subs.push_back(again(q.get_subquery(i), w, below));
    }
    if (!below) return q;
    changed = true;
    return Q(op, subs.begin(), subs.end());
}

}  // namespace

Xapian::Query full_terms_as_match_all(const Xapian::Database& db, const Xapian::Query& query, bool weighted,
                                      const std::vector<Xapian::Database>& parts) {
    bool changed = false;
    return full_terms_as_match_all(db, parts, query, weighted, changed);
}

Xapian::Query entity_filter(IndexCatalogue& catalogue, const Xapian::Database& db, const std::string& name) {
    if (std::optional<std::string> slug = catalogue.slug_of(name)) return Xapian::Query(term(FieldId::Entity, *slug));
    // Not in the catalogue: a JSON Lines people/orgs code ("james-baker").
    std::string t = term(FieldId::Entity, entity_slug(name));
    if (db.get_termfreq(t) == 0)
        throw usage_error("artist \"" + name +
                          "\" is neither in the entity catalogue nor in the index; "
                          "try another spelling, or news-search --facets to see the artists");
    return Xapian::Query(t);
}

namespace {

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// More terms than this (a range of centuries) stay a value range.
constexpr size_t kMaxDateTerms = 400;

// The closed range [lo, hi] as the union of the year, month and day terms
// that cover it exactly (whole years, then whole months, then days): every
// dated document holds all three (indexer/analyse.cpp), so it matches the
// same documents as the value range, through posting lists that Xapian
// skips along instead of reading every candidate's date (month-range
// queries on Reuters: about a third faster).
std::optional<Xapian::Query> date_terms(const Date& lo, const Date& hi) {
    const std::string last = hi.key();
    auto beyond = [&](const Date& d) { return d.key() > last; };
    std::vector<Xapian::Query> terms;
    for (Date d = lo; !beyond(d);) {
        if (terms.size() >= kMaxDateTerms) return std::nullopt;
        Date next = d;
        if (d.month == 1 && d.day == 1 && !beyond(Date{d.year, 12, 31})) {
            terms.emplace_back(term(FieldId::Year, std::to_string(d.year)));
            next = Date{d.year + 1, 1, 1};
        } else if (d.day == 1 && !beyond(Date{d.year, d.month, days_in_month(d.year, d.month)})) {
            terms.emplace_back(term(FieldId::Month, d.month_key()));
            next = d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
        } else {
            terms.emplace_back(term(FieldId::Day, d.key()));
            if (d.day < days_in_month(d.year, d.month)) next.day = d.day + 1;
            else next = d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
        }
        if (next.year > 9999) break;
        d = next;
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what) {
    std::optional<Date> lo, hi;
    if (!from.empty()) lo = parse_bound(what.empty() ? "--from" : what, from).first;
    if (!to.empty()) hi = parse_bound(what.empty() ? "--to" : what, to).last;
    if (lo && hi && hi->key() < lo->key())
        throw usage_error("the date range \"" + from + "\" .. \"" + to + "\" is empty: the start is after the end");
    if (!lo && !hi) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot(Slot::Date), "0");
    if (!lo) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot(Slot::Date), hi->key());
    if (!hi) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot(Slot::Date), lo->key());
    if (auto terms = date_terms(*lo, *hi)) return *terms;
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot(Slot::Date), lo->key(), hi->key());
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
}

Xapian::Query QueryBuilder::parse_words(const std::string& normalised) {
    try {
        return qp_.parse_query(normalised, kFlags);
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
            any = qp_.parse_query(p.normalised, kFlags);
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
