// Plain text into CoNLL-2003 tokens: see names_tokens.hpp.
#include "names_tokens.hpp"

#include "news/text.hpp"

#include <algorithm>
#include <array>

namespace news::ner {
namespace {

bool space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }


// Titles and the like that CoNLL keeps with their dot ("Mr.", "Inc.").
constexpr std::array<std::string_view, 36> kDotted = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Co", "Corp", "Inc", "Ltd", "Bros", "Gen", "Gov", "Sen",
    "Rep", "Lt", "Col", "Capt", "Prof", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov",
    "Dec", "No", "Mt", "Ft", "vs", "Messrs", "Adm"};

bool keeps_dot(std::string_view core) {
    if (core.empty()) return false;
    if (core.size() == 1) return letter(static_cast<unsigned char>(core[0]));  // an initial: "J."
    if (core.find('.') != std::string_view::npos) return letter(static_cast<unsigned char>(core.back()));  // "U.S"
    return std::find(kDotted.begin(), kDotted.end(), core) != kDotted.end();
}

// Punctuation split off either end of a word (ASCII or a UTF-8 quote), its length; 0 if none.
size_t quote_length(std::string_view s, size_t at) {
    if (at >= s.size() || (s[at] != '\xE2' && s[at] != '\xC2')) return 0;  // the lead bytes of the quotes below
    static constexpr std::array<std::string_view, 6> kQuotes = {"\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb"};
    for (auto q : kQuotes)
        if (s.compare(at, q.size(), q) == 0) return q.size();
    return 0;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Whether a word is a contraction of a pronoun and a verb ("I'm", "I’m",
// "we're", "you've", "they'll", "I'd"): never a name ("I’m" was an
// organisation).  Kept whole (CoNLL would cut "'m" off): cutting it
// changes the corpora's tokens and so the word clusters, and valid F1
// with them, by chance (bench/ner.md).
bool pronoun_contraction(std::string_view w) {
    // Whether the last v letters follow an apostrophe (' or ’) after something.
    auto after_apostrophe = [w](size_t v) {
        if (w.size() < v + 2) return false;
        const size_t at = w.size() - v;
        return w[at - 1] == '\'' || (at >= 4 && w.substr(at - 3, 3) == "\u2019");
    };
    if (w.empty()) return false;
    const char last = w.back();
    if (last == 'm' || last == 'd') return after_apostrophe(1);
    if (last != 'e' && last != 'l') return false;  // most words, at once
    const std::string_view two = w.substr(w.size() < 2 ? 0 : w.size() - 2);
    return (two == "re" || two == "ve" || two == "ll") && after_apostrophe(2);
}

// Months and days, as written in datelines ("NEW YORK, Feb 26"): never
// names in CoNLL-2003's tagging, which has few datelines of this form.
// ("May" is left out: Theresa May.)
constexpr std::array<std::string_view, 30> kCalendar = {
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "January", "February", "March", "April", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

bool calendar_word(std::string_view w) {
    if (w.size() < 3 || w[0] < 'A' || w[0] > 'W') return false;  // most words: no list to search
    if (w.back() == '.') w.remove_suffix(1);
    return std::find(kCalendar.begin(), kCalendar.end(), w) != kCalendar.end();
}

bool has_cjk(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (n >= 3 && i + static_cast<size_t>(n) <= s.size()) {
            unsigned cp = c & (n == 3 ? 0x0F : 0x07);
            for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
            if (is_cjk(cp)) return true;
        }
        i += static_cast<size_t>(n);
    }
    return false;
}

class Cutter {
public:
    Cutter(std::string_view text, std::vector<TextToken>& out) : text_(text), out_(out) {}

    void chunk(size_t b, size_t e) {
        std::string_view c = text_.substr(b, e - b);
        if (starts_with(c, "http://") || starts_with(c, "https://") || starts_with(c, "www.") ||
            c.find("://") != std::string_view::npos)
            return tail(b, e, true);
        if (c.size() > 2 && c[0] == '<' && c.find('>') != std::string_view::npos) {  // Reuters' tickers: "<SRD>"
            size_t close = b + c.find('>') + 1;
            emit(b, close, true);
            if (close < e) tail(close, e, false);
            return;
        }
        // Leading quotes and brackets, each a token.
        while (b < e) {
            size_t q = quote_length(text_, b);
            char ch = text_[b];
            if (!q && (ch == '"' || ch == '(' || ch == '[' || ch == '{' || ch == '<' || ch == '`' ||
                       (ch == '\'' && e - b > 2 && text_.substr(b, e - b) != "'s")))
                q = 1;
            if (!q || b + q >= e) break;
            emit(b, b + q, false);
            b += q;
        }
        char first = text_[b];
        bool tag = (first == '@' || first == '#') && e - b > 1;
        tail(b, e, tag);
    }

private:
    // A word with its trailing punctuation split off.
    void tail(size_t b, size_t e, bool never_name) {
        auto& trailing = trailing_;  // one buffer for the whole text
        trailing.clear();
        while (e > b + 1) {
            size_t q = 0;
            for (size_t n : {3, 2}) {  // a closing UTF-8 quote
                if (e - b > n && quote_length(text_, e - n) == n) q = n;
            }
            char ch = text_[e - 1];
            if (!q && std::string_view("\"')]}>,;:!?").find(ch) != std::string_view::npos) q = 1;
            if (!q && ch == '.') {
                if (e - b >= 3 && text_.substr(e - 3, 3) == "...") q = 3;
                else if (!never_name && keeps_dot(text_.substr(b, e - 1 - b))) break;
                else q = 1;
            }
            if (!q || e - q <= b) break;
            trailing.emplace_back(e - q, e);
            e -= q;
        }
        word(b, e, never_name);
        for (auto it = trailing.rbegin(); it != trailing.rend(); ++it) emit(it->first, it->second, false);
    }

    void word(size_t b, size_t e, bool never_name) {
        std::string_view w = text_.substr(b, e - b);
        if (!never_name) {
            size_t at = w.find('@');
            never_name = (at != std::string_view::npos && at > 0 && at + 1 < w.size()) || has_cjk(w) || calendar_word(w);
        }
        never_name = never_name || pronoun_contraction(w);
        size_t cut = 0;  // "Blair's" → "Blair" "'s", "don't" → "do" "n't"
        if (!never_name && w.size() > 2) {
            if (w.size() > 2 && (w.substr(w.size() - 2) == "'s" || w.substr(w.size() - 2) == "'S")) cut = 2;
            else if (w.size() > 4 && w.substr(w.size() - 4) == "\u2019s") cut = 4;
            else if (w.size() > 3 && w.substr(w.size() - 3) == "n't") cut = 3;
        }
        emit(b, e - cut, never_name);
        if (cut) emit(e - cut, e, false);
    }

    void emit(size_t b, size_t e, bool never_name) {
        TextToken t{b, e, never_name, start_};
        std::string_view s = text_.substr(b, e - b);
        start_ = s == "." || s == "?" || s == "!";
        out_.push_back(t);
    }

public:
    bool start_ = true;

private:
    std::string_view text_;
    std::vector<TextToken>& out_;
    std::vector<std::pair<size_t, size_t>> trailing_;
};

}  // namespace

std::vector<TextToken> conll_tokens(std::string_view text) {
    std::vector<TextToken> out;
    Cutter cutter(text, out);
    size_t i = 0;
    while (i < text.size()) {
        int newlines = 0;
        for (; i < text.size() && space(static_cast<unsigned char>(text[i])); ++i) newlines += text[i] == '\n';
        if (newlines >= 2) cutter.start_ = true;  // a blank line ends a paragraph
        size_t b = i;
        while (i < text.size() && !space(static_cast<unsigned char>(text[i]))) ++i;
        if (i > b) cutter.chunk(b, i);
    }
    return out;
}

}  // namespace news::ner
