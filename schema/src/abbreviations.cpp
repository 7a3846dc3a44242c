#include "abbreviations.hpp"

#include <xapian.h>

#include <cctype>

namespace news::abbreviation {

bool marks(std::string_view letters) {
    const std::string word = Xapian::Unicode::tolower(std::string(letters));
    // (Snowball's stop list leaves out "us", the commonest clash.)
    return word == "us" || stopper()(word);
}

bool capitalised_stop_word(std::string_view w) {
    if (w.size() < 2 || w.size() > 3) return false;
    for (char c : w)
        if (!ascii_upper(static_cast<unsigned char>(c))) return false;
    return !is_operator(w) && marks(w);
}

std::string joined(std::string_view letters) {
    if (!marks(letters)) return std::string(letters);
    std::string out;
    for (char c : letters) {
        if (!out.empty()) out += '_';
        out += c;
    }
    return out;
}

}  // namespace news::abbreviation

namespace news {

bool dot_ends_sentence(std::string_view text, size_t dot) {
    size_t b = dot;
    while (b > 0 && abbreviation::ascii_letter(static_cast<unsigned char>(text[b - 1]))) --b;
    const std::string_view before = text.substr(b, dot - b);
    if (before.empty() || (b > 0 && static_cast<unsigned char>(text[b - 1]) >= 0x80)) return true;
    // One letter: an abbreviation's ("U.S.", "N.Y.") or an initial ("John F. Kennedy").
    if (before.size() == 1) return b > 0 && std::isdigit(static_cast<unsigned char>(text[b - 1]));
    // A title before a name.
    static constexpr std::string_view kTitles[] = {"Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sen", "Rep",
                                                   "Gov", "Gen", "Col", "Lt", "Sgt", "Capt", "Rev", "Messrs",
                                                   "MR", "MRS", "DR", "ST"};
    for (std::string_view t : kTitles)
        if (before == t) return false;
    return true;
}

}  // namespace news
