// Part of the searcher's parse stage: NEAR, ADJ and phrases match the same
// stems as plain words (doc/query.md).
//
// The index holds a word's stem (Z-prefixed) without positions and each
// form as written with them (indexer/analyse.cpp: Xapian's STEM_SOME), and
// Xapian's parser looks the words of NEAR, ADJ and phrases up as typed: so
// `markets NEAR/3 shares` found only those very forms (nothing on
// Reuters-21578) where `market NEAR/3 share` found 117.  Positions on the
// stems too (STEM_SOME_FULL_POS) made the Reuters-21578 index 81 MB instead
// of 62 and its build take a quarter more CPU (bench/'s target 3 is the
// size of Omega's, 65 MB); instead each
// word under such an operator is looked for as any form the index holds
// with the same stem, an OR of those forms (Xapian 1.4 allows an OR of
// terms under NEAR and PHRASE).
#pragma once

#include <xapian.h>

namespace news::searcher {

// The query with every word of three letters or more (not a stop word)
// under OP_NEAR or OP_PHRASE replaced by the OR of the index's forms of
// its stem (the commonest 24), with the same prefix; but a phrase with a
// word of one or two letters ("J-Hope", "K-pop", "U.N. Security Council")
// is a name, kept as written.
Xapian::Query positional_stems(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace news::searcher
