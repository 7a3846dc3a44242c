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
    // Several words mean all of them: the documents holding every word (by
    // its stem, an alias...) are the complete matches, those the total, the
    // date orders and the facets count; in relevance order the documents
    // holding only some of the words follow them (partial matches).
    bool tiered = false;       // a document may hold some of the words only (not with --any or OR alone)
    Xapian::Query all_words;   // tiered: what a complete match holds (unweighted, for filtering `query`)
    Xapian::Query complete;    // the complete matches: `query` filtered by all_words (`query` when not tiered)
    Xapian::Query complete_ranked;  // the same matches ranked as `query` ranks them, cheaper (complete_ranking())
    unsigned feedback_words = 0;  // its free-text words for with_feedback(), wildcards unexpanded
    bool browse = false;       // no words: list the matching documents
    Xapian::Query undated_filters;   // with --from/--to (not --undated): the other filters and undated...
    Xapian::Query undated_left_out;  // ...and the matches those leave out (to count them)
    std::vector<std::string> notes;  // how the query was read, for stderr (an unclosed quote...)
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
    // The same with the words all required (what a complete match holds).
    Xapian::Query parse_all_words(const std::string& normalised);
    // The index's local parts, when it has several and none is remote
    // (for full_terms_as_match_all()).
    void set_parts(std::vector<Xapian::Database> parts) { parts_ = std::move(parts); }

private:
    QueryBuilder(const Xapian::Database& db, std::unique_ptr<IndexCatalogue> own, IndexCatalogue* catalogue);
    // The steps of build(), in order.
    void read_text(const Options& o, ParsedQuery& p);
    Xapian::Query build_filters(const Options& o, ParsedQuery& p);
    Xapian::Query parse_any_words(ParsedQuery& p, const std::string& excluded);
    void build_listing(const Xapian::Query& all_filters, const std::string& excluded, ParsedQuery& p);
    void build_ranked(const Options& o, const Xapian::Query& any, const Xapian::Query& all_filters, ParsedQuery& p);

    Xapian::Database db_;
    std::vector<Xapian::Database> parts_;
    Xapian::QueryParser qp_;
    std::unique_ptr<IndexCatalogue> own_;  // (with a catalogue at hand)
    IndexCatalogue* catalogue_;
    std::string corrected_;
    std::vector<std::string> field_notes_;  // what the fields' processors say (artist: read as a person)
};

// The rewrites applied before Xapian's parser sees a query: @handle →
// mention:handle, #tag → hashtag:tag, and CJK runs outside quotes put in
// brackets (Xapian 1.4.22 throws a parse error on some mixed-script
// queries such as "BTS 방탄소년단 concert").  Expects normalise_query() output.
std::string rewrite_query(const std::string& normalised);

}  // namespace news::searcher
