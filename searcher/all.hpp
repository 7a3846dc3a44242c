// --all: every complete match of a query, in the order asked for, printed
// page by page as it is found (kAllPage hits at a time through the match
// stage, with offsets), so that memory holds one page of documents, never
// all of them.  Copies of a story are listed as hits of their own (as with
// --duplicates), so the lines printed are exactly --json's "total"; matches
// holding only some of the words are never listed.
#pragma once

#include "match.hpp"
#include "options.hpp"
#include "render.hpp"

#include <functional>

namespace news::searcher {

inline constexpr size_t kAllPage = 1000;

// Prints every complete match through `printer`; `first` is called with the
// first page's results before any hit is printed (for notes on stderr).
// Returns those results without their hits (the totals, facets, shards
// down).  Throws news::Error as search() does.
Results print_all(const Options& options, Printer& printer, const std::function<void(const Results&)>& first);

}  // namespace news::searcher
