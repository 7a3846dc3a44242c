#include "news/text.hpp"

#include "news/schema.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <cstring>
#include <unordered_map>
#include <utility>

namespace news {
namespace {

using Xapian::Unicode::append_utf8;

struct Fold {
    unsigned cp;
    const char* ascii;
};

// Latin letters with diacritics (U+00C0..U+024F) and their plain forms,
// from Unicode's compatibility decomposition, plus ß→ss, æ→ae, ø→o, ł→l, ...
constexpr Fold kFolds[] = {
    {0x00C0, "A"},
    {0x00C1, "A"},
    {0x00C2, "A"},
    {0x00C3, "A"},
    {0x00C4, "A"},
    {0x00C5, "A"},
    {0x00C6, "AE"},
    {0x00C7, "C"},
    {0x00C8, "E"},
    {0x00C9, "E"},
    {0x00CA, "E"},
    {0x00CB, "E"},
    {0x00CC, "I"},
    {0x00CD, "I"},
    {0x00CE, "I"},
    {0x00CF, "I"},
    {0x00D0, "D"},
    {0x00D1, "N"},
    {0x00D2, "O"},
    {0x00D3, "O"},
    {0x00D4, "O"},
    {0x00D5, "O"},
    {0x00D6, "O"},
    {0x00D8, "O"},
    {0x00D9, "U"},
    {0x00DA, "U"},
    {0x00DB, "U"},
    {0x00DC, "U"},
    {0x00DD, "Y"},
    {0x00DE, "th"},
    {0x00DF, "ss"},
    {0x00E0, "a"},
    {0x00E1, "a"},
    {0x00E2, "a"},
    {0x00E3, "a"},
    {0x00E4, "a"},
    {0x00E5, "a"},
    {0x00E6, "ae"},
    {0x00E7, "c"},
    {0x00E8, "e"},
    {0x00E9, "e"},
    {0x00EA, "e"},
    {0x00EB, "e"},
    {0x00EC, "i"},
    {0x00ED, "i"},
    {0x00EE, "i"},
    {0x00EF, "i"},
    {0x00F0, "d"},
    {0x00F1, "n"},
    {0x00F2, "o"},
    {0x00F3, "o"},
    {0x00F4, "o"},
    {0x00F5, "o"},
    {0x00F6, "o"},
    {0x00F8, "o"},
    {0x00F9, "u"},
    {0x00FA, "u"},
    {0x00FB, "u"},
    {0x00FC, "u"},
    {0x00FD, "y"},
    {0x00FE, "th"},
    {0x00FF, "y"},
    {0x0100, "A"},
    {0x0101, "a"},
    {0x0102, "A"},
    {0x0103, "a"},
    {0x0104, "A"},
    {0x0105, "a"},
    {0x0106, "C"},
    {0x0107, "c"},
    {0x0108, "C"},
    {0x0109, "c"},
    {0x010A, "C"},
    {0x010B, "c"},
    {0x010C, "C"},
    {0x010D, "c"},
    {0x010E, "D"},
    {0x010F, "d"},
    {0x0110, "D"},
    {0x0111, "d"},
    {0x0112, "E"},
    {0x0113, "e"},
    {0x0114, "E"},
    {0x0115, "e"},
    {0x0116, "E"},
    {0x0117, "e"},
    {0x0118, "E"},
    {0x0119, "e"},
    {0x011A, "E"},
    {0x011B, "e"},
    {0x011C, "G"},
    {0x011D, "g"},
    {0x011E, "G"},
    {0x011F, "g"},
    {0x0120, "G"},
    {0x0121, "g"},
    {0x0122, "G"},
    {0x0123, "g"},
    {0x0124, "H"},
    {0x0125, "h"},
    {0x0126, "H"},
    {0x0127, "h"},
    {0x0128, "I"},
    {0x0129, "i"},
    {0x012A, "I"},
    {0x012B, "i"},
    {0x012C, "I"},
    {0x012D, "i"},
    {0x012E, "I"},
    {0x012F, "i"},
    {0x0130, "I"},
    {0x0131, "i"},
    {0x0132, "IJ"},
    {0x0133, "ij"},
    {0x0134, "J"},
    {0x0135, "j"},
    {0x0136, "K"},
    {0x0137, "k"},
    {0x0138, "k"},
    {0x0139, "L"},
    {0x013A, "l"},
    {0x013B, "L"},
    {0x013C, "l"},
    {0x013D, "L"},
    {0x013E, "l"},
    {0x0141, "L"},
    {0x0142, "l"},
    {0x0143, "N"},
    {0x0144, "n"},
    {0x0145, "N"},
    {0x0146, "n"},
    {0x0147, "N"},
    {0x0148, "n"},
    {0x014A, "N"},
    {0x014B, "n"},
    {0x014C, "O"},
    {0x014D, "o"},
    {0x014E, "O"},
    {0x014F, "o"},
    {0x0150, "O"},
    {0x0151, "o"},
    {0x0152, "OE"},
    {0x0153, "oe"},
    {0x0154, "R"},
    {0x0155, "r"},
    {0x0156, "R"},
    {0x0157, "r"},
    {0x0158, "R"},
    {0x0159, "r"},
    {0x015A, "S"},
    {0x015B, "s"},
    {0x015C, "S"},
    {0x015D, "s"},
    {0x015E, "S"},
    {0x015F, "s"},
    {0x0160, "S"},
    {0x0161, "s"},
    {0x0162, "T"},
    {0x0163, "t"},
    {0x0164, "T"},
    {0x0165, "t"},
    {0x0166, "T"},
    {0x0167, "t"},
    {0x0168, "U"},
    {0x0169, "u"},
    {0x016A, "U"},
    {0x016B, "u"},
    {0x016C, "U"},
    {0x016D, "u"},
    {0x016E, "U"},
    {0x016F, "u"},
    {0x0170, "U"},
    {0x0171, "u"},
    {0x0172, "U"},
    {0x0173, "u"},
    {0x0174, "W"},
    {0x0175, "w"},
    {0x0176, "Y"},
    {0x0177, "y"},
    {0x0178, "Y"},
    {0x0179, "Z"},
    {0x017A, "z"},
    {0x017B, "Z"},
    {0x017C, "z"},
    {0x017D, "Z"},
    {0x017E, "z"},
    {0x017F, "s"},
    {0x01A0, "O"},
    {0x01A1, "o"},
    {0x01AF, "U"},
    {0x01B0, "u"},
    {0x01C4, "DZ"},
    {0x01C5, "Dz"},
    {0x01C6, "dz"},
    {0x01C7, "LJ"},
    {0x01C8, "Lj"},
    {0x01C9, "lj"},
    {0x01CA, "NJ"},
    {0x01CB, "Nj"},
    {0x01CC, "nj"},
    {0x01CD, "A"},
    {0x01CE, "a"},
    {0x01CF, "I"},
    {0x01D0, "i"},
    {0x01D1, "O"},
    {0x01D2, "o"},
    {0x01D3, "U"},
    {0x01D4, "u"},
    {0x01D5, "U"},
    {0x01D6, "u"},
    {0x01D7, "U"},
    {0x01D8, "u"},
    {0x01D9, "U"},
    {0x01DA, "u"},
    {0x01DB, "U"},
    {0x01DC, "u"},
    {0x01DE, "A"},
    {0x01DF, "a"},
    {0x01E0, "A"},
    {0x01E1, "a"},
    {0x01E6, "G"},
    {0x01E7, "g"},
    {0x01E8, "K"},
    {0x01E9, "k"},
    {0x01EA, "O"},
    {0x01EB, "o"},
    {0x01EC, "O"},
    {0x01ED, "o"},
    {0x01F0, "j"},
    {0x01F1, "DZ"},
    {0x01F2, "Dz"},
    {0x01F3, "dz"},
    {0x01F4, "G"},
    {0x01F5, "g"},
    {0x01F8, "N"},
    {0x01F9, "n"},
    {0x01FA, "A"},
    {0x01FB, "a"},
    {0x0200, "A"},
    {0x0201, "a"},
    {0x0202, "A"},
    {0x0203, "a"},
    {0x0204, "E"},
    {0x0205, "e"},
    {0x0206, "E"},
    {0x0207, "e"},
    {0x0208, "I"},
    {0x0209, "i"},
    {0x020A, "I"},
    {0x020B, "i"},
    {0x020C, "O"},
    {0x020D, "o"},
    {0x020E, "O"},
    {0x020F, "o"},
    {0x0210, "R"},
    {0x0211, "r"},
    {0x0212, "R"},
    {0x0213, "r"},
    {0x0214, "U"},
    {0x0215, "u"},
    {0x0216, "U"},
    {0x0217, "u"},
    {0x0218, "S"},
    {0x0219, "s"},
    {0x021A, "T"},
    {0x021B, "t"},
    {0x021E, "H"},
    {0x021F, "h"},
    {0x0226, "A"},
    {0x0227, "a"},
    {0x0228, "E"},
    {0x0229, "e"},
    {0x022A, "O"},
    {0x022B, "o"},
    {0x022C, "O"},
    {0x022D, "o"},
    {0x022E, "O"},
    {0x022F, "o"},
    {0x0230, "O"},
    {0x0231, "o"},
    {0x0232, "Y"},
    {0x0233, "y"}
};

const char* fold_latin(unsigned cp) {
    if (cp < 0xC0 || cp > 0x24F) return nullptr;
    auto it = std::lower_bound(std::begin(kFolds), std::end(kFolds), cp,
                               [](const Fold& f, unsigned c) { return f.cp < c; });
    if (it != std::end(kFolds) && it->cp == cp) return it->ascii;
    return nullptr;
}

bool is_apostrophe(unsigned cp) {
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0xFF07;
}

// Emoji, pictographs and the invisible characters that glue them together.
bool is_emoji_or_joiner(unsigned cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) ||  // pictographs, emoticons, flags, skin tones
           (cp >= 0x2600 && cp <= 0x27BF) ||    // misc symbols, dingbats
           (cp >= 0x2B00 && cp <= 0x2BFF) ||    // arrows, stars
           (cp >= 0xFE00 && cp <= 0xFE0F) ||    // variation selectors
           (cp >= 0xE0000 && cp <= 0xE007F) ||  // tag characters
           cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
           cp == 0x20E3;  // combining enclosing keycap
}

bool word_char_beyond_ascii(unsigned cp) { return !is_emoji_or_joiner(cp) && Xapian::Unicode::is_wordchar(cp); }

// The ASCII word characters (letters, digits, '_'), a table: one look-up for
// the bulk of a news text.
struct AsciiWordBytes {
    bool word[128] = {};
    constexpr AsciiWordBytes() {
        for (unsigned c = 0; c < 128; ++c)
            word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
};
constexpr AsciiWordBytes kAscii;

inline bool ascii_word_byte(unsigned char c) { return c < 0x80 && kAscii.word[c]; }

inline bool word_char(unsigned cp) {
    if (cp < 0x80) return kAscii.word[cp];
    return word_char_beyond_ascii(cp);
}

// fold_word() for a word of plain ASCII: lower case, possessive 's dropped
// (in either case: "MOODY'S" is "moody").
void ascii_key(std::string_view w, std::string& key) {
    size_t n = w.size();
    if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S')) n -= 2;
    key.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const char c = w[i];
        key[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
}

std::vector<unsigned> decode(std::string_view s) {
    std::vector<unsigned> out;
    out.reserve(s.size());
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it)
        out.push_back(*it);
    return out;
}

bool starts_with_ci(const std::vector<unsigned>& cps, size_t i, std::string_view ascii) {
    if (i + ascii.size() > cps.size()) return false;
    for (size_t k = 0; k < ascii.size(); ++k) {
        unsigned c = cps[i + k];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != static_cast<unsigned char>(ascii[k])) return false;
    }
    return true;
}

bool is_space_cp(unsigned cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           Xapian::Unicode::get_category(cp) == Xapian::Unicode::SPACE_SEPARATOR;
}

// Length of a URL starting at i, or 0.
size_t url_length(const std::vector<unsigned>& cps, size_t i) {
    if (i > 0 && word_char(cps[i - 1])) return 0;
    if (!(starts_with_ci(cps, i, "http://") || starts_with_ci(cps, i, "https://") ||
          starts_with_ci(cps, i, "www.") || starts_with_ci(cps, i, "pic.twitter.com/") ||
          starts_with_ci(cps, i, "pic.x.com/")))
        return 0;
    size_t j = i;
    while (j < cps.size() && !is_space_cp(cps[j]) && cps[j] != '"' && cps[j] != '<' && cps[j] != '>' &&
           cps[j] != 0x2014 && !is_emoji_or_joiner(cps[j]))
        ++j;
    // A sentence's closing punctuation is not part of the URL.
    while (j > i && (cps[j - 1] == '.' || cps[j - 1] == ',' || cps[j - 1] == ')' || cps[j - 1] == '!' ||
                     cps[j - 1] == '?' || cps[j - 1] == ';' || cps[j - 1] == ':'))
        --j;
    return j - i;
}

// The core of normalise_text, on codepoints.
std::vector<unsigned> normalise_cps(const std::vector<unsigned>& in) {
    std::vector<unsigned> out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        unsigned cp = in[i];
        if (size_t n = url_length(in, i)) {
            out.push_back(' ');
            i += n - 1;
            continue;
        }
        if (is_apostrophe(cp)) {
            bool after_word = i > 0 && word_char(in[i - 1]);
            bool s_follows = i + 1 < in.size() && (in[i + 1] == 's' || in[i + 1] == 'S') &&
                             (i + 2 >= in.size() || !word_char(in[i + 2]));
            if (after_word && s_follows) {  // possessive 's: drop both
                ++i;
                continue;
            }
            bool before_word = i + 1 < in.size() && word_char(in[i + 1]);
            out.push_back(after_word && before_word ? '\'' : ' ');
            continue;
        }
        if (is_emoji_or_joiner(cp) || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            out.push_back(cp == '\n' || cp == '\t' || cp == '\r' ? cp : ' ');
            continue;
        }
        if (const char* ascii = fold_latin(cp)) {
            for (const char* p = ascii; *p; ++p) out.push_back(static_cast<unsigned char>(*p));
            continue;
        }
        // Combining marks after a Latin letter (decomposed accents) fold away.
        if (cp >= 0x300 && cp <= 0x36F && !out.empty() && out.back() < 0x250) continue;
        out.push_back(cp);
    }
    return out;
}

