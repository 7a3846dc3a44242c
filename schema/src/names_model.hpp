// The name tagger's model: a flat table of label weights over hashed
// features, and the lexicon its features look up; how it is stored (a
// zstd-compressed binary: names_model.cpp; the image built into the library:
// names_image.cpp) and how a sentence is decoded.
#pragma once

#include "names_features.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>
#include <string_view>
#include <vector>

namespace news::ner {

struct Model {
    unsigned bits = 20;                  // the table has 2^bits rows of kLabels weights
    std::vector<std::int16_t> weights;   // quantised; row r at r * kLabels
    const std::int16_t* in_place = nullptr;  // or the rows, borrowed (view_image)
    Lexicon lexicon;

    // The rows, wherever they are.
    const std::int16_t* table() const { return in_place ? in_place : weights.data(); }
};

// The bytes of a model (compressed); keeps only rows with a weight of at
// least `min_weight` in absolute value.
std::string serialise(const Model& model, int min_weight = 1);
// Throws news::Error when the bytes are not a model of this version.
Model deserialise(std::string_view bytes);

// A model laid out for use in place (tools/ner_expand writes it at build
// time): the whole table and the lexicon's hash tables as they are in
// memory, so that a run maps only the pages it reads instead of expanding
// the compressed model (bench/README.md, incremental re-runs).
std::string image(const Model& model);
// A model whose table and lexicon borrow image's bytes (16-byte aligned,
// outliving it); throws news::Error when they are not an image of this
// version and label set.
Model view_image(std::string_view image);

// The image of schema/ner.model built into the library (names_data.cpp).
std::string_view shipped_image();

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

#if defined(__SSE2__)
// The shipped table's case, the tagger's inner loop: eight of a row's nine
// int16 weights in one load, widened to int32 (the same sums as above).
template <>
inline void add_rows<std::int16_t, std::int32_t>(const std::int16_t* weights, const std::uint32_t* b,
                                                 const std::uint32_t* e, std::int32_t* score) {
    static_assert(kLabels == 9);
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
    std::int32_t last = 0;
    for (; b != e; ++b) {
        const std::int16_t* row = weights + static_cast<std::size_t>(*b) * kLabels;
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row));
        lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
        hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16));
        last += row[8];
    }
    alignas(16) std::int32_t sum[8];
    _mm_store_si128(reinterpret_cast<__m128i*>(sum), lo);
    _mm_store_si128(reinterpret_cast<__m128i*>(sum + 4), hi);
    for (int l = 0; l < 8; ++l) score[l] += sum[l];
    score[8] += last;
}
#endif

// Whether a token is outside any name without scoring it: after no name
// and on no name list, a lower-case word in lower case in running news, or
// a token of digits and punctuation.  (Of valid.txt's 25,873 lower-case
// words after no name, half its tokens, 6 are in a name; of its 11,174
// tokens of digits or punctuation after no name, 10; train.txt: 26 of
// 45,727.)
inline bool plainly_outside(const TokenInfo& t, int prev) {
    return prev <= 0 && !t.gazetteer && ((t.lower_word && t.case_class == kCaseLower) || t.no_letter);
}

// Greedy left-to-right decoding of a read sentence with a weight table.
template <class W, class A>
void decode(const SentenceInfo& s, unsigned bits, const W* weights, std::vector<int>& labels) {
    labels.assign(s.tokens.size(), 0);
    int prev2 = -1, prev = -1;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        if (plainly_outside(s.tokens[i], prev)) {
            prev2 = prev;
            prev = labels[i] = 0;
            continue;
        }
        std::uint32_t features[kMaxStaticFeatures + kTagFeatures];
        std::size_t n = static_features(s, i, bits, features);
        tag_features(s, i, prev2, prev, bits, features + n);
        A score[kLabels] = {};
        add_rows(weights, features, features + n + kTagFeatures, score);
        int label = best_label(score, prev < 0 ? 0 : prev, s.tokens[i].force_outside);
        labels[i] = label;
        prev2 = prev;
        prev = label;
    }
}

// Beam search over a read sentence (bench/ner --beam; the tagger decodes
// greedily): the `width` best label sequences so far, each extended by
// every label BIO2 allows, a sequence scored by the sum of its tokens' log
// softmax of scores / temperature (in the quantised weights' units: raw
// sums of scores favour the labels whose weights run larger, and do far
// worse than greedy).  Static features are scored once per token, the four
// tag features once per hypothesis.  Width 1 is decode() above.
template <class W, class A>
void decode_beam(const SentenceInfo& s, unsigned bits, const W* weights, std::vector<int>& labels, int width,
                 double temperature) {
    struct Hyp {
        double score;
        int prev2, prev, back, label;
    };
    std::vector<std::vector<Hyp>> steps(s.tokens.size());
    std::vector<Hyp> beam{{0.0, -1, -1, -1, -1}}, next;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        next.clear();
        const TokenInfo& t = s.tokens[i];
        bool all_outside = true;
        for (const Hyp& h : beam) all_outside = all_outside && plainly_outside(t, h.prev);
        std::uint32_t features[kMaxStaticFeatures];
        A base[kLabels] = {};
        if (!all_outside) add_rows(weights, features, features + static_features(s, i, bits, features), base);
        for (int k = 0; k < static_cast<int>(beam.size()); ++k) {
            const Hyp& h = beam[static_cast<std::size_t>(k)];
            if (all_outside || t.force_outside) {
                next.push_back({h.score, h.prev, 0, k, 0});
                continue;
            }
            std::uint32_t tags[kTagFeatures];
            tag_features(s, i, h.prev2, h.prev, bits, tags);
            A score[kLabels];
            std::copy(base, base + kLabels, score);
            add_rows(weights, tags, tags + kTagFeatures, score);
            // Each token's scores as log-probabilities (a softmax over the
            // labels allowed), so that paths of different labels compare.
            const int from = h.prev < 0 ? 0 : h.prev;
            double top = -1e300, sum = 0;
            for (int l = 0; l < kLabels; ++l)
                if (allowed(from, l)) top = std::max(top, double(score[l]));
            for (int l = 0; l < kLabels; ++l)
                if (allowed(from, l)) sum += std::exp((double(score[l]) - top) / temperature);
            const double norm = std::log(sum);
            for (int l = 0; l < kLabels; ++l)
                if (allowed(from, l)) next.push_back({h.score + ((double(score[l]) - top) / temperature - norm), h.prev, l, k, l});
        }
        std::size_t keep = std::min(next.size(), static_cast<std::size_t>(width));
        std::partial_sort(next.begin(), next.begin() + static_cast<long>(keep), next.end(),
                          [](const Hyp& a, const Hyp& b) { return a.score > b.score; });
        next.resize(keep);
        steps[i] = next;
        beam.swap(next);
    }
    labels.assign(s.tokens.size(), 0);
    for (int i = static_cast<int>(s.tokens.size()) - 1, k = 0; i >= 0; --i) {
        const Hyp& h = steps[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)];
        labels[static_cast<std::size_t>(i)] = h.label;
        k = h.back;
    }
}

}  // namespace news::ner
