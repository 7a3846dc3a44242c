#include "news/text.hpp"

#include <algorithm>
#include <array>
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

// Where each first byte's words lie in kWords: [begin, end).
struct Span {
    unsigned char begin = 0, end = 0;
};
constexpr std::array<Span, 256> spans() {
    std::array<Span, 256> s{};
    for (size_t i = 0; i < std::size(kWords); ++i) {
        Span& span = s[static_cast<unsigned char>(kWords[i][0])];
        if (span.begin == span.end) span.begin = static_cast<unsigned char>(i);
        span.end = static_cast<unsigned char>(i + 1);
    }
    return s;
}
constexpr std::array<Span, 256> kSpans = spans();
constexpr size_t kLongest = 10;  // "yourselves"
constexpr bool longest() {
    size_t n = 0;
    for (std::string_view w : kWords) n = std::max(n, w.size());
    return n == kLongest;
}
static_assert(longest(), "kLongest must be the longest word's length");

// Xapian's SimpleStopper builds a std::set of the words: 127 allocations,
// two thirds of the query parser's set-up in a one-query process (89,000
// instructions).  This one is the sorted list itself, searched among the
// words with the same first letter (the term generator asks for every word
// it indexes: 2 % of the indexer's time with a search of the whole list).
class EnglishStopper : public Xapian::Stopper {
public:
    bool operator()(const std::string& word) const override {
        if (word.empty() || word.size() > kLongest) return false;
        const Span span = kSpans[static_cast<unsigned char>(word[0])];
        return std::binary_search(std::begin(kWords) + span.begin, std::begin(kWords) + span.end,
                                  std::string_view(word));
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