std::string encode(const std::vector<unsigned>& cps) {
    std::string s;
    s.reserve(cps.size());
    for (unsigned cp : cps) append_utf8(s, cp);
    return s;
}

}  // namespace

bool is_operator(std::string_view w) {
    return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

bool is_cjk(unsigned cp) {
    if (cp < 0x1100) return false;
    return (cp >= 0x1100 && cp <= 0x11FF) ||    // Hangul Jamo
           (cp >= 0x2E80 && cp <= 0x2FDF) ||    // CJK radicals
           (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
           (cp >= 0x3100 && cp <= 0x31FF) ||    // Bopomofo, Hangul compatibility Jamo, ...
           (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK extension A
           (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
           (cp >= 0xA960 && cp <= 0xA97F) ||    // Hangul Jamo extended A
           (cp >= 0xAC00 && cp <= 0xD7FF) ||    // Hangul syllables, Jamo extended B
           (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK compatibility ideographs
           (cp >= 0xFF66 && cp <= 0xFFDC) ||    // half-width kana and Hangul
           (cp >= 0x20000 && cp <= 0x2FFFF);    // CJK extensions B..
}

std::string normalise_text(std::string_view utf8) { return encode(normalise_cps(decode(utf8))); }

std::string normalise_query(std::string_view utf8) {
    std::string text = normalise_text(utf8);
    bool has_lower = false;
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it)
        if (Xapian::Unicode::get_category(*it) == Xapian::Unicode::LOWERCASE_LETTER) has_lower = true;
    // Lower-case word by word, keeping plainly meant operators.
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j])) && text[j] != '(' &&
               text[j] != ')' && text[j] != '"')
            ++j;
        if (j == i) {
            out += text[i++];
            continue;
        }
        std::string_view w(text.data() + i, j - i);
        // NEAR/5 and ADJ/3 keep their operator too.
        std::string_view op = w.substr(0, w.find('/'));
        if (has_lower && is_operator(op)) {
            out += w;
        } else {
            out += Xapian::Unicode::tolower(std::string(w));
        }
        i = j;
    }
    return out;
}

