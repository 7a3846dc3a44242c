// Stage 1 of the searcher (parse → match → render): turn the query text and
// the filter options into a Xapian::Query, with the schema's field table
// driving the QueryParser.
#pragma once

#include "options.hpp"

#include "news/entities.hpp"
#include "news/index_catalogue.hpp"

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace news::searcher {

struct ParsedQuery {
    std::string text;          // the query as typed
    std::string normalised;    // after normalise_query() and rewriting (what Xapian parsed)
    Xapian::Query words;       // the free-text part (empty when the query is empty)
    Xapian::Query filters;     // --artist, --type, --from/--to (MatchAll when none)
    Xapian::Query query;       // what is run: words (tiered) filtered by filters, wildcards expanded
    unsigned feedback_words = 0;  // its free-text words for with_feedback(), wildcards unexpanded
    bool browse = false;       // no words: list the matching documents
    Xapian::Query undated;     // with --sort oldest: the undated documents, as a filter (full_terms_as_match_all())
};

class QueryBuilder {
public:
    // The index's entity catalogue, for artist: and --artist (match.cpp keeps
    // it with the open index: each query reads the entries it names, an
    // older index's whole catalogue is read once)...
    QueryBuilder(const Xapian::Database& db, IndexCatalogue& catalogue);
    // ...or a catalogue at hand.
    QueryBuilder(const Xapian::Database& db, const Catalogue& catalogue);
    // Throws news::Error (exit code 2) for a bad value or a query Xapian cannot parse.
    ParsedQuery build(const Options& options);
    // A spelling correction of the last query built, or "" (already normalised).
    std::string corrected() const { return corrected_; }
    // Parse the words of a query the same way (for checking a suggestion).
    Xapian::Query parse_words(const std::string& normalised);
    // The index's local parts, when it has several and none is remote
    // (for full_terms_as_match_all()).
    void set_parts(std::vector<Xapian::Database> parts) { parts_ = std::move(parts); }

private:
    QueryBuilder(const Xapian::Database& db, std::unique_ptr<IndexCatalogue> own, IndexCatalogue* catalogue);

    Xapian::Database db_;
    std::vector<Xapian::Database> parts_;
    Xapian::QueryParser qp_;
    std::unique_ptr<IndexCatalogue> own_;  // (with a catalogue at hand)
    IndexCatalogue* catalogue_;
    std::string corrected_;
};

// The rewrites applied before Xapian's parser sees a query: @handle →
// mention:handle, #tag → hashtag:tag, and CJK runs outside quotes put in
// brackets (Xapian 1.4.22 throws a parse error on some mixed-script
// queries such as "BTS 방탄소년단 concert").  Expects normalise_query() output.
std::string rewrite_query(const std::string& normalised);

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

// Relevance order, ties newest first (Slot::Newest, which ends with the
// unique id): a total order, so a sharded index ranks exactly as one
// database whatever its document ids.
void set_relevance_order(Xapian::Enquire& enquire);

// A query's matches ranked [first, first + count) in the order of
// set_relevance_order(), best first.  Matched in relevance order alone,
// which reads no value for each match (a tenth of a query's time), then the
// range is put in order (weight, then Slot::Newest descending): exact as long
// as no tie in weight straddles either edge of the range, which one more
// match on each side tells.  When one does, the range is matched again in
// set_relevance_order() (a fresh Enquire: without the first one's spies and
// without checking every match).  `enquire` holds the query and weighting
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

// Pseudo-relevance feedback: when `query` matches more documents than
// kRanking.feedback_docs, its top documents' best terms (stemmed words) are
// added as OP_AND_MAYBE, so they re-rank the documents the query matches and
// never add or remove one: operators, phrases and filters keep their meaning
// and totals and facets do not change.  The query's own words lead: the
// expansion terms together can add at most kRanking.feedback_share of what
// query and expansion can weigh together (so a short query gets little
// feedback, a long one more), each in proportion to its expand-set weight.
// Otherwise (few
// matches, no free-text words, a query of filters only) `query` is returned
// as it is.
Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query);
// The same with the query's word count given (ParsedQuery::feedback_words).
// remote_parts: the database has remote shards (term statistics are then
// fetched in one batch, see feedback.hpp).
Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query, unsigned words,
                            bool remote_parts = false);
