// The name tagger's features (internal to the schema library and its tools):
// what the trainer learns weights for and the tagger scores, one definition
// for both.  Each feature is a 64-bit hash of its template and value, taken
// to a bucket of a flat weight table (the hashing trick: no feature
// dictionary to store or look up).
#pragma once

#include "names_flat.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace news::ner {

// Labels: O, then B- and I- of each type in NameType order (PER ORG LOC MISC).
inline constexpr int kLabels = 9;
inline constexpr int kTypes = 4;
inline int begin_label(int type) { return 1 + 2 * type; }
inline int inside_label(int type) { return 2 + 2 * type; }
inline int label_type(int label) { return (label - 1) / 2; }
inline bool is_inside(int label) { return label > 0 && label % 2 == 0; }
std::string_view label_name(int label);     // "O", "B-PER", ...
int label_of(std::string_view name);        // -1 when not a label
// Whether `label` may follow `prev` in BIO2 (an I- continues its own type).
inline bool allowed(int prev, int label) {
    return !is_inside(label) || (prev > 0 && label_type(prev) == label_type(label));
}

using Hash = std::uint64_t;
Hash hash_bytes(std::string_view s, Hash seed = 0x9e3779b97f4a7c15ULL);
inline Hash mix(Hash a, Hash b) {
    Hash h = (a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2))) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

// How a word is usually written in running text, from unlabelled news.
enum CaseClass : std::uint8_t { kCaseUnknown = 0, kCaseLower = 1, kCaseTitle = 2, kCaseUpper = 3, kCaseMixed = 4 };

// Name lists and word statistics the features look up (learned from the
// training data and from unlabelled news by train_ner).
struct Lexicon {
    // A name's lower-case tokens (seq_hash) → the types it was seen as (bit per type).
    FlatMap<std::uint8_t> gazetteer;
    int gazetteer_longest = 0;
    // A lower-case word (hash_bytes) → its usual CaseClass.
    FlatMap<std::uint8_t> cases;
    // A lower-case word → its clusters: 1 + fine * kCoarseClusters + coarse (0: none).
    FlatMap<std::uint16_t> clusters;
};

inline constexpr int kCoarseClusters = 40;

// The hash of a sequence of lower-case token hashes (a gazetteer key).
inline Hash seq_hash(Hash acc, Hash token) { return mix(acc * 31 + 7, token); }

// One token, read once: the hashes its features combine.
struct TokenInfo {
    Hash word = 0, lower = 0, shape = 0;
    // The lower-case form's first and last (up to) 4 bytes, for the affix
    // features: hashed only for a token that is scored (half are not).
    char head[4] = {}, tail[4] = {};
    std::uint8_t affix_length = 0;  // min(4, the word's length)
    std::uint8_t gazetteer = 0;  // bit 2*type: a name starts here; 2*type+1: inside one
    std::uint8_t case_class = 0;
    std::uint16_t cluster = 0;
    bool capitalised = false;    // first letter upper case
    bool lower_word = false;     // letters, all lower case, no digit
    bool no_letter = false;      // digits and punctuation only ("1996", ",", "3-1")
    bool force_outside = false;  // never part of a name (@handle, URL, CJK...)
};

struct SentenceInfo {
    std::vector<TokenInfo> tokens;
    bool headline = false;  // written in capitals
};

// The lower-case form of an ASCII-cased word (other bytes kept).
std::string ascii_lower(std::string_view word);
// Whether a token is a run of capitals (at least two letters, no lower case).
bool all_capitals(std::string_view word);
// Whether most words of a sentence are in capitals (a headline, a table line).
bool is_headline(const std::vector<std::string_view>& tokens);
bool is_headline(const std::vector<std::string>& tokens);

// Read a sentence's tokens (force_outside from the caller, may be empty).
void read_sentence(const std::vector<std::string_view>& tokens, const Lexicon& lexicon, SentenceInfo& out,
                   const std::vector<bool>& force_outside = {});
void read_sentence(const std::vector<std::string>& tokens, const Lexicon& lexicon, SentenceInfo& out);

// The features of token i that do not depend on the tags chosen: bucket
// indices (of a table of 2^bits rows) written to out (room for
// kMaxStaticFeatures), their number returned.
inline constexpr int kMaxStaticFeatures = 48;
std::size_t static_features(const SentenceInfo& s, std::size_t i, unsigned bits, std::uint32_t* out);
inline constexpr int kTagFeatures = 4;
// The features that depend on the two previous labels (prev2, prev; -1 before the sentence).
void tag_features(const SentenceInfo& s, std::size_t i, int prev2, int prev, unsigned bits, std::uint32_t* out);

}  // namespace news::ner
