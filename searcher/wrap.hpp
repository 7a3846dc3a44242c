// Serves render: text wrapped to a terminal's width with a hanging indent,
// as a person reads results on a terminal (never when the output is piped:
// programs get one line a field).
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

}  // namespace news::searcher