// The same from the query's first matches in relevance order, already
// found: `top` (best first; the first kRanking.feedback_docs are used), the
// match's get_max_possible() and `matches`, how many documents the query
// matches (at least).  Nothing when the query gets no feedback.
std::optional<Xapian::Query> feedback_from(const Xapian::Database& db, const Xapian::Query& query, unsigned words,
                                           const std::vector<Xapian::MSetIterator>& top, double max_possible,
                                           Xapian::doccount matches, bool remote_parts);
// The expansion alone, the right side of feedback_from()'s OP_AND_MAYBE
// (each term's query weighted by OP_SCALE_WEIGHT, under one OP_OR).
std::optional<Xapian::Query> feedback_expansion(const Xapian::Database& db, const Xapian::Query& query, unsigned words,
                                                const std::vector<Xapian::MSetIterator>& top, double max_possible,
                                                Xapian::doccount matches, bool remote_parts);
// The free-text words of a query, as with_feedback() counts them: terms
// without a field prefix (filters, entities, title:, @mentions and #hashtags
// have one in capitals); a wildcard counts none.
unsigned free_text_words(const Xapian::Query& query);

// The query made to weigh the same over any number of databases:
//  - each wildcard (collab*, title:wil*) is replaced by the synonym of the
//    terms it expands to in `db` (the combined database), as Xapian would
//    expand it in one database; over several, Xapian 1.4 expands it in each
//    part separately, with that part's terms only;
//  - a synonym of more than two subqueries (a wildcard's, an alias's) becomes
//    a balanced tree of synonyms of two, in the same order: Xapian 1.4
//    estimates a synonym's frequency over a tree shaped by each part's own
//    term frequencies, rounding at each step, so a flat synonym of many
//    weighs slightly differently in each part and in one database.
//  - an OR directly under a synonym (a multi-word alias) becomes a synonym.
// Only operators without parameters are rebuilt: anything under a phrase or
// a scaled weight is left as it is.  On one database this changes nothing
// bench/relevance (CISI, MED) or the golden tests can see; a wildcard of
// many terms may move a score in the third decimal (exp* on Reuters: 0.002).
Xapian::Query expand_for_shards(const Xapian::Database& db, const Xapian::Query& query);

// The query with each term that indexes every document, where it weighs
// nothing (under FILTER or AND_NOT's right side, a zero scale, or anywhere
// when `weighted` is false), replaced by Query::MatchAll, which matches the
// same.  Xapian 1.4.22 (Debian 12) makes this replacement itself with a bug:
// it reads the all-documents list under the term's name, and where the
// document ids have gaps (any index news-index has updated: a changed or
// removed file leaves one) and that list spans more than one chunk (a few
// thousand documents), the match stops with "DatabaseCorruptError:
// Unexpected end of posting list for 'XY1987'" (year:1987 on Reuters after
// one incremental run).  The database is sound; Query::MatchAll reads that
// list under its own name.  Xapian decides per part: a term that indexes
// every document of some of the local `parts` (Index::opened; none given:
// one database, or remote shards) but not of all is read through a
// PostingSource of its own posting list instead (type:article over a part
// of articles only and one with posts).  A remote shard's own Xapian is
// left to itself there.
Xapian::Query full_terms_as_match_all(const Xapian::Database& db, const Xapian::Query& query, bool weighted,
                                      const std::vector<Xapian::Database>& parts = {});

// Filters from options; throws news::Error (exit code 2) on a bad value.
Xapian::Query entity_filter(IndexCatalogue& catalogue, const Xapian::Database& db, const std::string& name);
// `what` names the source in messages ("date"); empty: --from and --to.
Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what = "");

}  // namespace news::searcher
