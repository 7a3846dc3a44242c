// Part of the searcher's match stage: one story, one hit.  News repeats
// itself: a wire story sent twice under two numbers (Reuters-21578 holds
// about 300 such records), the same article saved under two file names or
// retitled (the BBC corpus: 98 files byte for byte, 35 more with the same
// text under another title), a post quoted by two articles.  A hit whose
// text is that of a hit ranked above it is not shown; it is listed under
// that hit as a copy (news-search --duplicates shows every one).  The
// total and the facets count every matching document, copies included.
#pragma once

#include "news/stored.hpp"

#include <cstdint>

namespace news::searcher {

// Texts shorter than this many bytes are told apart by their titles too:
// Reuters' 1,798 briefs are a headline and the filler "Blah blah blah.".
inline constexpr size_t kShortText = 200;

// Equal for two documents that are copies of one story: of the same type,
// by the same author (posts), with the same text byte for byte (blank space
// at either end aside) and, for a short text, the same title.  (Equal
// texts are what copies of a story are, in the corpora at hand; the text
// is hashed as it is, for speed: see collapse.cpp.)
uint64_t same_text_key(const StoredDoc& doc);

}  // namespace news::searcher
