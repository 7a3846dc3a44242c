#include "feedback.hpp"

#include "ranking.hpp"

#include "news/schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace news::searcher {

namespace {

constexpr double kExpandK = 1.0;  // Xapian's default expand_k

// What the top documents say of a candidate term: r, how many of them hold
// it, and the sum of its wdf factors 2 wdf / (doclen / avlen + wdf).
struct TermStats {
    Xapian::doccount r = 0;
    double multiplier = 0;
};
using TermStatsMap = std::unordered_map<std::string, TermStats>;

// The candidates of the top documents: each term accept() takes and the
// query does not hold, with its statistics.
TermStatsMap candidate_stats(const Xapian::Database& db, const std::vector<Xapian::Document>& top,
                             const Xapian::Query& query, const std::function<bool(const std::string&)>& accept) {
    const std::set<std::string> in_query(query.get_unique_terms_begin(), query.get_unique_terms_end());
    const double avlen = db.get_average_length();
    TermStatsMap stats;
    stats.reserve(256 * top.size());
    for (const Xapian::Document& doc : top) {
        std::vector<std::pair<std::string, Xapian::termcount>> terms;
        Xapian::termcount doclen = 0;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            doclen += t.get_wdf();
            const std::string& name = *t;
            if (accept(name) && !in_query.count(name)) terms.emplace_back(name, t.get_wdf());
        }
        for (auto& [name, wdf] : terms) {
            if (wdf == 0) wdf = 1;  // as Xapian: a boolean term still counts
            TermStats& s = stats[name];
            ++s.r;
            s.multiplier += (kExpandK + 1) * wdf / (kExpandK * doclen / avlen + wdf);
        }
    }
    return stats;
}

// TradEWeight's weight of a term held by s.r of the R top documents and by
// n of all N documents.
struct ExpandWeight {
    double N, R;
    double operator()(const TermStats& s, double n) const {
        const double r = s.r, without = R - r;
        return s.multiplier * std::log((r + 0.5) * (N - n - without + 0.5) / ((n - r + 0.5) * (without + 0.5)));
    }
};

struct Candidate {
    const std::string* name;
    const TermStats* stats;
    double bound;  // its weight were n as small as it can be (r): none can weigh more
};

// The candidates, highest bound first (then by name).
std::vector<Candidate> by_bound(const TermStatsMap& stats, const ExpandWeight& weight) {
    std::vector<Candidate> order;
    order.reserve(stats.size());
    for (const auto& [name, s] : stats) order.push_back({&name, &s, weight(s, s.r)});
    std::sort(order.begin(), order.end(), [](const Candidate& a, const Candidate& b) {
        return a.bound != b.bound ? a.bound > b.bound : *a.name < *b.name;
    });
    return order;
}

// The best max_terms terms weighed so far, best first (by weight, then name).
class BestTerms {
public:
    BestTerms(size_t max_terms, ExpandWeight weight) : max_terms_(max_terms), weight_(weight) {}
    // No candidate with this bound (or a lower one) can be among them.
    bool beaten(double bound) const { return out_.size() >= max_terms_ && bound < out_.back().weight; }
    // The candidate weighed with its term frequency n, kept if among the best.
    void consider(const Candidate& c, Xapian::doccount n) {
        double w = weight_(*c.stats, n);
        if (w <= 0) return;
        ExpandTerm e{*c.name, w, n};
        if (out_.size() >= max_terms_ && !better(e, out_.back())) return;
        out_.insert(std::upper_bound(out_.begin(), out_.end(), e, better), std::move(e));
        if (out_.size() > max_terms_) out_.pop_back();
    }
    size_t max_terms() const { return max_terms_; }
    std::vector<ExpandTerm> take() { return std::move(out_); }

private:
    static bool better(const ExpandTerm& a, const ExpandTerm& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
    }
    size_t max_terms_;
    ExpandWeight weight_;
    std::vector<ExpandTerm> out_;
};

