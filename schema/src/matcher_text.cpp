// The matcher's reading of a text around a word (matcher_text.hpp): the
// word lists and tests its rules make (numbered in matcher.cpp).
#include "matcher_text.hpp"

#include <xapian.h>

#include <algorithm>

namespace news::matcher_text {
namespace {

// Words before which a one-letter alias is a numeral or a letter ("Part V").
constexpr std::string_view kNotAfter[] = {
    "act",      "amendment", "annex",   "apollo",  "appendix", "article", "auto",    "book",   "category",
    "chapter",  "charles",   "class",   "clause",  "day",      "edward",  "episode", "fantasy", "figure",
    "form",     "gen",       "george",  "grade",   "gregory",  "henry",   "item",    "james",  "john",
    "leo",      "level",     "louis",   "mark",    "mk",       "model",   "part",    "paul",   "phase",
    "philip",   "pius",      "plan",    "richard", "rocky",    "round",   "rule",    "saturn", "schedule",
    "season",   "section",   "series",  "stage",   "table",    "tier",    "title",   "type",   "vitamin",
    "vol",      "volume",    "war",     "william"};
// Words after which it is a shape ("V sign").
constexpr std::string_view kNotBefore[] = {"engine", "formation", "neck", "shape", "shaped", "sign", "signs"};
// Capitalised words that stand before or after a name without being part
// of it (rule 7): "on Monday Drake said", "in May Madonna".
constexpr std::string_view kNotNamePart[] = {
    "april", "august",   "december", "february", "friday", "january",  "july",    "june",   "march",
    "may",   "monday",   "november", "october",  "saturday", "september", "sunday", "thursday", "tuesday",
    "wednesday"};
// Words a title-case headline keeps in lower case (rule 7).
constexpr std::string_view kSmallWords[] = {"and",  "but", "for", "from", "into", "nor",  "off", "onto", "out",
                                            "over", "per", "than", "the", "upon", "via", "with", "yet"};
// Titles before a surname: "Mr Drake" is never the rapper (rule 7).
constexpr std::string_view kTitles[] = {"admiral", "captain", "dame", "doctor", "dr",       "father", "judge",
                                        "lord",    "miss",    "mr",   "mrs",    "ms",       "prof",   "professor",
                                        "rev",     "saint",   "sir",  "st",     "sergeant", "sgt"};
// Korean particles that may follow a one-syllable alias (뷔가).
constexpr std::string_view kParticles[] = {"은", "는", "이", "가", "을", "를", "의",  "와",
                                           "과", "도", "에게", "랑", "이랑", "님"};

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view s) {
    return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

}  // namespace

size_t codepoints(std::string_view s) {
    size_t n = 0;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) ++n;
    return n;
}

// The first UTF-8 character of a CJK word.
std::string first_char(const std::string& s) {
    unsigned char c = s.empty() ? 0 : static_cast<unsigned char>(s[0]);
    return s.substr(0, c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1);
}

bool all_capitals(std::string_view s) {
    bool upper = false;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
        auto category = Xapian::Unicode::get_category(*it);
        if (category == Xapian::Unicode::LOWERCASE_LETTER) return false;
        upper |= category == Xapian::Unicode::UPPERCASE_LETTER;
    }
    return upper;
}

// A word as written: possessive dropped, apostrophes and accents unified.
std::string as_written(std::string_view raw) {
    bool plain = std::all_of(raw.begin(), raw.end(), [](char c) { return c != '\'' && !(c & 0x80); });
    return plain ? std::string(raw) : normalise_text(raw);
}

// Bytes of a possessive 's / ’s ending a word.
size_t possessive(std::string_view raw) {
    if (raw.size() < 3 || (raw.back() != 's' && raw.back() != 'S')) return 0;
    if (raw[raw.size() - 2] == '\'') return 2;
    if (raw.size() > 4 && (starts(raw, raw.size() - 4, "\u2019") || starts(raw, raw.size() - 4, "\u2018"))) return 4;
    return 0;
}

