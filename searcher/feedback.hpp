// Part of the searcher's parse stage (ranking): pseudo-relevance feedback,
// the query re-weighed by the best terms of its top documents.
//
// The same terms and weights as Xapian's Enquire::get_eset() with its
// default scheme (TradEWeight, k = 1) and USE_EXACT_TERMFREQ, computed here
// because over remote shards get_eset() asks each shard for every candidate
// term's statistics one at a time (hundreds of round trips: 100-400 ms a
// query on loopback).  Here, with remote parts: one round trip per top
// document for its term list and one match that brings the term frequencies
// of all candidates at once (about 50 ms on loopback with 4 shards); with
// local parts only, a term frequency look-up each, in windows in the order
// of the names (faster than get_eset(): only the candidates that can win).
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace news::searcher {

struct ExpandTerm {
    std::string term;
    double weight;
    Xapian::doccount termfreq;  // n: how many documents hold it
};

// The best max_terms terms (by weight, then name) of the documents of top
// (R of them), among those accept() takes and the query does not hold;
// weights as TradEWeight's: sum over the top documents holding the term of
// 2 wdf / (doclen / avlen + wdf), times
// log((r + 0.5)(N - n - (R - r) + 0.5) / ((n - r + 0.5)(R - r + 0.5)))
// (R top documents, r of them holding the term, n of all N documents).
std::vector<ExpandTerm> expand_terms(const Xapian::Database& db, const std::vector<Xapian::Document>& top,
                                     const Xapian::Query& query,
                                     size_t max_terms, const std::function<bool(const std::string&)>& accept,
                                     bool remote_parts);

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

}  // namespace news::searcher
