// Bytes to text: valid UTF-8 told apart, and Windows-1252 decoded
// (news/text.hpp).  Apart from the normaliser: it knows bytes, not words.
#include "news/text.hpp"

#include <xapian.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace news {

bool is_valid_utf8(std::string_view b) {
    size_t i = 0, n = b.size();
    while (i < n) {
        // ASCII, eight bytes at a time (most of any news text).
        for (uint64_t w; i + 8 <= n; i += 8) {
            std::memcpy(&w, b.data() + i, 8);
            if (w & 0x8080808080808080ULL) break;
        }
        if (i >= n) break;
        unsigned char c = static_cast<unsigned char>(b[i]);
        size_t len;
        unsigned cp;
        if (c < 0x80) { ++i; continue; }
        if ((c >> 5) == 0x6) { len = 2; cp = c & 0x1F; }
        else if ((c >> 4) == 0xE) { len = 3; cp = c & 0x0F; }
        else if ((c >> 3) == 0x1E) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > n) return false;
        for (size_t k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(b[i + k]);
            if ((cc >> 6) != 0x2) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

std::string windows1252_to_utf8(std::string_view bytes) {
    // 0x80..0x9F differ from Latin-1; the five undefined bytes become U+FFFD.
    static constexpr std::array<unsigned, 32> k80{
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char ch : bytes) {
        unsigned char c = static_cast<unsigned char>(ch);
        unsigned cp = c < 0x80 ? c : (c < 0xA0 ? k80[c - 0x80] : c);
        Xapian::Unicode::append_utf8(out, cp);
    }
    return out;
}

}  // namespace news
