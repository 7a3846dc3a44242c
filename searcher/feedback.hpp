// Part of the searcher's parse stage (ranking): the expansion terms of
// pseudo-relevance feedback.
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

}  // namespace news::searcher
