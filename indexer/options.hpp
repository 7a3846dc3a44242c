// news-index's command line: a plain options struct and the CLI11 app that
// fills it (built in a function so tests can parse argv and read --help).
#pragma once

#include <memory>
#include <string>
#include <vector>

// CLI11 is a heavy header: only options.cpp and main.cpp, which build and run
// the app, include it; the pipeline stages see the plain struct.
namespace CLI {
class App;
}

namespace news::indexer {

struct Options {
    std::string db;                         // --db, else $NEWS_DB, else news.db
    std::vector<std::string> paths;         // files and folders; default corpus/
    std::vector<std::string> entity_files;  // --entities, added to the built-in catalogue
    bool quiet = false;
    bool stats = false;
    bool dry_run = false;  // list what would be added, replaced, removed; write nothing
    bool rebuild = false;  // build afresh beside the database and swap it in
    bool wait = false;     // wait for another news-index writing the database
    size_t shards = 0;     // --shards N: a sharded folder of N shards (0: keep the index's layout)
};

std::unique_ptr<CLI::App> make_app(Options& options);

}  // namespace news::indexer
