// news-search's command line: a plain options struct and the CLI11 app that
// fills it.
#pragma once

#include <optional>
#include <string>
#include <vector>

// CLI11 is a heavy header (news/command_line.hpp): only options.cpp
// includes it; main() and the pipeline stages see the plain struct.

namespace news::searcher {

struct Options {
    std::vector<std::string> db;     // --db (repeatable), else $NEWS_DB, else news.db: each a
                                     // database, a sharded folder or a stub file (searcher/open.hpp)
    std::vector<std::string> words;  // the query, joined with spaces
    size_t limit = 10;
    size_t offset = 0;
    std::string type;               // "", "article" or "post"
    std::string sort = "relevance";  // relevance | newest | oldest
    std::vector<std::string> artists;
    std::vector<std::string> persons, organisations, locations;  // --person, --organisation, --location
    std::string from, to;  // YYYY, YYYY-MM or YYYY-MM-DD
    bool undated = false;  // --undated: with from/to, the undated documents pass too; alone, only they do
    bool json = false;
    bool facets = false;
    bool any = false;    // --any: documents holding any of the words are all matches (as OR)
    bool quick = false;   // --quick: an estimated total above 100, for speed
    bool expand = false;  // --expand: pseudo-relevance feedback re-ranks the page
    bool duplicates = false;  // --duplicates: copies of a story shown as hits of their own (collapse.hpp)
    size_t snippet_length = 200;
    std::string color = "auto";  // auto | always | never
    std::string batch;           // --batch FILE: one query a line, timed ("-" = stdin)
    double timeout = 10;         // --timeout SECONDS: a remote shard's connect and reply timeout
    bool strict = false;         // --strict: a shard that does not answer is an error

    std::string db_name() const;  // what --db names, for messages ("a, b" when repeated)

    std::string query() const;
};

// Fills `options` from the command line.  Returns the exit status when the
// program should stop here: 0 after printing --help, kExitUsage after
// reporting a usage error on stderr; nothing when it should go on.
std::optional<int> parse_command_line(Options& options, int argc, char** argv);

}  // namespace news::searcher
