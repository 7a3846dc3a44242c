// Part of the searcher's parse stage: how a query's matches are weighed and
// put in order (BM25 with the project's parameters, ties newest first).
// Pseudo-relevance feedback, which re-weighs a query, is in feedback.hpp.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace news::searcher {

// Ranking: what every query ordered by relevance gets.  Measured with
// bench/relevance on the five collections of ../shared/relevance (CISI,
// MED, LISA, NPL, ADI); bench/relevance.md gives the figures and what each
// choice gained.  The tests unit.test_ranking and cli.relevance_golden fail
// if any of this changes.
struct RankingConfig {
    double bm25_k1;                    // term-frequency saturation (Xapian's default: 1)
    double bm25_b;                     // document-length normalisation (Xapian's default: 0.5)
    Xapian::doccount feedback_docs;    // pseudo-relevance feedback: the top N documents of the query...
    Xapian::termcount feedback_terms;  // ...give this many expansion terms (Xapian's expand set)...
    double feedback_share;             // ...which together weigh this share of query + expansion (at most)
};
inline constexpr RankingConfig kRanking{1.6, 0.75, 10, 15, 0.1};

// BM25 with kRanking's k1 and b (k2 = 0, k3 = 1, min_normlen = 0.5 as in Xapian).
Xapian::BM25Weight ranking_weight();

// The complete matches of a tiered query (those holding all its words),
// ranked as the query OR(SCALE_WEIGHT(boost, all), any) ranks them, by the
// all-words reading alone: where `any` is the OR and `all` the AND of the
// same subqueries, each weighed from its terms alone, a document holding
// all the words weighs the same in both readings (Xapian 1.4 weighs each
// leaf apart, with its own wqf), so the query weighs it (boost + 1) times
// the all-words reading.  One reading matched instead of both and a filter:
// each complete match's postings are read once, not three times.  The same
// order; the weights may differ in their last bits.
// Nothing where that does not hold (then the query filtered by `all`).
std::optional<Xapian::Query> complete_ranking(const Xapian::Query& any, const Xapian::Query& all, double boost);

// Relevance order, ties newest first (Slot::Newest, which ends with the
// unique id): a total order, so a sharded index ranks exactly as one
// database whatever its document ids.
void set_relevance_order(Xapian::Enquire& enquire);

// A query's matches ranked [first, first + count) in the order of
// set_relevance_order(), best first.  Matched in relevance order alone,
// which reads no value for each match (a tenth of a query's time), then the
// range is put in order (weight, then Slot::Newest descending), with the
// ties across its edges: exact as long as each of those is seen whole,
// which up to 16 more matches on each side tell (one where Xapian's
// estimate of the number of matches is wanted, which depends on them).  When one is not, the
// range is matched again in set_relevance_order() (a fresh Enquire:
// without the first one's spies and without checking every match).  `enquire` holds the query and weighting
// (ranking_weight()); check_at_least as in Enquire::get_mset().
struct Ranked {
    Xapian::MSet mset;                        // holds the items
    std::vector<Xapian::MSetIterator> items;  // ranks first, first + 1, ... (at most count)
    Xapian::doccount matches = 0;             // get_matches_estimated() of the first match...
    bool exact = false;                       // ...known exactly (its bounds meet)
    bool rematched = false;                   // a tie straddled an edge
};
Ranked rank_by_relevance(const Xapian::Database& db, Xapian::Enquire& enquire, Xapian::doccount first,
                         Xapian::doccount count, Xapian::doccount check_at_least = 0);

// The free-text words of a query, as with_feedback() counts them: terms
// without a field prefix (filters, entities, title:, @mentions and #hashtags
// have one in capitals); a wildcard counts none.
unsigned free_text_words(const Xapian::Query& query);
// Whether a term is of the query's free text: without a field prefix
// (filters, entities, title:, @mentions and #hashtags have one in capitals).
bool free_text_term(const std::string& term);

}  // namespace news::searcher
