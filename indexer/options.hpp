// news-index's command line: a plain options struct and the CLI11 app that
// fills it.
#pragma once

#include <optional>
#include <string>
#include <vector>

// CLI11 is a heavy header (news/command_line.hpp): only options.cpp
// includes it; main() and the pipeline stages see the plain struct.

namespace news::indexer {

struct Options {
    std::string db;                         // --db, else $NEWS_DB, else news.db
    std::vector<std::string> paths;         // files and folders; default corpus/
    std::vector<std::string> entity_files;  // --entities, added to the built-in catalogue
    bool quiet = false;
    bool stats = false;
    bool list = false;     // --stats --list: every article, not the summary
    bool dry_run = false;  // list what would be added, replaced, removed; write nothing
    bool rebuild = false;  // build afresh beside the database and swap it in
    bool wait = false;     // wait for another news-index writing the database
    size_t shards = 0;     // --shards N: a sharded folder of N shards (0: keep the index's layout)
};

// Fills `options` from the command line.  Returns the exit status when the
// program should stop here: 0 after printing --help, kExitUsage after
// reporting a usage error on stderr; nothing when it should go on.
std::optional<int> parse_command_line(Options& options, int argc, char** argv);

}  // namespace news::indexer
