// The name tagger's model: a flat table of label weights over hashed
// features, and the lexicon its features look up; how it is stored (a
// zstd-compressed binary: names_model.cpp; the image built into the library:
// names_image.cpp).  Decoding: names_decode.hpp.
#pragma once

#include "names_features.hpp"

#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>
#include <string_view>
#include <vector>

namespace news::ner {

// How a sentence's labels are chosen: each in turn, after the labels chosen
// before it (tag_features), or the best sequence (Viterbi) over the label
// bigram's weights (transition_feature).
enum class Decoder : std::uint8_t { greedy = 0, viterbi = 1 };

struct Model {
    unsigned bits = 20;                  // the table has 2^bits rows of kLabels weights
    Decoder decoder = Decoder::greedy;
    bool history = false;                // whether a document's sentences inform the later ones (History)
    std::vector<std::int16_t> weights;   // quantised; row r at r * kLabels
    const std::int16_t* in_place = nullptr;  // or the rows, borrowed (view_image)
    Lexicon lexicon;

    // The rows, wherever they are.
    const std::int16_t* table() const { return in_place ? in_place : weights.data(); }
    // The label bigram's weights, (kLabels + 1) rows (the first after the
    // sentence's start) of kLabels: made from the table on loading.
    std::vector<std::int32_t> transitions;
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

// Add the weight rows of buckets [b, e) to score (kLabels values).
template <class W, class A>
inline void add_rows(const W* weights, const std::uint32_t* b, const std::uint32_t* e, A* score) {
    for (; b != e; ++b) {
        const W* row = weights + static_cast<std::size_t>(*b) * kLabels;
        for (int l = 0; l < kLabels; ++l) score[l] += row[l];
    }
}

#if defined(__SSE2__)
// The shipped table's case, the tagger's inner loop: sixteen of a row's 17
// int16 weights in two loads, widened to int32 (the same sums as above).
template <>
inline void add_rows<std::int16_t, std::int32_t>(const std::int16_t* weights, const std::uint32_t* b,
                                                 const std::uint32_t* e, std::int32_t* score) {
    static_assert(kLabels == 17);
    __m128i s0 = _mm_setzero_si128(), s1 = _mm_setzero_si128(), s2 = _mm_setzero_si128(), s3 = _mm_setzero_si128();
    std::int32_t last = 0;
    for (; b != e; ++b) {
        const std::int16_t* row = weights + static_cast<std::size_t>(*b) * kLabels;
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row));
        __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 8));
        s0 = _mm_add_epi32(s0, _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
        s1 = _mm_add_epi32(s1, _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16));
        s2 = _mm_add_epi32(s2, _mm_srai_epi32(_mm_unpacklo_epi16(w, w), 16));
        s3 = _mm_add_epi32(s3, _mm_srai_epi32(_mm_unpackhi_epi16(w, w), 16));
        last += row[16];
    }
    alignas(16) std::int32_t sum[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(sum), s0);
    _mm_store_si128(reinterpret_cast<__m128i*>(sum + 4), s1);
    _mm_store_si128(reinterpret_cast<__m128i*>(sum + 8), s2);
    _mm_store_si128(reinterpret_cast<__m128i*>(sum + 12), s3);
    for (int l = 0; l < 16; ++l) score[l] += sum[l];
    score[16] += last;
}
#endif

// The label bigram's weights of a table (Model::transitions' layout).
template <class W, class A>
void make_transitions(unsigned bits, const W* weights, std::vector<A>& out) {
    out.assign((kLabels + 1) * kLabels, A{});
    for (int p = -1; p < kLabels; ++p) {
        const std::uint32_t b = transition_feature(p, bits);
        add_rows(weights, &b, &b + 1, out.data() + (p + 1) * kLabels);
    }
}

// Whether a token is outside any name without scoring it: after no name
// and on no name list, a lower-case word in lower case in running news, or
// a token of digits and punctuation.  (Of valid.txt's 25,873 lower-case
// words after no name, half its tokens, 6 are in a name; of its 11,174
// tokens of digits or punctuation after no name, 10; train.txt: 26 of
// 45,727.)
inline bool plainly_outside(const TokenInfo& t) {
    return !t.gazetteer && ((t.lower_word && t.case_class == kCaseLower) || t.no_letter);
}

// Whether a token is outside any name even right after a word of one: a
// lower-case word in lower case in running news, on no name list, and not
// one of the few that join a name's words ("Bank of England": joiner).
// Else a name ran on over a verb on real news ("Lib Dems say Labour", one
// organisation): CoNLL's text rarely tempts the tagger so, and what it
// never gets wrong in training it never learns (bench/ner.md).
inline bool never_inside(const TokenInfo& t) {
    return !t.gazetteer && t.lower_word && t.case_class == kCaseLower && !t.joiner;
}

}  // namespace news::ner
