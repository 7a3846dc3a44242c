#include "feedback.hpp"

#include "ranking.hpp"

#include "news/schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace news::searcher {

std::vector<ExpandTerm> expand_terms(const Xapian::Database& db, const std::vector<Xapian::Document>& top,
                                     const Xapian::Query& query,
                                     size_t max_terms, const std::function<bool(const std::string&)>& accept,
                                     bool remote_parts) {
    constexpr double k = 1.0;  // Xapian's default expand_k
    const std::set<std::string> in_query(query.get_unique_terms_begin(), query.get_unique_terms_end());
    const double avlen = db.get_average_length();
    struct Stats {
        Xapian::doccount r = 0;
        double multiplier = 0;
    };
    std::unordered_map<std::string, Stats> stats;
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
            Stats& s = stats[name];
            ++s.r;
            s.multiplier += (k + 1) * wdf / (k * doclen / avlen + wdf);
        }
    }
    if (stats.empty()) return {};

    // A term's weight falls as its term frequency n rises, and n is at least
    // r: so r alone bounds the weight from above.  The candidates are taken
    // in the order of that bound and their term frequencies looked up until
    // no bound can beat the max_terms-th weight found: the same terms and
    // weights as looking up every candidate (most hold in one top document
    // only and cannot win), with a fraction of the look-ups.
    const double N = db.get_doccount(), R = static_cast<double>(top.size());
    auto weight = [&](const Stats& s, double n) {
        const double r = s.r, without = R - r;
        return s.multiplier * std::log((r + 0.5) * (N - n - without + 0.5) / ((n - r + 0.5) * (without + 0.5)));
    };
    struct Candidate {
        const std::string* name;
        const Stats* stats;
        double bound;
    };
    std::vector<Candidate> order;
    order.reserve(stats.size());
    for (const auto& [name, s] : stats) order.push_back({&name, &s, weight(s, s.r)});
    std::sort(order.begin(), order.end(), [](const Candidate& a, const Candidate& b) {
        return a.bound != b.bound ? a.bound > b.bound : *a.name < *b.name;
    });
    auto better = [](const ExpandTerm& a, const ExpandTerm& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
    };
    std::vector<ExpandTerm> out;  // the best so far, best first
    auto beaten = [&](double bound) { return out.size() >= max_terms && bound < out.back().weight; };
    auto consider = [&](const Candidate& c, Xapian::doccount n) {
        double w = weight(*c.stats, n);
        if (w <= 0) return;
        ExpandTerm e{*c.name, w, n};
        if (out.size() >= max_terms && !better(e, out.back())) return;
        out.insert(std::upper_bound(out.begin(), out.end(), e, better), std::move(e));
        if (out.size() > max_terms) out.pop_back();
    };
    if (remote_parts) {
        // In rounds of candidates, each in one match: Xapian gathers the
        // statistics of all a query's terms from each shard at once (a
        // synonym: the cheapest to set up).
        size_t next = 0, round = std::max<size_t>(4 * max_terms, 32);
        while (next < order.size() && !beaten(order[next].bound)) {
            const size_t end = std::min(order.size(), next + round);
            std::vector<Xapian::Query> candidates;
            for (size_t i = next; i < end; ++i) candidates.emplace_back(*order[i].name);
            Xapian::Enquire enquire(db);
            enquire.set_query(Xapian::Query(Xapian::Query::OP_SYNONYM, candidates.begin(), candidates.end()));
            Xapian::MSet freqs = enquire.get_mset(0, 0);
            for (size_t i = next; i < end; ++i) consider(order[i], freqs.get_termfreq(*order[i].name));
            next = end;
            round *= 2;
        }
    } else {
        // In windows of candidates, each looked up in the order of its name:
        // consecutive look-ups then mostly find their B-tree blocks already
        // in the cursor (one pread every three look-ups or so, against two
        // each in the order of the bounds).  Inside a window a candidate is
        // still skipped once its bound is beaten.
        constexpr size_t kWindow = 64;
        std::vector<const Candidate*> window;
        for (size_t next = 0; next < order.size() && !beaten(order[next].bound);) {
            const size_t end = std::min(order.size(), next + kWindow);
            window.clear();
            for (size_t i = next; i < end; ++i) window.push_back(&order[i]);
            std::sort(window.begin(), window.end(),
                      [](const Candidate* a, const Candidate* b) { return *a->name < *b->name; });
            for (const Candidate* c : window)
                if (!beaten(c->bound)) consider(*c, db.get_termfreq(*c->name));
            next = end;
        }
    }
    return out;
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
