// Abbreviations as the index and queries hold them (the rule: doc/query.md,
// "Abbreviations"), for normalise_text() on code points and split_words()
// on bytes alike: one definition, two kinds of text.
//
//  - A dotted abbreviation, two or more single letters each followed by a
//    dot ("U.N.", "E.C.", "N.Y.", "U.S.A.", "e.g."; the last dot may be
//    missing: "U.S-Japan"), is the word of its letters joined: "U.N." is
//    the word "UN", and `U.N.` and `UN` find the same documents.
//  - When those letters make a stop word or "us" ("U.S." → "us", "A.M." → "am"),
//    the word is marked, its letters joined by '_' ("U_S"): an abbreviation
//    is not the pronoun, which queries drop.
//  - So is a word of two or three capitals that is a stop word (or "us") in
//    lower case ("US", "IT", "WHO"), in a text that also has lower-case letters
//    (in one written all in capitals, "BANK OF ENGLAND", "OF" is the stop
//    word): a newsroom's "IT" is information technology.  "US" is "U.S." in
//    any text: Reuters-21578's 34 titles and 37 table lines in capitals
//    with "US" all mean the country ("TOYS "R" US" aside).  The query
//    operators (AND OR NOT) never are.
#pragma once

#include "news/text.hpp"

#include <string>
#include <string_view>

namespace news::abbreviation {

inline bool ascii_letter(unsigned c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool ascii_upper(unsigned c) { return c >= 'A' && c <= 'Z'; }

// The dotted abbreviation starting at i of a text of n characters, where
// a word starts (the caller knows): at(k) is the k-th character (a code
// point or a byte), word(k) whether the character starting there is part
// of a word.  Its length, and its letters in `letters`; 0 when there is
// none.
template <class At, class Word>
size_t dotted(At at, Word word, size_t n, size_t i, std::string& letters) {
    letters.clear();
    size_t j = i;
    while (j < n && ascii_letter(at(j)) && (j + 1 == n || !word(j + 1))) {
        letters += static_cast<char>(at(j));
        ++j;
        if (j == n || at(j) != '.') break;  // the last letter without its dot
        ++j;
    }
    if (letters.size() < 2 || (j < n && word(j))) return 0;  // "a.b.com" is no abbreviation
    return j - i;
}

// Whether the word of an abbreviation's letters joined would be a stop
// word or "us": then it is marked.
bool marks(std::string_view letters);
// Whether a word as written is a stop word in capitals of two or three
// letters, not a query operator: "US", "IT", "WHO" (not "OR", "Us").
bool capitalised_stop_word(std::string_view word);
// Whether a capitalised stop word is the abbreviation even in a text all
// in capitals ("US").
inline bool in_any_text(std::string_view word) { return word == "US"; }
// The word an abbreviation's letters (or a capitalised stop word) stand
// for, in their case: "UN", "U_S".
std::string joined(std::string_view letters);

}  // namespace news::abbreviation
