// Word clusters from unlabelled news, for the name tagger's features: words
// that occur between the same neighbours fall in one cluster ("Stoltenberg",
// "Kohl", "Baker"), so that a name the training set never had is read like
// the ones it had.  Each word's counts of left and right neighbours (among
// the most frequent words) are square-rooted, projected onto a few random
// directions and grouped by k-means (cosine), twice: coarse and fine.
// Deterministic: fixed seeds, initial centres the most frequent words.
#pragma once

#include "names_features.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace news::ner {

class ClusterBuilder {
public:
    // A sentence of lower-case words.
    void add_sentence(const std::vector<std::string>& words);
    // word hash → fine cluster * kCoarse + coarse cluster + 1 (0: none), for
    // words seen at least min_count times.
    std::unordered_map<Hash, std::uint16_t> clusters(int min_count) const;

    static constexpr int kCoarse = kCoarseClusters;
    static constexpr int kFine = 600;

private:
    std::unordered_map<std::string, int> ids_;
    std::vector<std::string> words_;
    std::vector<long> counts_;
    std::vector<std::vector<int>> sentences_;
};

// k-means over unit vectors (rows of `vectors`, dim each): the cluster of each row.
std::vector<int> kmeans(const std::vector<float>& vectors, size_t dim, int k, int iterations);

}  // namespace news::ner
