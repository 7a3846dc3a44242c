// news-search --batch FILE: run many queries on one open database and time
// each (search, exact total, facets with --facets, and snippets; not the
// printing), for benchmarks (bench/) and for checking a query list.
#pragma once

#include "options.hpp"

#include <cstdio>

namespace news::searcher {

// One query a line of options.batch ("-" reads stdin; blank lines are
// skipped), each run with the other options as a normal query would be.
// Prints QUERY<TAB>TOTAL<TAB>MICROSECONDS a line on `out` ("error" for the
// total of a query that failed, with the message on `err`), then one summary
// line on `err`: the count, median and 99th percentile.  Returns the exit
// code: 0, or the worst of the failed queries' codes.  Throws news::Error
// when the file or the index cannot be opened.
int run_batch(const Options& options, std::FILE* out, std::FILE* err);

}  // namespace news::searcher
