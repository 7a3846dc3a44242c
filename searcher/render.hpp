// Stage 3 of the searcher (parse → match → render): print Results for
// people (a terminal, with colour and bar charts) or for programs (--json).
// Both printers implement one interface; the JSON shape is versioned and
// documented in the README.
#pragma once

#include "match.hpp"

#include <cstdio>
#include <memory>

namespace news::searcher {

// 2: several words mean all of them: "total" counts the complete matches,
// "some_words" the partial ones, each hit says whether it is "complete".
inline constexpr int kJsonVersion = 2;

class Printer {
public:
    virtual ~Printer() = default;
    virtual void print(const Results& results) = 0;
};

// On a terminal, titles and snippets are wrapped to its width (wrap.hpp).
std::unique_ptr<Printer> text_printer(std::FILE* out, bool colour);
std::unique_ptr<Printer> json_printer(std::FILE* out);

// Whether to colour: --color always/never, or auto (a terminal and no NO_COLOR).
bool want_colour(Color setting, std::FILE* out);

}  // namespace news::searcher
