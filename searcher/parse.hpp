// Stage 1 of the searcher (parse → match → render): turn the query text and
// the filter options into a Xapian::Query, with the schema's field table
// driving the QueryParser.
#pragma once

#include "options.hpp"

#include "news/entities.hpp"

#include <xapian.h>

#include <string>

namespace news::searcher {

struct ParsedQuery {
    std::string text;          // the query as typed
    std::string normalised;    // after normalise_query() and rewriting (what Xapian parsed)
    Xapian::Query words;       // the free-text part (empty when the query is empty)
    Xapian::Query filters;     // --artist, --type, --from/--to (MatchAll when none)
    Xapian::Query query;       // what is run: words (tiered) filtered by filters
    bool browse = false;       // no words: list the matching documents
};

class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, const Catalogue& catalogue);
    // Throws news::Error (exit code 2) for a bad value or a query Xapian cannot parse.
    ParsedQuery build(const Options& options);
    // A spelling correction of the last query built, or "" (already normalised).
    std::string corrected() const { return corrected_; }
    // Parse the words of a query the same way (for checking a suggestion).
    Xapian::Query parse_words(const std::string& normalised, bool spelling = true);

private:
    Xapian::Database db_;
    Xapian::QueryParser qp_;
    const Catalogue& catalogue_;
    std::string corrected_;
};

// The rewrites applied before Xapian's parser sees a query: @handle →
// mention:handle, #tag → hashtag:tag, and CJK runs outside quotes put in
// brackets (Xapian 1.4.22 throws a parse error on some mixed-script
// queries such as "BTS 방탄소년단 concert").  Expects normalise_query() output.
std::string rewrite_query(const std::string& normalised);

// Ranking: what every query ordered by relevance gets.  Measured with
// bench/relevance on the CISI and MED judgments (../shared/relevance);
// bench/relevance.md gives the figures and what each choice gained.  The
// tests unit.test_ranking and cli.relevance_golden fail if any of this changes.
struct RankingConfig {
    double bm25_k1;                    // term-frequency saturation (Xapian's default: 1)
    double bm25_b;                     // document-length normalisation (Xapian's default: 0.5)
    Xapian::doccount feedback_docs;    // pseudo-relevance feedback: the top N documents of the query...
    Xapian::termcount feedback_terms;  // ...give this many expansion terms (Xapian's expand set)...
    double feedback_weight;            // ...the best of them scaled by this (the others in proportion)...
    unsigned feedback_full_words;      // ...for a query of this many words or more; shorter, proportionally less
};
inline constexpr RankingConfig kRanking{1.6, 0.75, 10, 20, 0.5, 5};

// BM25 with kRanking's k1 and b (k2 = 0, k3 = 1, min_normlen = 0.5 as in Xapian).
Xapian::BM25Weight ranking_weight();

// Pseudo-relevance feedback: when `query` matches more documents than
// kRanking.feedback_docs, its top documents' best terms (stemmed words) are
// added as OP_AND_MAYBE, so they re-rank the documents the query matches and
// never add or remove one: operators, phrases and filters keep their meaning
// and totals and facets do not change.  A short query gets less of it (a
// one-word query a fifth), so that its own words lead.  Otherwise (few
// matches, no free-text words, a query of filters only) `query` is returned
// as it is.
Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query);

// Filters from options; throws news::Error (exit code 2) on a bad value.
Xapian::Query entity_filter(const Catalogue& catalogue, const Xapian::Database& db, const std::string& name);
// `what` names the source in messages ("date"); empty: --from and --to.
Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what = "");

}  // namespace news::searcher
