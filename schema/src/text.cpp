#include "news/text.hpp"

#include "abbreviations.hpp"

#include "news/schema.hpp"

#include <xapian.h>

#include <algorithm>
#include <bitset>
#include <cctype>
#include <optional>
#include <unordered_map>
#include <utility>

namespace news {
namespace {

using Xapian::Unicode::append_utf8;

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

// Whether a text has a lower-case letter (then its capitalised stop words
// are abbreviations: abbreviations.hpp).
bool has_lower(const std::vector<unsigned>& cps) {
    return std::any_of(cps.begin(), cps.end(), [](unsigned cp) {
        return (cp >= 'a' && cp <= 'z') ||
               (cp >= 0x80 && Xapian::Unicode::get_category(cp) == Xapian::Unicode::LOWERCASE_LETTER);
    });
}

// At in[i], an abbreviation (abbreviations.hpp): its length, with the word
// it stands for appended to out; else 0.
size_t abbreviation(const std::vector<unsigned>& in, size_t i, Capitals capitals, std::optional<bool>& lower,
                    std::vector<unsigned>& out) {
    if (!abbreviation::ascii_letter(in[i]) || (i > 0 && (word_char(in[i - 1]) || in[i - 1] == '.'))) return 0;
    std::string letters;
    const auto at = [&](size_t k) { return in[k]; };
    const auto word = [&](size_t k) { return word_char(in[k]); };
    size_t n = abbreviation::dotted(at, word, in.size(), i, letters);
    if (n == 0 && abbreviation::ascii_upper(in[i])) {
        size_t j = i;
        while (j < in.size() && j - i < 4 && word_char(in[j])) ++j;
        letters.clear();
        for (size_t k = i; k < j; ++k) letters += static_cast<char>(in[k] < 0x80 ? in[k] : '?');
        if (abbreviation::capitalised_stop_word(letters)) {
            if (capitals == Capitals::Always || abbreviation::in_any_text(letters)) {
                n = j - i;
            } else {
                if (!lower) lower = has_lower(in);
                if (*lower) n = j - i;
            }
        }
    }
    if (n == 0) return 0;
    for (char c : abbreviation::joined(letters)) out.push_back(static_cast<unsigned char>(c));
    return n;
}

// The core of normalise_text, on codepoints.
std::vector<unsigned> normalise_cps(const std::vector<unsigned>& in, Capitals capitals) {
    std::vector<unsigned> out;
    out.reserve(in.size());
    std::optional<bool> lower;  // has_lower(in), once asked
    for (size_t i = 0; i < in.size(); ++i) {
        unsigned cp = in[i];
        if (size_t n = url_length(in, i)) {
            out.push_back(' ');
            i += n - 1;
            continue;
        }
        if (size_t n = abbreviation(in, i, capitals, lower, out)) {
            i += n - 1;
            continue;
        }
        if (is_apostrophe(cp)) {
            bool after_word = !out.empty() && word_char(out.back());  // ("U.S.'s": after the abbreviation's word)
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
        if (cp == 0xAD) continue;  // a soft hyphen is no break in the word
        fold_letter(cp, out.empty() ? 0 : out.back(), out);
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

std::string normalise_text(std::string_view utf8, Capitals capitals) {
    return encode(normalise_cps(decode(utf8), capitals));
}

std::string normalise_query(std::string_view utf8) {
    // A query of one word in capitals ("US") means the abbreviation too.
    const bool one_word = split_words(utf8).size() <= 1;
    std::string text = normalise_text(utf8, one_word ? Capitals::Always : Capitals::IfLower);
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

// For split(): whether the character starting at byte k is part of a word.
bool word_at(std::string_view t, size_t k) {
    size_t len = 0;
    return word_char(code_point(t.data() + k, t.size() - k, len));
}

// The key of an abbreviation (abbreviations.hpp) at the ASCII word w of t,
// extending w over its dots; "" when w is none.
std::string abbreviation_key(std::string_view t, Word& w, std::optional<bool>& lower) {
    std::string letters;
    if (w.end - w.begin == 1 && w.end < t.size() && t[w.end] == '.' && (w.begin == 0 || t[w.begin - 1] != '.')) {
        const auto at = [&](size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(t[k])); };
        const auto word = [&](size_t k) { return word_at(t, k); };
        if (size_t n = abbreviation::dotted(at, word, t.size(), w.begin, letters)) {
            w.end = w.begin + n;
            return Xapian::Unicode::tolower(abbreviation::joined(letters));
        }
        return "";
    }
    const std::string_view raw = t.substr(w.begin, w.end - w.begin);
    if (!abbreviation::capitalised_stop_word(raw) || (w.begin > 0 && t[w.begin - 1] == '.')) return "";
    if (abbreviation::in_any_text(raw)) return Xapian::Unicode::tolower(abbreviation::joined(raw));
    if (!lower)
        lower = std::any_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ||
                has_lower(decode(t));
    return *lower ? Xapian::Unicode::tolower(abbreviation::joined(raw)) : "";
}

// For split(): the end of the word whose first character, cp, ends at
// `at`: a CJK run, or word characters with an apostrophe between letters
// ("don't", "Hope’s") and soft hyphens inside.  `ascii` comes as whether
// cp is ASCII, and says whether the whole word is.
inline size_t word_end(const char* s, size_t size, size_t at, unsigned cp, bool cjk, bool& ascii) {
    size_t len = 0;
    unsigned prev = cp;
    while (at < size) {
        const auto c8 = static_cast<unsigned char>(s[at]);
        if (!cjk && ascii_word_byte(c8)) {  // the common case: one more ASCII letter or digit
            prev = c8;
            ++at;
            continue;
        }
        const unsigned c = code_point(s + at, size - at, len);
        if (cjk) {
            if (!is_cjk(c)) break;
        } else if (is_apostrophe(c)) {
            // keep an apostrophe between letters ("don't", "Hope’s")
            if (at + len == size || !word_char(prev)) break;
            size_t after_len = 0;
            const unsigned after = code_point(s + at + len, size - at - len, after_len);
            if (!word_char(after) || is_cjk(after)) break;
        } else if (c == 0xAD) {  // a soft hyphen inside a word (normalise_text drops it)
            size_t after_len = 0;
            if (at + len == size || !word_char(code_point(s + at + len, size - at - len, after_len))) break;
        } else if (!word_char(c) || is_cjk(c)) {
            break;
        }
        ascii = ascii && c < 0x80;
        prev = c;
        at += len;
    }
    return at;
}

// For split(): gives the word w of utf8 its key (an abbreviation's, which
// may take w over its dots; a CJK run as written; an ASCII word's; a word
// folded), unless key_starts leaves it out.  Whether split() keeps the word:
// not when its key is empty.
inline bool give_key(std::string_view utf8, Word& w, bool ascii, const std::bitset<256>* key_starts,
                     std::optional<bool>& lower) {
    std::string special;  // an abbreviation's key
    if (ascii && w.end - w.begin <= 3) special = abbreviation_key(utf8, w, lower);
    const std::string_view raw = utf8.substr(w.begin, w.end - w.begin);
    bool keyed = true;
    if (!special.empty()) {
        w.key = std::move(special);
    } else if (w.cjk) {
        w.key = std::string(raw);
    } else if (ascii) {
        // (An ASCII word's key is never empty, and begins with its first letter in lower case.)
        const auto first = static_cast<unsigned char>(raw[0]);
        keyed = !key_starts || key_starts->test(first >= 'A' && first <= 'Z' ? first + ('a' - 'A') : first);
        if (keyed) ascii_key(raw, w.key);
    } else {
        w.key = fold_word(raw);
    }
    return !keyed || !w.key.empty();
}

// split_words(), with the keys of all words (key_starts null) or of those
// whose key begins with a byte in *key_starts.
std::vector<Word> split(std::string_view utf8, const std::bitset<256>* key_starts) {
    std::vector<Word> words;
    const char* s = utf8.data();
    const size_t size = utf8.size();
    words.reserve(size / 5);  // English: a word every 6-8 bytes (never grown for most texts)
    size_t at = 0, len = 0;
    std::optional<bool> lower;  // whether the text has a lower-case letter, once asked
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
        bool ascii = cp < 0x80;
        w.end = word_end(s, size, at + len, cp, w.cjk, ascii);
        const bool keep = give_key(utf8, w, ascii, key_starts, lower);
        at = w.end;
        if (keep) words.push_back(std::move(w));
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

}  // namespace news