std::string fold_word(std::string_view utf8) {
    std::string s = Xapian::Unicode::tolower(normalise_text(utf8));
    // normalise_text leaves a lone trailing apostrophe as a space; trim.
    while (!s.empty() && (s.back() == ' ' || s.back() == '\'')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    return s;
}

namespace {

// The code point at p (n > 0 bytes left) and its length in bytes, read as
// Xapian::Utf8Iterator reads it (an invalid byte is one character), with
// plain ASCII decoded in line: most of a news text.
inline unsigned code_point(const char* p, size_t n, size_t& len) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x80) {
        len = 1;
        return c;
    }
    Xapian::Utf8Iterator u;
    u.assign(p, n);
    const unsigned cp = *u;
    ++u;
    len = n - u.left();
    return cp;
}

}  // namespace

namespace {

// split_words(), with the keys of all words (key_starts null) or of those
// whose key begins with a byte in *key_starts.
std::vector<Word> split(std::string_view utf8, const std::bitset<256>* key_starts) {
    std::vector<Word> words;
    const char* s = utf8.data();
    const size_t size = utf8.size();
    words.reserve(size / 5);  // English: a word every 6-8 bytes (never grown for most texts)
    size_t at = 0, len = 0;
    while (at < size) {
        const auto b = static_cast<unsigned char>(s[at]);
        if (b < 0x80 && !kAscii.word[b]) {  // ASCII space and punctuation
            ++at;
            continue;
        }
        unsigned cp = code_point(s + at, size - at, len);
        if (!word_char(cp)) {
            at += len;
            continue;
        }
        Word w;
        w.begin = at;
        w.cjk = is_cjk(cp);
        unsigned prev = cp;
        at += len;
        bool ascii = cp < 0x80;
        while (at < size) {
            const auto c8 = static_cast<unsigned char>(s[at]);
            if (!w.cjk && ascii_word_byte(c8)) {  // the common case: one more ASCII letter or digit
                prev = c8;
                ++at;
                continue;
            }
            const unsigned c = code_point(s + at, size - at, len);
            if (w.cjk) {
                if (!is_cjk(c)) break;
            } else if (is_apostrophe(c)) {
                // keep an apostrophe between letters ("don't", "Hope’s")
                if (at + len == size || !word_char(prev)) break;
                size_t after_len = 0;
                const unsigned after = code_point(s + at + len, size - at - len, after_len);
                if (!word_char(after) || is_cjk(after)) break;
            } else if (!word_char(c) || is_cjk(c)) {
                break;
            }
            ascii = ascii && c < 0x80;
            prev = c;
            at += len;
        }
        w.end = at;
        std::string_view raw = utf8.substr(w.begin, w.end - w.begin);
        bool keyed = true;
        if (w.cjk) {
            w.key = std::string(raw);
        } else if (ascii) {
            // (An ASCII word's key is never empty, and begins with its first letter in lower case.)
            const auto first = static_cast<unsigned char>(raw[0]);
            keyed = !key_starts || key_starts->test(first >= 'A' && first <= 'Z' ? first + ('a' - 'A') : first);
            if (keyed) ascii_key(raw, w.key);
        } else {
            w.key = fold_word(raw);
        }
        if (!keyed || !w.key.empty()) words.push_back(std::move(w));
    }
    return words;
}

}  // namespace

