// Part of the searcher's match stage: one run of a parsed query, in the
// order asked for: the items of the page, the exact (or, with --quick,
// estimated) numbers of complete and partial matches, and the facets
// counted in the same match.  match.cpp makes hits and results of it.
#pragma once

#include "facets.hpp"
#include "options.hpp"
#include "parse.hpp"

#include <xapian.h>

#include <optional>
#include <vector>

namespace news::searcher {

// A run of the query (run_query()).
struct Run {
    std::vector<Xapian::MSetIterator> items;  // the ranks asked for, in order (each holds its MSet)...
    size_t complete_items = 0;                // ...of which the first are complete matches
    Xapian::doccount total = 0;               // complete matches: exact...
    bool exact = true;                        // ...but with --quick
    Xapian::doccount some_words = 0;          // partial matches (relevance order of a tiered query)...
    bool some_words_exact = true;             // ...exact, or Xapian's estimate (--quick)
    Xapian::doccount ranked = 0;              // the ranks there are: total, and some_words in relevance order
    bool nothing_to_rank = false;             // relevance order of filters alone (no weights)
    std::optional<FacetCounts> facets;
};

// The ranks [o.offset, o.offset + o.limit) of p in `sort` order, with the
// counts, and the facets of `spy` counted in the same match (none: empty;
// never with remote parts, see date_order_run()).  remote: some part is (or
// may hold) a remote shard; single: the index is one local database.
Run run_query(const Xapian::Database& db, const ParsedQuery& p, Sort sort, const Options& o, const FacetNames& spy,
              bool remote, bool single);

}  // namespace news::searcher
