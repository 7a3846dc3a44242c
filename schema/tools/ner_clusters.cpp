// Word clusters: see ner_clusters.hpp.
#include "ner_clusters.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace news::ner {
namespace {

constexpr size_t kDim = 96;        // random directions
constexpr int kContexts = 1500;    // neighbours counted: the most frequent words
constexpr int kIterations = 12;

void normalise(float* v, size_t dim) {
    double n = 0;
    for (size_t d = 0; d < dim; ++d) n += double(v[d]) * v[d];
    if (n <= 0) return;
    auto inv = static_cast<float>(1 / std::sqrt(n));
    for (size_t d = 0; d < dim; ++d) v[d] *= inv;
}

}  // namespace

void ClusterBuilder::add_sentence(const std::vector<std::string>& words) {
    std::vector<int> ids;
    for (const auto& w : words) {
        auto [it, added] = ids_.emplace(w, static_cast<int>(words_.size()));
        if (added) {
            words_.push_back(w);
            counts_.push_back(0);
        }
        ++counts_[static_cast<size_t>(it->second)];
        ids.push_back(it->second);
    }
    sentences_.push_back(std::move(ids));
}

std::vector<int> kmeans(const std::vector<float>& vectors, size_t dim, int k, int iterations) {
    const size_t n = vectors.size() / dim;
    const auto K = static_cast<size_t>(k);
    std::vector<float> centres(vectors.begin(), vectors.begin() + static_cast<long>(std::min(n, K) * dim));
    centres.resize(K * dim, 0.0f);
    std::vector<int> of(n, 0);
    for (int it = 0; it < iterations; ++it) {
        for (size_t i = 0; i < n; ++i) {
            const float* v = &vectors[i * dim];
            float best = -2;
            for (size_t c = 0; c < K; ++c) {
                const float* m = &centres[c * dim];
                float dot = 0;
                for (size_t d = 0; d < dim; ++d) dot += v[d] * m[d];
                if (dot > best) best = dot, of[i] = static_cast<int>(c);
            }
        }
        std::fill(centres.begin(), centres.end(), 0.0f);
        for (size_t i = 0; i < n; ++i)
            for (size_t d = 0; d < dim; ++d) centres[static_cast<size_t>(of[i]) * dim + d] += vectors[i * dim + d];
        for (size_t c = 0; c < K; ++c) normalise(&centres[c * dim], dim);
    }
    return of;
}

std::unordered_map<Hash, std::uint16_t> ClusterBuilder::clusters(int min_count) const {
    // Words by frequency (ties by spelling: deterministic).
    std::vector<int> order(words_.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        auto ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
        return counts_[ua] != counts_[ub] ? counts_[ua] > counts_[ub] : words_[ua] < words_[ub];
    });
    std::vector<int> context(words_.size(), -1), row(words_.size(), -1);
    for (size_t r = 0; r < order.size() && r < static_cast<size_t>(kContexts); ++r) context[static_cast<size_t>(order[r])] = static_cast<int>(r);
    size_t rows = 0;
    for (int w : order)
        if (counts_[static_cast<size_t>(w)] >= min_count) row[static_cast<size_t>(w)] = static_cast<int>(rows++);
    // Neighbour counts: (row, side, context) → count.
    std::unordered_map<std::uint64_t, std::uint32_t> pairs;
    for (const auto& s : sentences_) {
        for (size_t i = 0; i < s.size(); ++i) {
            int r = row[static_cast<size_t>(s[i])];
            if (r < 0) continue;
            int left = i > 0 ? context[static_cast<size_t>(s[i - 1])] : kContexts;
            int right = i + 1 < s.size() ? context[static_cast<size_t>(s[i + 1])] : kContexts;
            if (left >= 0) ++pairs[(std::uint64_t(r) << 32) | std::uint64_t(left)];
            if (right >= 0) ++pairs[(std::uint64_t(r) << 32) | std::uint64_t(right + kContexts + 1)];
        }
    }
    std::mt19937 rng(1996);
    std::vector<float> directions(static_cast<size_t>(2 * kContexts + 2) * kDim);
    for (float& d : directions) d = (rng() & 1) ? 1.0f : -1.0f;
    std::vector<float> vectors(rows * kDim, 0.0f);
    for (auto [key, count] : pairs) {
        size_t r = key >> 32, c = key & 0xFFFFFFFF;
        auto weight = static_cast<float>(std::sqrt(double(count)));
        for (size_t d = 0; d < kDim; ++d) vectors[r * kDim + d] += weight * directions[c * kDim + d];
    }
    for (size_t r = 0; r < rows; ++r) normalise(&vectors[r * kDim], kDim);
    std::vector<int> coarse = kmeans(vectors, kDim, kCoarse, kIterations);
    std::vector<int> fine = kmeans(vectors, kDim, kFine, kIterations);
    std::unordered_map<Hash, std::uint16_t> out;
    for (size_t w = 0; w < words_.size(); ++w) {
        int r = row[w];
        if (r < 0) continue;
        auto ru = static_cast<size_t>(r);
        out[hash_bytes(words_[w])] = static_cast<std::uint16_t>(fine[ru] * kCoarse + coarse[ru] + 1);
    }
    return out;
}

}  // namespace news::ner