// Over remote parts: in rounds of candidates, each in one match: Xapian
// gathers the statistics of all a query's terms from each shard at once (a
// synonym: the cheapest to set up).
void weigh_in_rounds(const Xapian::Database& db, const std::vector<Candidate>& order, BestTerms& best) {
    size_t next = 0, round = std::max<size_t>(4 * best.max_terms(), 32);
    while (next < order.size() && !best.beaten(order[next].bound)) {
        const size_t end = std::min(order.size(), next + round);
        std::vector<Xapian::Query> candidates;
        for (size_t i = next; i < end; ++i) candidates.emplace_back(*order[i].name);
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_SYNONYM, candidates.begin(), candidates.end()));
        Xapian::MSet freqs = enquire.get_mset(0, 0);
        for (size_t i = next; i < end; ++i) best.consider(order[i], freqs.get_termfreq(*order[i].name));
        next = end;
        round *= 2;
    }
}

// Over local parts: in windows of candidates, each looked up in the order
// of its name: consecutive look-ups then mostly find their B-tree blocks
// already in the cursor (one pread every three look-ups or so, against two
// each in the order of the bounds).  Inside a window a candidate is still
// skipped once its bound is beaten.
void weigh_in_windows(const Xapian::Database& db, const std::vector<Candidate>& order, BestTerms& best) {
    constexpr size_t kWindow = 64;
    std::vector<const Candidate*> window;
    for (size_t next = 0; next < order.size() && !best.beaten(order[next].bound);) {
        const size_t end = std::min(order.size(), next + kWindow);
        window.clear();
        for (size_t i = next; i < end; ++i) window.push_back(&order[i]);
        std::sort(window.begin(), window.end(),
                  [](const Candidate* a, const Candidate* b) { return *a->name < *b->name; });
        for (const Candidate* c : window)
            if (!best.beaten(c->bound)) best.consider(*c, db.get_termfreq(*c->name));
        next = end;
    }
}

}  // namespace

std::vector<ExpandTerm> expand_terms(const Xapian::Database& db, const std::vector<Xapian::Document>& top,
                                     const Xapian::Query& query,
                                     size_t max_terms, const std::function<bool(const std::string&)>& accept,
                                     bool remote_parts) {
    const TermStatsMap stats = candidate_stats(db, top, query, accept);
    if (stats.empty()) return {};
    // A term's weight falls as its term frequency n rises, and n is at least
    // r: so r alone bounds the weight from above.  The candidates are taken
    // in the order of that bound and their term frequencies looked up until
    // no bound can beat the max_terms-th weight found: the same terms and
    // weights as looking up every candidate (most hold in one top document
    // only and cannot win), with a fraction of the look-ups.
    const ExpandWeight weight{static_cast<double>(db.get_doccount()), static_cast<double>(top.size())};
    const std::vector<Candidate> order = by_bound(stats, weight);
    BestTerms best(max_terms, weight);
    if (remote_parts)
        weigh_in_rounds(db, order, best);
    else
        weigh_in_windows(db, order, best);
    return best.take();
}

namespace {

// An expansion term: a stemmed word ("Zretriev"), not a number, another
// field's term or an unstemmed form of a word already weighed as its stem.
class FeedbackTerms : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& t) const override {
        if (t.size() < 3 || t[0] != kStemPrefix) return false;
        unsigned char c = static_cast<unsigned char>(t[1]);
        return (c >= 'a' && c <= 'z') || c >= 0x80;
    }
};

// The documents of the first n of `top`.
std::vector<Xapian::Document> top_documents(const std::vector<Xapian::MSetIterator>& top, size_t n) {
    std::vector<Xapian::Document> docs;
    for (size_t i = 0; i < top.size() && i < n; ++i) docs.push_back(top[i].get_document());
    return docs;
}

}  // namespace


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

}  // namespace news::searcher