// Whether the gap between two words holds only spaces (and a '.' when dot is true).
bool spaced(std::string_view gap, bool dot) {
    for (size_t k = 0; k < gap.size(); ++k) {
        if (gap[k] == ' ' || gap[k] == '\t' || (dot && gap[k] == '.')) continue;
        if (starts(gap, k, "\u00A0")) { ++k; continue; }
        return false;
    }
    return true;
}

// Whether two words may belong to one alias (rule 2).
bool joined(std::string_view text, const Word& a, const Word& b) {
    std::string_view gap = text.substr(a.end, b.begin - a.end);
    bool space = false, dot = false, bracket = false;
    for (size_t k = 0; k < gap.size(); ++k) {
        char c = gap[k];
        if (c == ' ' || c == '\t') space = true;
        else if (c == '.') dot = true;
        else if (c == '(' || c == ')') bracket = true;
        else if (c == '-' || c == '\'') continue;
        else if (starts(gap, k, "\u00A0")) space = true, k += 1;
        else if (starts(gap, k, "\u2019") || starts(gap, k, "\u2018") || starts(gap, k, "\u2010") ||
                 starts(gap, k, "\u2011")) k += 2;
        else return false;
    }
    return (!dot || codepoints(a.key) == 1) && !(bracket && space);
}

// Rule 5: a one-letter alias at words[i] stands as a name.
bool stands_as_name(std::string_view text, const std::vector<Word>& words, size_t i) {
    const Word& w = words[i];
    auto glued = [](char c) { return c == '-' || c == '/' || c == '&' || c == '+' || c == '.' || is_digit(c); };
    if (w.begin > 0 && glued(text[w.begin - 1])) return false;
    if (w.end < text.size() && glued(text[w.end])) {
        // "V." ending a sentence is a name; "V.I.P." is not.
        bool initialism = text[w.end] != '.' || (w.end + 1 < text.size() && is_letter(text[w.end + 1]));
        if (initialism) return false;
    }
    if (i > 0 && spaced(text.substr(words[i - 1].end, w.begin - words[i - 1].end), true) &&
        in(kNotAfter, words[i - 1].key))
        return false;
    if (i + 1 < words.size() && spaced(text.substr(w.end, words[i + 1].begin - w.end), false) &&
        in(kNotBefore, words[i + 1].key))
        return false;
    return true;
}

// Rule 7: whether a word is written as a name: a capital, then not only
// capitals ("Vera", "McCartney"; not "BTS", "I").
bool capitalised(std::string_view raw) {
    Xapian::Utf8Iterator it(raw.data(), raw.size());
    if (it == Xapian::Utf8Iterator() || Xapian::Unicode::get_category(*it) != Xapian::Unicode::UPPERCASE_LETTER)
        return false;
    for (++it; it != Xapian::Utf8Iterator(); ++it)
        if (Xapian::Unicode::get_category(*it) == Xapian::Unicode::LOWERCASE_LETTER) return true;
    return false;
}

