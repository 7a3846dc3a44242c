// The matcher's reading of a text around a word (schema/src/matcher.cpp,
// whose opening comment numbers the rules): how a word is written, what
// may join an alias's words, where a line or sentence starts and how the
// line is written, and the word lists of the rules.  Pure functions of the
// text and its words (split_words()).
#pragma once

#include "news/text.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace news::matcher_text {

size_t codepoints(std::string_view s);
// The first UTF-8 character of a CJK word.
std::string first_char(const std::string& s);
// Written in capitals: an upper-case letter and no lower-case one.
bool all_capitals(std::string_view s);
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_letter(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }
inline bool starts(std::string_view s, size_t at, std::string_view what) { return s.substr(at, what.size()) == what; }

// A word as written: possessive dropped, apostrophes and accents unified.
std::string as_written(std::string_view raw);
// Bytes of a possessive 's / ’s ending a word.
size_t possessive(std::string_view raw);
// Whether the gap between two words holds only spaces (and a '.' when dot is true).
bool spaced(std::string_view gap, bool dot);
// Whether two words may belong to one alias (rule 2).
bool joined(std::string_view text, const Word& a, const Word& b);
// Rule 5: a one-letter alias at words[i] stands as a name.
bool stands_as_name(std::string_view text, const std::vector<Word>& words, size_t i);
// Rule 4: "Tae" in "Tae-yong", "Jin" in "Seok-jin".
bool hyphen_syllable(std::string_view text, const Word& w);

// Rule 7: a capital, then not only capitals ("Vera", "McCartney"; not "BTS").
bool capitalised(std::string_view raw);
// Rule 7: the text at `at` starts a sentence or a line (quotes and brackets aside).
bool sentence_start(std::string_view text, size_t at);
// Rule 7: the line around `at` is in title case ("Fans Slam Drake Over Tour Dates").
bool title_case_line(std::string_view text, size_t at);
// Rule 7: words[i] is followed by "of the" and a capitalised word (a work's title).
bool in_title(std::string_view text, const std::vector<Word>& words, size_t i);
// Rule 8: the line from `begin` to `end` is in lower case (links, @handles, #hashtags aside).
bool lower_case_line(std::string_view text, size_t begin, size_t end);
// Rule 9: the line from `begin` to `end` is in capitals (a headline, a wire's slug line).
bool capitals_line(std::string_view text, size_t begin, size_t end);

// Rules 8 and 9: how the line holding text[at] is written (the last line
// asked about is remembered: words come in order).
class LineCase {
public:
    explicit LineCase(std::string_view text) : text_(text) {}
    bool lower(size_t at) {
        at_line(at);
        if (lower_ < 0) lower_ = lower_case_line(text_, begin_, end_);
        return lower_ > 0;
    }
    bool capitals(size_t at) {
        at_line(at);
        if (upper_ < 0) upper_ = capitals_line(text_, begin_, end_);
        return upper_ > 0;
    }

private:
    void at_line(size_t at) {
        if (begin_ != std::string_view::npos && at >= begin_ && at < end_) return;
        size_t b = at == 0 ? std::string_view::npos : text_.rfind('\n', at - 1);
        begin_ = b == std::string_view::npos ? 0 : b + 1;
        end_ = std::min(text_.find('\n', at), text_.size());
        lower_ = upper_ = -1;
    }
    std::string_view text_;
    size_t begin_ = std::string_view::npos, end_ = 0;
    int lower_ = -1, upper_ = -1;  // -1: not known yet
};

// The word lists: a Korean particle that may follow a one-syllable alias
// (rule 6: 뷔가); a title before a surname (rule 7: "Mr Drake"); a
// capitalised word that stands beside a name without being part of it
// (rule 7: "on Monday Drake said").
bool is_particle(std::string_view s);
bool is_title(std::string_view key);
bool not_name_part(std::string_view key);

}  // namespace news::matcher_text
