// Part of the searcher's match stage: the exact numbers of matches the
// default prints ("671 results ..., and 3,410 with some of the words", the
// undated left out), counted apart from the match that ranks the page, so
// that the page's match stops as soon as no other document can reach the
// page (as with --quick).  A query made of set operations on terms is
// counted from term frequencies and posting lists alone; any other in a
// match of Xapian's that weighs nothing, so that it reads no document
// length (BM25 reads one for every match: most of a count's cost).
#pragma once

#include "parse.hpp"

#include <xapian.h>

#include <map>
#include <optional>
#include <string>

namespace news::searcher {

struct SetExpr;

// Exact numbers of matches, each set counted once: where a query is a
// plain set operation of terms (AND, OR, AND_NOT, FILTER, SYNONYM;
// AND_MAYBE and SCALE_WEIGHT as their first subquery; MatchAll) it is
// counted from its terms' frequencies and by walking their posting lists
// (|A OR B| = |A| + |B| - |A AND B|, an AND from its rarest term's
// documents), which weighs nothing and builds no MSet; else in a match of
// Xapian's.
class ExactCounter {
public:
    // remote: some part is (or may hold) a remote shard: never walked
    // there, and matched under BM25 (its server does not know the counting
    // weight).
    ExactCounter(const Xapian::Database& db, bool remote) : db_(db), remote_(remote) {}
    // The count where the query can be walked, else nothing.
    std::optional<Xapian::doccount> walked(const Xapian::Query& query);
    Xapian::doccount exactly(const Xapian::Query& query);

private:
    Xapian::doccount count(const SetExpr& e);
    Xapian::Database db_;
    bool remote_;
    std::map<std::string, Xapian::doccount> counted_;  // by SetExpr::key
};

// How many documents match `query`, exactly (ExactCounter::exactly()).
Xapian::doccount count_exactly(const Xapian::Database& db, const Xapian::Query& query, bool remote);

// A tiered query's partial matches: those holding only some of its words
// (ParsedQuery::tiered).
Xapian::Query partial_matches(const ParsedQuery& p);

}  // namespace news::searcher