std::vector<Word> split_words(std::string_view utf8) { return split(utf8, nullptr); }

std::vector<Word> split_words(std::string_view utf8, const std::bitset<256>& key_starts) {
    return split(utf8, &key_starts);
}

Tags extract_tags(std::string_view utf8) {
    Tags tags;
    auto add = [](std::vector<std::string>& list, std::string v) {
        if (!v.empty() && std::find(list.begin(), list.end(), v) == list.end()) list.push_back(std::move(v));
    };
    for (size_t i = 0; i < utf8.size(); ++i) {
        char sign = utf8[i];
        if (sign != '#' && sign != '@') continue;
        // Only at the start of a word: "a@b.com" is no mention.
        if (i > 0) {
            unsigned char p = static_cast<unsigned char>(utf8[i - 1]);
            if (std::isalnum(p) || p == '_' || p >= 0x80) continue;
        }
        size_t j = i + 1;
        std::string value;
        Xapian::Utf8Iterator it(utf8.data() + j, utf8.size() - j), end;
        for (; it != end; ++it) {
            if (word_char(*it)) {
                append_utf8(value, *it);
                continue;
            }
            // A dot inside a handle, between word characters.
            Xapian::Utf8Iterator next = it;
            if (sign != '@' || *it != '.' || value.empty() || ++next == end || !word_char(*next)) break;
            value += '.';
        }
        if (value.empty()) continue;
        value = Xapian::Unicode::tolower(value);
        add(sign == '#' ? tags.hashtags : tags.mentions, std::move(value));
    }
    return tags;
}

namespace {

// Xapian::Stem(kStemLanguage) with a memory of the stems it gave.
class RememberingStemmer : public Xapian::StemImplementation {
public:
    explicit RememberingStemmer(size_t keep) : stem_(std::string(kStemLanguage)), keep_(keep) {}
    std::string operator()(const std::string& word) override {
        if (auto it = seen_.find(word); it != seen_.end()) return it->second;
        if (seen_.size() >= keep_) seen_.clear();
        return seen_.emplace(word, stem_(word)).first->second;
    }
    std::string get_description() const override { return std::string(kStemLanguage); }

private:
    Xapian::Stem stem_;
    size_t keep_;
    std::unordered_map<std::string, std::string> seen_;
};

}  // namespace

Xapian::Stem text_stemmer(size_t keep) { return Xapian::Stem(new RememberingStemmer(keep)); }

std::string trim_ascii(std::string_view s) {
    constexpr std::string_view space = " \t\r\n\f\v";
    size_t b = s.find_first_not_of(space);
    if (b == std::string_view::npos) return "";
    return std::string(s.substr(b, s.find_last_not_of(space) - b + 1));
}

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
        append_utf8(out, cp);
    }
    return out;
}

}  // namespace news
