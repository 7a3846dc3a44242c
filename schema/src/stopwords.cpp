#include "news/text.hpp"

namespace news {

// The Snowball English stop list (127 words).  Queries drop these words
// (not inside a phrase, and not when the query is nothing but stop words,
// which are then looked for as typed); the index keeps every word as typed,
// so phrases stay exact, but does not stem stop words (indexer/analyse.cpp).
const Xapian::Stopper& stopper() {
    static const Xapian::SimpleStopper* list = [] {
        static constexpr const char* kWords[] = {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
        "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
        "itself", "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom",
        "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being",
        "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but",
        "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to",
        "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then",
        "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few",
        "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so",
        "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
        };
        auto* s = new Xapian::SimpleStopper;  // lives as long as the program
        for (const char* w : kWords) s->add(w);
        return s;
    }();
    return *list;
}

}  // namespace news
