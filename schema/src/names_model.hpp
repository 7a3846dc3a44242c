// The name tagger's model: a flat table of label weights over hashed
// features, and the lexicon its features look up; how it is stored (a
// zstd-compressed binary: names_model.cpp) and how a sentence is decoded.
#pragma once

#include "names_features.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace news::ner {

struct Model {
    unsigned bits = 20;                  // the table has 2^bits rows of kLabels weights
    std::vector<std::int16_t> weights;   // quantised; row r at r * kLabels
    Lexicon lexicon;
};

// The bytes of a model (compressed); keeps only rows with a weight of at
// least `min_weight` in absolute value.
std::string serialise(const Model& model, int min_weight = 1);
// Throws news::Error when the bytes are not a model of this version.
Model deserialise(std::string_view bytes);

// The model built into the library (names_data.cpp, from schema/ner.model).
std::string_view shipped_model_bytes();
std::string_view shipped_model_sha256();

// The best label of scores for a token after `prev`, obeying BIO2 (and O
// for a token that is never a name).
template <class A>
int best_label(const A* score, int prev, bool force_outside) {
    if (force_outside) return 0;
    int best = 0;
    for (int l = 1; l < kLabels; ++l)
        if (score[l] > score[best] && allowed(prev, l)) best = l;
    return best;
}

// Add the weight rows of buckets [b, e) to score (kLabels values).
template <class W, class A>
inline void add_rows(const W* weights, const std::uint32_t* b, const std::uint32_t* e, A* score) {
    for (; b != e; ++b) {
        const W* row = weights + static_cast<std::size_t>(*b) * kLabels;
        for (int l = 0; l < kLabels; ++l) score[l] += row[l];
    }
}

// Whether a token is outside any name without scoring it: a lower-case
// word, in lower case in running news, on no name list, after no name.  (Of
// valid.txt's 25,873 lower-case words after no name, half its tokens, 6 are
// in a name.)
inline bool plainly_outside(const TokenInfo& t, int prev) {
    return prev <= 0 && t.lower_word && !t.gazetteer && t.case_class == kCaseLower;
}

// Greedy left-to-right decoding of a read sentence with a weight table.
template <class W, class A>
void decode(const SentenceInfo& s, unsigned bits, const W* weights, std::vector<int>& labels,
            std::vector<std::uint32_t>& features) {
    labels.assign(s.tokens.size(), 0);
    int prev2 = -1, prev = -1;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        if (plainly_outside(s.tokens[i], prev)) {
            prev2 = prev;
            prev = labels[i] = 0;
            continue;
        }
        features.clear();
        static_features(s, i, bits, features);
        std::uint32_t tags[kTagFeatures];
        tag_features(s, i, prev2, prev, bits, tags);
        A score[kLabels] = {};
        add_rows(weights, features.data(), features.data() + features.size(), score);
        add_rows(weights, tags, tags + kTagFeatures, score);
        int label = best_label(score, prev < 0 ? 0 : prev, s.tokens[i].force_outside);
        labels[i] = label;
        prev2 = prev;
        prev = label;
    }
}

}  // namespace news::ner
