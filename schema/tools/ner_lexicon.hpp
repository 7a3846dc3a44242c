// The name tagger's lexicon as train_ner builds it: name lists from the
// training set's entities, and how each word is usually written, from
// unlabelled news (../shared/corpora).
#pragma once

#include "conll.hpp"
#include "ner_clusters.hpp"
#include "names_features.hpp"
#include "news/names.hpp"

#include <array>
#include <unordered_map>
#include <string>
#include <utility>
#include <vector>

namespace news::ner {

struct Harvest {
    std::uint32_t min_count = 20;  // fewer: many rare names a first model gets wrong, trusted (bench/ner.md)
    std::uint32_t min_share = 60;  // percent
    int longest = 5;               // tokens
};

// How often the names of the unlabelled news under dir (as read_corpora
// reads it) were tagged as each type by a first model, a text at a time:
// by their lower-case tokens' seq_hash.  train_ner gives a word's usual
// type in the news to the tagger as a name list (kNewsBit).
using NewsCounts = std::unordered_map<Hash, std::array<std::uint32_t, kTypes>>;
NewsCounts count_news(const std::string& dir, const NameTagger& tagger, const Harvest& h);

class LexiconBuilder {
public:
    LexiconBuilder(const std::vector<LabelledSentence>& train, bool gazetteer);
    // Reuters-21578 as JSON Lines (reuters21578.jsonl) and the BBC's text
    // files (bbc/*/*.txt) under dir: the usual case of each word.
    // Word clusters too (ner_clusters.hpp), from those and the training
    // set's sentences (their words only).
    void read_corpora(const std::string& dir, const std::vector<LabelledSentence>& train, bool clusters);
    // What read_corpora made (cases, clusters), to keep; or to set instead.
    const Lexicon& base() const { return base_; }
    void set_base(Lexicon base) { base_ = std::move(base); }
    // The names of the news (count_news) kept in lexicon `which` (0: read
    // by the odd training sentences, 1: by the even ones, 2: the shipped
    // one): each seen at least h.min_count times, with the type it was
    // given most often if that was at least h.min_share percent of them
    // (bits kNewsBit + type).  Call finish() after.  Returns how many.
    size_t add_news(const NewsCounts& counts, const Harvest& h, int which);
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
