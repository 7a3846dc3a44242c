#include "ranking.hpp"

#include "news/schema.hpp"

#include <algorithm>
#include <string>

namespace news::searcher {

Xapian::BM25Weight ranking_weight() { return Xapian::BM25Weight(kRanking.bm25_k1, 0, 1, kRanking.bm25_b, 0.5); }

namespace {

// Whether `q` is made of terms by operators that weigh a document by its
// terms alone (a sum of their weights, or for SYNONYM one weight of their
// wdfs), so that a document weighs the same wherever `q` is matched.
bool summed_terms(const Xapian::Query& q) {
    using Q = Xapian::Query;
    switch (q.get_type()) {
        case Q::LEAF_TERM: return true;
        case Q::OP_AND:
        case Q::OP_OR:
        case Q::OP_SYNONYM:
        case Q::OP_PHRASE:
        case Q::OP_NEAR:
            for (size_t i = 0; i < q.get_num_subqueries(); ++i)
                if (!summed_terms(q.get_subquery(i))) return false;
            return q.get_num_subqueries() > 0;
        default: return false;
    }
}

}  // namespace

std::optional<Xapian::Query> complete_ranking(const Xapian::Query& any, const Xapian::Query& all, double boost) {
    using Q = Xapian::Query;
    if (any.get_type() != Q::OP_OR || all.get_type() != Q::OP_AND) return std::nullopt;
    if (any.get_num_subqueries() != all.get_num_subqueries() || !summed_terms(all)) return std::nullopt;
    for (size_t i = 0; i < all.get_num_subqueries(); ++i)
        if (any.get_subquery(i).get_description() != all.get_subquery(i).get_description()) return std::nullopt;
    return Q(Q::OP_SCALE_WEIGHT, all, boost + 1);
}

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

bool free_text_term(const std::string& t) {
    return !t.empty() && (t[0] == kStemPrefix || !(t[0] >= 'A' && t[0] <= 'Z'));
}

unsigned free_text_words(const Xapian::Query& query) {
    unsigned words = 0;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
        if (free_text_term(*it)) ++words;
    return words;
}

}  // namespace news::searcher
