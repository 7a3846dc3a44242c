// What news-index tells its user: the one-line summary and warnings on
// stderr (the progress line: progress.hpp; --stats: db_stats.hpp).
#pragma once

#include "read.hpp"
#include "write.hpp"

#include <cstdio>
#include <string>
#include <string_view>

namespace news::indexer {

void print_diagnostic(const Diagnostic& d);
// "1 article", "2 articles".
std::string count(size_t n, std::string_view noun);
void print_summary(const ReadStats& r, const WriteStats& w, double seconds, const std::string& db, bool dry_run);

}  // namespace news::indexer