// Rule 7: whether the text at `at` starts a sentence or a line (quotes and
// brackets before it aside).
bool sentence_start(std::string_view text, size_t at) {
    while (at > 0) {
        unsigned char c = static_cast<unsigned char>(text[at - 1]);
        if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[') { --at; continue; }
        if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
        if (c & 0x80) {  // a quote, NBSP or ellipsis: step over the whole character
            size_t k = at - 1;
            while (k > 0 && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;
            std::string_view ch = text.substr(k, at - k);
            if (ch == "\u2026") return true;
            if (ch == "\u201C" || ch == "\u2018" || ch == "\u00A0" || ch == "\u00AB") { at = k; continue; }
        }
        return false;
    }
    return true;
}

// Rule 7: whether the line around `at` is in title case ("Fans Slam Drake
// Over Tour Dates", "Happy Birthday Jimin"): two capitalised words or more,
// and no word of three letters or more in lower case but the small words
// such headlines keep in lower case.
bool title_case_line(std::string_view text, size_t at) {
    size_t begin = text.rfind('\n', at);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    size_t end = std::min(text.find('\n', at), text.size());
    size_t capitals = 0;
    for (size_t k = begin; k < end;) {
        while (k < end && !is_letter(text[k]) && !(text[k] & 0x80)) ++k;
        size_t start = k;
        while (k < end && (is_letter(text[k]) || (text[k] & 0x80))) ++k;
        if (start == k) continue;
        if (text[start] >= 'A' && text[start] <= 'Z') ++capitals;
        else if (is_lower(text[start]) && k - start >= 3 && !in(kSmallWords, text.substr(start, k - start)))
            return false;
    }
    return capitals >= 2;
}

// Rule 8: whether the line from `begin` to `end` is written in lower case:
// a lower-case letter, and no capital outside links, @handles and
// #hashtags.
bool lower_case_line(std::string_view text, size_t begin, size_t end) {
    bool lower = false;
    for (size_t k = begin; k < end;) {
        while (k < end && (text[k] == ' ' || text[k] == '\t')) ++k;
        size_t start = k;
        while (k < end && text[k] != ' ' && text[k] != '\t') ++k;
        std::string_view token = text.substr(start, k - start);
        if (token.empty() || token[0] == '@' || token[0] == '#' || token.find("://") != std::string_view::npos ||
            token.find("pic.twitter.com/") != std::string_view::npos)
            continue;
        for (Xapian::Utf8Iterator it(token.data(), token.size()); it != Xapian::Utf8Iterator(); ++it) {
            auto category = Xapian::Unicode::get_category(*it);
            if (category == Xapian::Unicode::UPPERCASE_LETTER || category == Xapian::Unicode::TITLECASE_LETTER)
                return false;
            lower |= category == Xapian::Unicode::LOWERCASE_LETTER;
        }
    }
    return lower;
}

// Rule 9: whether the line from `begin` to `end` is written in capitals
// (a headline, a wire's slug line: "TEXTRON <TXT> UNIT STRIKE ENDS"): three
// words of two letters or more, and no lower-case letter.
bool capitals_line(std::string_view text, size_t begin, size_t end) {
    size_t words = 0, letters = 0;
    for (Xapian::Utf8Iterator it(text.data() + begin, end - begin); it != Xapian::Utf8Iterator(); ++it) {
        auto category = Xapian::Unicode::get_category(*it);
        if (category == Xapian::Unicode::LOWERCASE_LETTER) return false;
        letters = category == Xapian::Unicode::UPPERCASE_LETTER ? letters + 1 : 0;
        words += letters == 2;
    }
    return words >= 3;
}

// Rule 7: whether words[i] is followed by "of the" and a capitalised word,
// a work's title ("Raphael's Madonna of the Pinks").
bool in_title(std::string_view text, const std::vector<Word>& words, size_t i) {
    if (i + 3 >= words.size() || words[i + 1].key != "of" || words[i + 2].key != "the") return false;
    for (size_t j = i; j < i + 3; ++j)
        if (!spaced(text.substr(words[j].end, words[j + 1].begin - words[j].end), false)) return false;
    return capitalised(text.substr(words[i + 3].begin, words[i + 3].end - words[i + 3].begin));
}

// Rule 4: "Tae" in "Tae-yong", "Jin" in "Seok-jin".
bool hyphen_syllable(std::string_view text, const Word& w) {
    return (w.end + 1 < text.size() && text[w.end] == '-' && is_lower(text[w.end + 1])) ||
           (w.begin >= 2 && text[w.begin - 1] == '-' && is_lower(text[w.begin - 2]));
}

bool is_particle(std::string_view s) { return in(kParticles, s); }
bool is_title(std::string_view key) { return in(kTitles, key); }
bool not_name_part(std::string_view key) { return in(kNotNamePart, key); }

}  // namespace news::matcher_text
