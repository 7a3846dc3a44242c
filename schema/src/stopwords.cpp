#include "news/text.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace news {
namespace {

// The Snowball English stop list (127 words), sorted for a binary search.
constexpr std::string_view kWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "did", "do", "does", "doing", "don", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
    "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only",
    "or", "other", "our", "ours", "ourselves", "out", "over", "own", "s", "same", "she", "should",
    "so", "some", "such", "t", "than", "that", "the", "their", "theirs", "them", "themselves",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "you", "your", "yours", "yourself", "yourselves",
};

constexpr bool sorted() {
    for (size_t i = 1; i < std::size(kWords); ++i)
        if (!(kWords[i - 1] < kWords[i])) return false;
    return true;
}
static_assert(sorted(), "kWords must be sorted and without repeats");

// Xapian's SimpleStopper builds a std::set of the words: 127 allocations,
// two thirds of the query parser's set-up in a one-query process (89,000
// instructions).  This one is the sorted list itself.
class EnglishStopper : public Xapian::Stopper {
public:
    bool operator()(const std::string& word) const override {
        return std::binary_search(std::begin(kWords), std::end(kWords), std::string_view(word));
    }
    std::string get_description() const override { return "news::EnglishStopper()"; }
};

}  // namespace

// Queries drop these words (not inside a phrase, and not when the query is
// nothing but stop words, which are then looked for as typed); the index
// keeps every word as typed, so phrases stay exact, but does not stem stop
// words (indexer/analyse.cpp).
const Xapian::Stopper& stopper() {
    static const EnglishStopper list;
    return list;
}

}  // namespace news
