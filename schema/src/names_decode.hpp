// How the name tagger chooses a sentence's labels from its model's scores
// (internal to the schema library and its tools): greedily, each label
// after the ones chosen before it, or by Viterbi over the label bigram.
// Both obey BILOU (names_features.hpp) and end no name open.
#pragma once

#include "names_model.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace news::ner {

// The best label for a token after `prev` (none that leaves a name open at
// the sentence's end).  A label that does not continue an open name may be
// chosen too: the caller then closes that name at the previous token (B- →
// U-, I- → L-), so that a greedy decoder can still end a name one token
// late, as it could with BIO2.
template <class A>
int best_label(const A* score, int prev, bool last) {
    int best = 0;
    for (int l = 1; l < kLabels; ++l) {
        if ((last && opens(l)) || (is_inside(l) && !allowed(prev, l))) continue;
        if (score[l] > score[best]) best = l;
    }
    return best;
}

// Greedy left-to-right decoding of a read sentence with a weight table
// (Decoder::greedy).
template <class W, class A>
void decode_greedy(const SentenceInfo& s, unsigned bits, const W* weights, std::vector<int>& labels) {
    const std::size_t n = s.tokens.size();
    labels.assign(n, 0);
    int prev2 = -1, prev = -1;
    for (std::size_t i = 0; i < n; ++i) {
        const TokenInfo& t = s.tokens[i];
        int label = 0;
        if (!t.force_outside && !never_inside(t) && (opens(prev) || !plainly_outside(t))) {
            std::uint32_t features[kMaxStaticFeatures + kTagFeatures];
            std::size_t k = static_features(s, i, bits, features);
            tag_features(s, i, prev2, prev, bits, features + k);
            A score[kLabels] = {};
            add_rows(weights, features, features + k + kTagFeatures, score);
            label = best_label(score, prev, i + 1 == n);
        }
        if (opens(prev) && !is_inside(label)) labels[i - 1] = prev = closed(prev);
        labels[i] = label;
        prev2 = prev;
        prev = label;
    }
}

// The labels after which no name is open (O, L-, U-): those a name's first
// label or O may follow; an inside label follows its type's B- or I-.
inline constexpr std::array<int, 1 + 2 * kTypes> kClosedLabels = {0, 3, 4, 7, 8, 11, 12, 15, 16};
static_assert(kClosedLabels[3] == make_label(1, kPartLast) && kClosedLabels[8] == make_label(3, kPartUnit));

// Viterbi's way back over the forward pass's sums (kLabels a token; after:
// the bigram's weights after each label): the best closed label at the
// end, then at each token the label before that the forward pass took (its
// ties broken alike).  labels holds -1 at the tokens left unscored.
template <class A>
void viterbi_way_back(const A* sums, const A* after, std::vector<int>& labels) {
    const std::size_t n = labels.size();
    const A* last = sums + (n - 1) * kLabels;
    int l = 0;
    for (int k = 1; k < kLabels; ++k)
        if (!opens(k) && last[k] > last[l]) l = k;
    for (std::size_t i = n - 1; i > 0; --i) {
        labels[i] = l;
        if (labels[i - 1] < 0) {  // unscored: O only
            l = 0;
            continue;
        }
        const A* d = sums + (i - 1) * kLabels;
        if (is_inside(l)) {
            const int b = make_label(label_type(l), kPartBegin);
            l = d[b] + after[b * kLabels + l] >= d[b + 1] + after[(b + 1) * kLabels + l] ? b : b + 1;
            continue;
        }
        int arg = 0;
        A top = d[0] + after[l];
        for (std::size_t k = 1; k < kClosedLabels.size(); ++k) {
            const int p = kClosedLabels[k];
            if (d[p] + after[p * kLabels + l] > top) top = d[p] + after[p * kLabels + l], arg = p;
        }
        l = arg;
    }
    labels[0] = l;
}

