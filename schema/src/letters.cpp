// Letters folded to their plain form (news/text.hpp: fold_letter), from
// Unicode's own tables by utf8proc rather than a hand-written list.
#include "news/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <iterator>

namespace news {
namespace {

// Letters that have no decomposition in Unicode but a plain form every
// reader of Latin script accepts ("Øresund" is looked for as "Oresund",
// "Łódź" as "Lodz"); ß, ſ and the ligatures come from case folding and
// compatibility decomposition.
struct Plain {
    unsigned cp;
    const char* ascii;
};
constexpr Plain kPlain[] = {
    {0x00C6, "AE"}, {0x00D0, "D"}, {0x00D8, "O"}, {0x00DE, "TH"}, {0x00E6, "ae"}, {0x00F0, "d"},
    {0x00F8, "o"}, {0x00FE, "th"}, {0x0110, "D"}, {0x0111, "d"}, {0x0126, "H"}, {0x0127, "h"},
    {0x0131, "i"}, {0x0138, "k"}, {0x0141, "L"}, {0x0142, "l"}, {0x014A, "N"}, {0x014B, "n"},
    {0x0152, "OE"}, {0x0153, "oe"}, {0x0166, "T"}, {0x0167, "t"},
};

// Scripts whose combining marks are accents that writers add or leave out
// at will (Latin, Greek, Cyrillic, their extended blocks): there a mark
// folds away.  Elsewhere (Devanagari vowel signs, Thai, Hebrew points) a
// mark is part of the letter and stays.
bool accented_script(unsigned base) {
    return base < 0x0530 || (base >= 0x1D00 && base <= 0x1DBF) || (base >= 0x1E00 && base <= 0x1FFF) ||
           (base >= 0x2C60 && base <= 0x2C7F) || (base >= 0xA720 && base <= 0xA7FF);
}

bool is_mark(unsigned cp) {
    const auto c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

// What is folded: letters, marks and digits (symbols such as ™ or ㎏ keep
// their form: their compatibility decompositions would glue letters onto
// the word before them, "Google™" → "GoogleTM").
bool foldable(unsigned cp) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            return false;
    }
}

}  // namespace

void fold_letter(unsigned cp, unsigned previous, std::vector<unsigned>& out) {
    if (cp < 0x80 || is_cjk(cp) || !foldable(cp)) {  // Hangul keeps its syllables, kana its voicing marks
        out.push_back(cp);
        return;
    }
    auto plain = std::lower_bound(std::begin(kPlain), std::end(kPlain), cp,
                                  [](const Plain& p, unsigned c) { return p.cp < c; });
    if (plain != std::end(kPlain) && plain->cp == cp) {
        for (const char* p = plain->ascii; *p; ++p) out.push_back(static_cast<unsigned char>(*p));
        return;
    }
    // A combining mark typed apart (decomposed text) after a letter of an
    // accented script goes as the precomposed letter's does.
    if (is_mark(cp)) {
        if (!accented_script(previous)) out.push_back(cp);
        return;
    }
    // Compatibility decomposition (fullwidth, mathematical and ligature
    // forms to their letters, accents apart); a lower-case letter is case-folded too (ß → ss,
    // final ς → σ), an upper-case one keeps its case for the query
    // parser's operators and the matcher's case-sensitive aliases (the
    // term generator and normalise_query() lower-case it later).
    const bool lower = utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
    utf8proc_int32_t buf[24];
    int boundclass = 0;
    const utf8proc_ssize_t n = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(cp), buf, static_cast<utf8proc_ssize_t>(std::size(buf)),
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | (lower ? UTF8PROC_CASEFOLD : 0)),
        &boundclass);
    if (n < 0 || n > static_cast<utf8proc_ssize_t>(std::size(buf))) {
        out.push_back(cp);
        return;
    }
    unsigned base = previous;
    for (utf8proc_ssize_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned>(buf[i]);
        if (is_mark(c)) {
            if (!accented_script(base)) out.push_back(c);
            continue;
        }
        base = c;
        out.push_back(c);
    }
}

}  // namespace news
