// The name tagger's lexicon as train_ner builds it: name lists from the
// training set's entities, and how each word is usually written, from
// unlabelled news (../shared/corpora).
#pragma once

#include "conll.hpp"
#include "ner_clusters.hpp"
#include "names_features.hpp"

#include <array>
#include <string>
#include <vector>

namespace news::ner {

class LexiconBuilder {
public:
    LexiconBuilder(const std::vector<LabelledSentence>& train, bool gazetteer);
    // Reuters-21578 as JSON Lines (reuters21578.jsonl) and the BBC's text
    // files (bbc/*/*.txt) under dir: the usual case of each word.
    // Word clusters too (ner_clusters.hpp), from those and the training
    // set's sentences (their words only).
    void read_corpora(const std::string& dir, const std::vector<LabelledSentence>& train, bool clusters);
    // Make the lexicons below (after read_corpora, if at all).
    void finish();
    // The lexicon to ship: names from the whole training set.
    const Lexicon& full() const { return lexicons_[2]; }
    // The lexicon to read training sentence k with: names from the other
    // half of the training set only, so that the tagger learns how far a
    // name list is to be trusted on names it may not hold (as at run time).
    const Lexicon& held_out(size_t k) const { return lexicons_[1 - k % 2]; }

private:
    void count_text(std::string_view text);

    std::unordered_map<Hash, std::uint8_t> names_[3];  // even sentences, odd, all
    int longest_ = 0;
    std::unordered_map<Hash, std::array<std::uint32_t, 4>> case_counts_;
    ClusterBuilder cluster_builder_;
    Lexicon base_;  // cases and clusters
    Lexicon lexicons_[3];
};

}  // namespace news::ner
