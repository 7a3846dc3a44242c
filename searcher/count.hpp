// Part of the searcher's match stage: the exact numbers of matches the
// default prints ("671 results ..., and 3,410 with some of the words"),
// counted apart from the match that ranks the page.  The page's match stops
// as soon as no other document can reach the page (as with --quick); where
// Xapian's bounds on the number of matches then still differ, the matches
// are counted in a pass of their own that weighs nothing, so that it reads
// no document length (BM25 reads one for every match: most of a count's
// cost).
#pragma once

#include "parse.hpp"

#include <xapian.h>

namespace news::searcher {

// How many documents match `query`, exactly.  remote: some part is (or may
// hold) a remote shard, whose server does not know the counting weight:
// counted under BM25 there.
Xapian::doccount count_exactly(const Xapian::Database& db, const Xapian::Query& query, bool remote);

// A tiered query's partial matches: those holding only some of its words
// (ParsedQuery::tiered).
Xapian::Query partial_matches(const ParsedQuery& p);

}  // namespace news::searcher
