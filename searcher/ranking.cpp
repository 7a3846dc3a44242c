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

namespace {

// Ranks matched beyond each end of a range, so that a tie across its edge
// is most often seen whole (the 16x benchmark corpus's redrawn copies tie
// in groups): then it is put in order from the match itself, not matched
// again (a second walk of a word's whole posting list).
constexpr Xapian::doccount kTieRoom = 16;

}  // namespace

void set_relevance_order(Xapian::Enquire& enquire) {
    enquire.set_sort_by_relevance_then_value(slot(Slot::Newest), true);
}

Ranked rank_by_relevance(const Xapian::Database& db, Xapian::Enquire& enquire, Xapian::doccount first,
                         Xapian::doccount count, Xapian::doccount check_at_least) {
    Ranked r;
    // Room for ties on each side; but where Xapian's estimate of the number
    // of matches is wanted (--quick's totals), which depends on the ranks
    // asked, one rank as always.
    const bool estimated = check_at_least > 0 && check_at_least < db.get_doccount();
    const Xapian::doccount room = estimated ? 1 : kTieRoom;
    const Xapian::doccount lo = first - std::min(first, room);
    const Xapian::doccount asked = (first - lo) + count + room;
    enquire.set_sort_by_relevance();
    r.mset = enquire.get_mset(lo, asked, check_at_least);
    r.matches = r.mset.get_matches_estimated();
    r.exact = r.mset.get_matches_lower_bound() == r.mset.get_matches_upper_bound();
    const Xapian::doccount have = r.mset.size();  // ranks lo, lo + 1, ...
    auto weight = [&](Xapian::doccount rank) { return r.mset[rank - lo].get_weight(); };
    const Xapian::doccount end = std::min(first + count, lo + have);  // the range is [first, end)
    if (end <= first) return r;
    // The ranks [from, to): the range widened to the whole ties at its edges,
    // known whole where a weight or the end of the matches bounds each.
    Xapian::doccount from = first, to = end;
    while (from > lo && weight(from - 1) == weight(first)) --from;
    while (to < lo + have && weight(to) == weight(end - 1)) ++to;
    if ((from == lo && lo > 0) || (to == lo + have && have == asked)) {
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
    std::vector<Keyed> ranks;
    for (Xapian::doccount rank = from; rank < to; ++rank) {
        Xapian::MSetIterator it = r.mset[rank - lo];
        const double w = it.get_weight();
        const bool tied = (rank > from && weight(rank - 1) == w) || (rank + 1 < to && weight(rank + 1) == w);
        ranks.push_back({it, w, tied ? it.get_document().get_value(slot(Slot::Newest)) : std::string()});
    }
    std::sort(ranks.begin(), ranks.end(), [](const Keyed& a, const Keyed& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.newest > b.newest;
    });
    for (Xapian::doccount rank = first; rank < end; ++rank) r.items.push_back(ranks[rank - from].it);
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
