// Text normalisation shared by the indexer and the searcher: a query is
// analysed exactly as the text was.  Xapian's TermGenerator (indexing) and
// QueryParser (searching) do the tokenising and stemming; everything they
// are given passes first through normalise_text(), which
//
//  - unifies apostrophes (’ ‘ ʼ → ') and drops the possessive 's / s'
//    ("J-Hope’s" → "J-Hope", "BTS'" → "BTS"), so `j-hope` finds "J-Hope’s";
//  - folds letters to their plain form (fold_letter(): accents of Latin,
//    Greek and Cyrillic, fullwidth and mathematical letters, ß → ss);
//  - writes abbreviations as words ("U.N." → "UN", "U.S." and "US" →
//    "U_S", "IT" → "I_T" in a text with lower-case letters: the rule is in
//    schema/src/abbreviations.hpp and doc/query.md);
//  - blanks emoji, variation selectors, zero-width joiners and skin-tone
//    modifiers, so "Gaga🐻:" and "love❤️you" keep their words apart;
//  - blanks URLs (http://…, https://…, www.…, pic.twitter.com/…, pic.x.com/…), so
//    "https://t.co/Sng4ocZF2f" leaves no junk words behind;
//  - maps other control characters and NUL to spaces.
//
// CJK (Korean, Chinese, Japanese) is indexed as character n-grams
// (Xapian's FLAG_CJK_NGRAM on both sides).  #hashtags and @handles are kept
// in the text (Xapian drops the sign) and extracted by extract_tags().
#pragma once

#include <xapian.h>

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// When a stop word written in capitals ("IT", "WHO") is taken for an
// abbreviation: in a text that has lower-case letters (the default: in one
// all in capitals, "BANK OF ENGLAND", it is the stop word), or always (a
// query of one word).  "US" is "U.S." in any text.
enum class Capitals { IfLower, Always };

std::string normalise_text(std::string_view utf8, Capitals capitals = Capitals::IfLower);

// Appends the plain form of one code point to out: a letter beyond ASCII
// by Unicode's compatibility decomposition (utf8proc: "Ｌ" and "𝐋" → "L",
// "ﬁ" → "fi"), lower-case letters case-folded ("ß" → "ss", "ς" → "σ"),
// accents (combining marks) dropped in Latin, Greek and Cyrillic script
// ("é" → "e", "ά" → "α", "ё" → "е", "ệ" → "e") but kept where they are
// part of the letter (Devanagari, Thai); æ, ø, ł, đ, þ... by their plain
// letters.  CJK, symbols, punctuation and ASCII go as they are.  previous
// is the code point before (a lone combining mark follows its letter).
void fold_letter(unsigned cp, unsigned previous, std::vector<unsigned>& out);

// A query: normalise_text(), then every word in lower case so that every
// query word stems the same whatever its case, except the operators
// AND OR NOT XOR NEAR ADJ where they were plainly meant: typed in capitals
// inside a query that is not itself all capitals.  "KENNEDY AND DIEM" is
// three keywords; "kennedy AND diem" is a boolean AND.
std::string normalise_query(std::string_view utf8);

// Whether a word is one of the query language's operators as written
// (AND OR NOT XOR NEAR ADJ, without NEAR's or ADJ's "/N").
bool is_operator(std::string_view word);

// Lower case and accent-folded, possessive dropped: the key under which a
// word is compared (highlighting, entity aliases, spelling).  A dotted
// abbreviation is its word ("U.N." → "un", "U.S." and "US" → "u_s"); a lone
// stop word in capitals otherwise is the stop word ("IT" → "it").
std::string fold_word(std::string_view utf8);

// A word of a text with its byte range in that text.
struct Word {
    size_t begin = 0;  // byte offset of the first byte
    size_t end = 0;    // one past the last byte (the possessive, if any, included)
    std::string key;   // fold_word() of the word
    bool cjk = false;  // a run of CJK characters, kept whole
};

// Words as TermGenerator sees them: runs of letters, digits, marks and '_',
// with an apostrophe kept between letters; '-' and other punctuation split.
// A run of CJK characters is one Word.  An abbreviation is one Word, its
// dots included, keyed as normalise_text() writes it ("U.S." → "u_s", and
// "US" too in a text with lower-case letters).
std::vector<Word> split_words(std::string_view utf8);
// The same words, but only those whose key begins with a byte in
// `key_starts` get their key; the others have an empty one (CJK runs and
// words with letters beyond ASCII always get theirs): for a caller that
// looks words up by key and can want no other (the snippets: splitting
// was a tenth of an in-process --quick search, and this saves 4 % of it).
std::vector<Word> split_words(std::string_view utf8, const std::bitset<256>& key_starts);

// Whether the '.' at byte `dot` of text can end a sentence: not the dot
// of an abbreviation or initial ("U.S.", "N.Y.", "John F. Kennedy") or of
// a title before a name ("Mr.", "Dr.", "St."), so that titles taken from a
// first sentence and snippets starting at one are not cut there.
bool dot_ends_sentence(std::string_view text, size_t dot);

// "#BTS" → "bts", "@Vdailyl" → "vdailyl": the hashtags and @handles of a
// text, lower case, in order of appearance, each once.  A handle may hold
// dots between its letters (Instagram, TikTok, Threads: "@blinkparis.edits";
// a final '.' ends the sentence, not the handle).
struct Tags {
    std::vector<std::string> hashtags;
    std::vector<std::string> mentions;
};
Tags extract_tags(std::string_view utf8);

// The stop words a query drops (see stopwords.cpp).
const Xapian::Stopper& stopper();

// The stemmer of all free text (kStemLanguage), remembering the stems it
// gave, up to `keep` words (then it starts afresh): text repeats its words,
// and stemming was over a quarter of the term generator's time when
// indexing (6 % of news-index's CPU).  The same stems as
// Xapian::Stem(kStemLanguage).  Like every Xapian::Stem, it is for one
// thread at a time, and so are its copies (they share the memory).
Xapian::Stem text_stemmer(size_t keep = 100000);

// s without ASCII whitespace (" \t\r\n\f\v") at either end: for lines of
// files the tools read (stub files, --batch queries).
std::string trim_ascii(std::string_view s);

// True for codepoints of scripts indexed as n-grams (Hangul, Han, kana, ...).
bool is_cjk(unsigned cp);

// Replace bytes that are not valid UTF-8: a text that is not UTF-8 at all is
// decoded as Windows-1252.  Returns true when the input was valid UTF-8.
bool is_valid_utf8(std::string_view bytes);
std::string windows1252_to_utf8(std::string_view bytes);

}  // namespace news
