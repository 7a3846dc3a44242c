#include "abbreviations.hpp"

#include <xapian.h>

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
