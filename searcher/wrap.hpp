// Serves render: text wrapped to a terminal's width with a hanging indent,
// as a person reads results on a terminal (never when the output is piped:
// programs get one line a field), and the colours used there.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace news::searcher {

// The terminal's width in columns when `out` is one (its window size, else
// $COLUMNS, else 80); 0 when it is not: no wrapping.
size_t terminal_width(std::FILE* out);

// Columns `text` takes on a terminal: colour escapes take none, CJK and
// other wide characters two.
size_t display_width(std::string_view text);

// `text` broken at spaces so that no line is wider than `width`: the first
// line starts after `used` columns already printed on it, the others with
// `indent` spaces.  A word wider than a line stands alone.  width 0: the
// text as it is.
std::string wrap(std::string_view text, size_t used, size_t indent, size_t width);

// Colours of the terminal printers (render.cpp, show_print.cpp); off: none.
struct Style {
    bool on;
    std::string bold(const std::string& s) const { return on ? "\x1b[1m" + s + "\x1b[0m" : s; }
    std::string dim(const std::string& s) const { return on ? "\x1b[2m" + s + "\x1b[0m" : s; }
    std::string hit(const std::string& s) const { return on ? "\x1b[1;33m" + s + "\x1b[0m" : s; }
    std::string head(const std::string& s) const { return on ? "\x1b[33m" + s + "\x1b[0m" : s; }  // as git's
};

}  // namespace news::searcher
