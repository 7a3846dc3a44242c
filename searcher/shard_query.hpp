// Part of the searcher's parse stage: a query rewritten so that it weighs
// the same over several databases (shards, --db repeated) as over one.
#pragma once

#include <xapian.h>

namespace news::searcher {

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

}  // namespace news::searcher
