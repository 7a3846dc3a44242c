// news-search's command line: a plain options struct and the CLI11 app that
// fills it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// CLI11 is a heavy header (news/command_line.hpp): only options.cpp
// includes it; main() and the pipeline stages see the plain struct.

namespace news::searcher {

// --format: how results are printed (render.hpp, export.hpp).
enum class Format { Text, Json, Ndjson, Csv, Tsv };

// The values of --sort, --color and --type, parsed where they are parsed
// (options.cpp has their names).
enum class Sort { Relevance, Newest, Oldest };
enum class Color { Auto, Always, Never };
enum class DocType { Any, Article, Post };  // Any: --type not given

// "relevance", "newest" or "oldest": as typed, and as the results say.
std::string_view name_of(Sort sort);

struct Options {
    std::vector<std::string> db;     // --db (repeatable), else $NEWS_DB, else news.db: each a
                                     // database, a sharded folder or a stub file (searcher/open.hpp)
    std::vector<std::string> words;  // the query, joined with spaces
    size_t limit = 10;
    size_t offset = 0;
    DocType type = DocType::Any;
    Sort sort = Sort::Relevance;
    std::vector<std::string> artists;
    std::vector<std::string> persons, organisations, locations;  // --person, --organisation, --location
    std::string from, to;  // YYYY, YYYY-MM or YYYY-MM-DD
    bool undated = false;  // --undated: with from/to, the undated documents pass too; alone, only they do
    bool facets = false;                     // --facets, or any --facet or --facet-limit
    std::vector<std::string> facet_names;    // --facet NAME (repeatable): only these; none: all
    std::optional<size_t> facet_limit;       // --facet-limit N: values per facet (0: all)
    bool any = false;    // --any: documents holding any of the words are all matches (as OR)
    bool quick = false;   // --quick: an estimated total above 100, for speed
    bool expand = false;  // --expand: pseudo-relevance feedback re-ranks the page
    bool duplicates = false;  // --duplicates: copies of a story shown as hits of their own (collapse.hpp)
    size_t snippet_length = 200;
    Color color = Color::Auto;
    std::string batch;           // --batch FILE: one query a line, timed ("-" = stdin)
    double timeout = 10;         // --timeout SECONDS: a remote shard's connect and reply timeout
    bool strict = false;         // --strict: a shard that does not answer is an error
    // Reading and export (doc/export.md).
    Format format = Format::Text;   // --format; --json is --format json
    bool all = false;               // --all: every complete match, page by page (all.hpp)
    std::vector<std::string> show;  // --show ID...: print these documents whole (show.hpp)
    std::string highlight;          // --highlight QUERY: its words marked in --show's text

    std::string db_name() const;  // what --db names, for messages ("a, b" when repeated)

    std::string query() const;
};

// Fills `options` from the command line.  Returns the exit status when the
// program should stop here: 0 after printing --help, kExitUsage after
// reporting a usage error on stderr; nothing when it should go on.
std::optional<int> parse_command_line(Options& options, int argc, char** argv);

}  // namespace news::searcher
