// Part of the searcher's parse stage: the ways round bugs of Xapian 1.4.22
// (Debian 12's) that a query would otherwise meet.
#pragma once

#include <xapian.h>

#include <vector>

namespace news::searcher {

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

}  // namespace news::searcher