// Viterbi decoding (Decoder::viterbi): the labels of the highest sum of
// the tokens' scores (emit(i, score) adds token i's to score, kLabels
// values) and of the label bigram's weights (trans: Model::transitions'
// layout).  A token never in a name (force_outside, never_inside), or
// plainly outside one (plainly_outside) when the best sequence so far ends
// outside a name, is not scored: every sequence goes through O there, the pruning the greedy
// decoder does, taken at the best sequence's last label.  sums: scratch.
//
// The forward pass keeps each token's best sums (no back pointers: the
// way back recomputes the few it follows, which is cheaper).  A label no
// sequence may reach (an inside one at the start, any but O after an
// unscored token) starts at kNone, so far below the others that no
// sequence through it wins; each token's sums are kept relative to its
// best, so that they stay far above kNone however long the sentence.
template <class A, class Emit>
void decode_viterbi(const SentenceInfo& s, const A* trans, Emit&& emit, std::vector<int>& labels, std::vector<A>& sums) {
    const std::size_t n = s.tokens.size();
    labels.assign(n, 0);
    if (n == 0) return;
    sums.resize(n * kLabels);
    constexpr A kNone = std::numeric_limits<A>::lowest() / 8;
    const A* after = trans + kLabels;  // row p: the weights after label p (trans' first row: after the start)
    const A* delta = nullptr;          // the previous token's sums
    int best = -1;                     // the label of delta's best sequence (-1: the start)
    // The best sum of a sequence ending in a closed label, then label l.
    auto from_closed = [&](int l) {
        A top = delta[0] + after[l];
#pragma GCC unroll 8
        for (std::size_t k = 1; k < kClosedLabels.size(); ++k) {
            const A v = delta[kClosedLabels[k]] + after[kClosedLabels[k] * kLabels + l];
            top = v > top ? v : top;
        }
        return top;
    };
    for (std::size_t i = 0; i < n; ++i) {
        A* next = &sums[i * kLabels];
        const TokenInfo& t = s.tokens[i];
        if (t.force_outside || never_inside(t) || (!opens(best) && plainly_outside(t))) {
            std::fill(next, next + kLabels, kNone);
            next[0] = 0;  // relative to itself, the only sequence
            labels[i] = -1;  // unscored: the way back comes through O
            best = 0;
            delta = next;
            continue;
        }
        std::fill(next, next + kLabels, A{});
        emit(i, next);
        for (int type = 0; type < kTypes; ++type) {
            const int b = make_label(type, kPartBegin), in = b + 1;
            for (int l : {in, in + 1}) {  // I-, L-: after the type's B- or I-
                const A vb = best < 0 ? kNone : delta[b] + after[b * kLabels + l];
                const A vi = best < 0 ? kNone : delta[in] + after[in * kLabels + l];
                next[l] += vb >= vi ? vb : vi;
            }
        }
#pragma GCC unroll 9
        for (int l : {0, 1, 4, 5, 8, 9, 12, 13, 16}) next[l] += best < 0 ? trans[l] : from_closed(l);  // O, B-, U-
        best = 0;
        for (int l = 1; l < kLabels; ++l)
            if (next[l] > next[best]) best = l;
        const A base = next[best];
        for (int l = 0; l < kLabels; ++l) next[l] = next[l] - base < kNone ? kNone : next[l] - base;
        delta = next;
    }
    viterbi_way_back(sums.data(), after, labels);
}

// A read sentence's labels by a shipped model's decoder.
inline void decode(const Model& m, const SentenceInfo& s, std::vector<int>& labels, std::vector<std::int32_t>& scratch) {
    if (m.decoder == Decoder::greedy) {
        decode_greedy<std::int16_t, std::int32_t>(s, m.bits, m.table(), labels);
        return;
    }
    auto emit = [&](std::size_t i, std::int32_t* score) {
        std::uint32_t features[kMaxStaticFeatures];
        add_rows(m.table(), features, features + static_features(s, i, m.bits, features), score);
    };
    decode_viterbi(s, m.transitions.data(), emit, labels, scratch);
}

// A read sentence of a document labelled by a shipped model: the earlier
// sentences' names in history inform it (if the model reads them), and it
// joins them.
inline void decode(const Model& m, SentenceInfo& s, History& history, std::vector<int>& labels,
                   std::vector<std::int32_t>& scratch) {
    if (m.history) history.mark(s);
    decode(m, s, labels, scratch);
    if (m.history) history.add(s, labels);
}

}  // namespace news::ner
