// What news-index tells its user: a live progress line on a terminal, the
// one-line summary, warnings on stderr, and --stats.
#pragma once

#include "read.hpp"
#include "write.hpp"

#include <chrono>
#include <cstdio>
#include <string>

namespace news::indexer {

class Progress {
public:
    explicit Progress(bool enabled);
    void update(size_t files, size_t docs);
    void clear();

private:
    bool enabled_;
    std::chrono::steady_clock::time_point start_, last_;
};

void print_diagnostic(const Diagnostic& d);
void print_summary(const ReadStats& r, const WriteStats& w, double seconds, const std::string& db, bool dry_run);
// --stats: what the database at db holds.  Throws news::Error.
void print_db_stats(const std::string& db);

}  // namespace news::indexer
