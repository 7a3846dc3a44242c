// Stage 3 of the searcher (parse → match → render): print Results for
// people (a terminal, with colour and bar charts) or for programs (--json;
// --format ndjson, csv and tsv are export.hpp's).  Every printer implements
// one interface; the JSON shape is versioned and documented in doc/json.md.
#pragma once

#include "match.hpp"

#include <cstdio>
#include <memory>

namespace news::searcher {

// 2: several words mean all of them: "total" counts the complete matches,
// "some_words" the partial ones, each hit says whether it is "complete".
inline constexpr int kJsonVersion = 2;

// Results are printed as they come: begin() with the first page's Results
// (`shown`: how many hits will follow, on every page), hit() for each hit,
// end() with the first page's Results again.  --all (all.hpp) calls hit()
// page after page, so that no page is kept once printed.
class Printer {
public:
    virtual ~Printer() = default;
    virtual void begin(const Results& results, size_t shown) = 0;
    virtual void hit(const Hit& hit) = 0;
    virtual void end(const Results& results) = 0;
    // One page: begin(), its hits, end().
    void print(const Results& results);
};

// On a terminal, titles and snippets are wrapped to its width (wrap.hpp).
std::unique_ptr<Printer> text_printer(std::FILE* out, bool colour);
std::unique_ptr<Printer> json_printer(std::FILE* out);
// The printer of options.format (text, json, ndjson, csv or tsv: export.hpp).
std::unique_ptr<Printer> printer_for(const Options& options, std::FILE* out);

// A hit as JSON's "hits" show it, dumped with this indent (-1: one line).
std::string hit_json(const Hit& hit, int indent);
// Snippet parts as HTML: text escaped, matched words in <mark>...</mark>.
std::string marked_html(const std::vector<SnippetPart>& parts);

// Whether to colour: --color always/never, or auto (a terminal and no NO_COLOR).
bool want_colour(const std::string& setting, std::FILE* out);

}  // namespace news::searcher
