// The name tagger's features (internal to the schema library and its tools):
// what the trainer learns weights for and the tagger scores, one definition
// for both.  Each feature is a 64-bit hash of its template and value, taken
// to a bucket of a flat weight table (the hashing trick: no feature
// dictionary to store or look up).
#pragma once

#include "names_flat.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace news::ner {

// Labels (BILOU): O, then for each type in NameType order (PER ORG LOC
// MISC) B- (a name's first token of several), I- (inside), L- (its last)
// and U- (a name of one token).  Files and tag_tokens speak BIO2; the
// tagger learns BILOU, which tells a name's last token from its others
// (Ratinov & Roth 2009; bench/ner.md has what it gained).
inline constexpr int kLabels = 17;
inline constexpr int kTypes = 4;
enum Part { kPartBegin = 0, kPartInside = 1, kPartLast = 2, kPartUnit = 3 };
inline constexpr int make_label(int type, int part) { return 1 + 4 * type + part; }
inline constexpr int label_type(int label) { return (label - 1) / 4; }
inline constexpr int label_part(int label) { return (label - 1) % 4; }
// Whether a label continues the name before it (I-, L-).
inline constexpr bool is_inside(int label) { return label > 0 && (label_part(label) == kPartInside || label_part(label) == kPartLast); }
// Whether a name goes on after a label (B-, I-): the next must continue it.
inline constexpr bool opens(int label) { return label > 0 && (label_part(label) == kPartBegin || label_part(label) == kPartInside); }
// Whether `label` may follow `prev` (-1 or 0: after no name).
inline constexpr bool allowed(int prev, int label) {
    return opens(prev) ? is_inside(label) && label_type(label) == label_type(prev) : !is_inside(label);
}
// The label that ends a name at an opening label instead (B- → U-, I- → L-).
inline constexpr int closed(int label) {
    return !opens(label) ? label : label_part(label) == kPartBegin ? label + (kPartUnit - kPartBegin) : label + (kPartLast - kPartInside);
}
std::string_view label_name(int label);     // "O", "B-PER", "L-PER", ...
std::string_view bio_name(int label);       // the BIO2 tag: L- → I-, U- → B-
// The labels of a sentence's BIO2 tags, read as conlleval.py does (an I-
// that continues no name of its type starts one); false on an unknown tag.
bool labels_of_bio(const std::vector<std::string>& tags, std::vector<int>& out);

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
    // A name's lower-case tokens (seq_hash) → the types it was seen as: bit
    // `type` in the training set, bit kNewsBit + type in the unlabelled news
    // (the type a first model gave it there most often: names_harvest).
    FlatMap<std::uint8_t> gazetteer;
    int gazetteer_longest = 0;
    // A lower-case word (hash_bytes) → its usual CaseClass.
    FlatMap<std::uint8_t> cases;
    // A lower-case word → its clusters: 1 + fine * kCoarseClusters + coarse (0: none).
    FlatMap<std::uint16_t> clusters;
};

inline constexpr int kCoarseClusters = 40;
inline constexpr int kNewsBit = 4;

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
    std::uint8_t news = 0;       // the same, of the names harvested from the news
    std::uint8_t case_class = 0;
    std::uint16_t cluster = 0;
    std::uint8_t history = 0;    // History::mark: 0 none, 1 + a type, 1 + kTypes outside names
    bool capitalised = false;    // first letter upper case
    bool lower_word = false;     // letters, all lower case, no digit
    bool no_letter = false;      // digits and punctuation only ("1996", ",", "3-1")
    bool force_outside = false;  // never part of a name (@handle, URL, CJK..., a title: "Mr")
    bool joiner = false;         // a lower-case word that joins a name's words: "of", "and", "de", "van"
};

struct SentenceInfo {
    std::vector<TokenInfo> tokens;
    bool headline = false;  // written in capitals
};

// What a document has shown of its capitalised words so far (Ratinov and
// Roth's extended prediction history): for each lower-case word, how often
// the tagger put it in a name of each type or outside names, so that
// "Blair" after "Tony Blair" reads as a person and a team named in one
// sentence is one in the next.
class History {
public:
    void clear() { counts_.clear(); }
    // Set each capitalised token's TokenInfo::history from what came before.
    void mark(SentenceInfo& s) const;
    // Count a tagged sentence's capitalised words.
    void add(const SentenceInfo& s, const std::vector<int>& labels);

private:
    FlatMap<std::array<std::uint8_t, kTypes + 1>> counts_;  // [type]: in a name of it; [kTypes]: outside
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
// The features that depend on the two previous labels (prev2, prev; -1
// before the sentence), for greedy decoding.
void tag_features(const SentenceInfo& s, std::size_t i, int prev2, int prev, unsigned bits, std::uint32_t* out);
// The label bigram's feature (the first of tag_features): the row of the
// weights of each label after `prev`.
std::uint32_t transition_feature(int prev, unsigned bits);

}  // namespace news::ner
