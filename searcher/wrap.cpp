#include "wrap.hpp"

#include "news/text.hpp"

#include <xapian.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace news::searcher {

size_t terminal_width(std::FILE* out) {
    if (isatty(fileno(out)) == 0) return 0;
    winsize ws{};
    if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (const char* columns = std::getenv("COLUMNS")) {
        const long n = std::strtol(columns, nullptr, 10);
        if (n > 0) return static_cast<size_t>(n);
    }
    return 80;
}

size_t display_width(std::string_view text) {
    size_t width = 0;
    for (size_t i = 0; i < text.size();) {
        if (text[i] == '\x1b') {  // a colour escape: ESC [ ... m
            const size_t m = text.find('m', i);
            i = m == std::string_view::npos ? text.size() : m + 1;
            continue;
        }
        Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
        const unsigned cp = *it;
        ++it;
        i = static_cast<size_t>(it.raw() - text.data());
        // Combining marks take no column of their own.
        if (cp >= 0x300 && cp <= 0x36F) continue;
        width += is_cjk(cp) || (cp >= 0x1F300 && cp <= 0x1FAFF) ? 2 : 1;
    }
    return width;
}

std::string wrap(std::string_view text, size_t used, size_t indent, size_t width) {
    if (width == 0 || used + display_width(text) <= width) return std::string(text);
    std::string out;
    size_t column = used;
    bool line_empty = true;
    for (size_t i = 0; i < text.size();) {
        const size_t start = text.find_first_not_of(' ', i);
        if (start == std::string_view::npos) break;
        const size_t end = std::min(text.find(' ', start), text.size());
        const std::string_view word = text.substr(start, end - start);
        const size_t w = display_width(word);
        if (!line_empty && column + 1 + w > width) {
            out += '\n';
            out.append(indent, ' ');
            column = indent;
            line_empty = true;
        }
        if (!line_empty) {
            out += ' ';
            ++column;
        }
        out += word;
        column += w;
        line_empty = false;
        i = end;
    }
    return out;
}

}  // namespace news::searcher
