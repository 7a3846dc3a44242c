// How train_ner learns the name tagger's weights: an averaged perceptron
// over hashed features and BILOU labels, trained with the decoder the model
// is used with (greedy, or Viterbi: the structured perceptron), a document
// at a time so that the earlier sentences' predicted names inform the later
// ones (History) as they do when tagging.
#pragma once

#include "conll.hpp"
#include "names_decode.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace news::ner {

// Averaged perceptron weights: w, and u accumulating c * delta, so the average is w - u / c.
class Perceptron {
public:
    explicit Perceptron(unsigned bits) : w_((size_t(1) << bits) * kLabels), u_(w_.size()) {}
    const std::vector<float>& weights() const { return w_; }
    void tick() { ++c_; }
    void update(const std::uint32_t* b, const std::uint32_t* e, int label, float delta) {
        for (; b != e; ++b) {
            size_t k = size_t(*b) * kLabels + static_cast<size_t>(label);
            w_[k] += delta;
            u_[k] += c_ * static_cast<double>(delta);
        }
    }
    std::vector<float> averaged() const;

private:
    std::vector<float> w_;
    std::vector<double> u_;
    double c_ = 1;
};

// A training sentence, read (with the lexicon it is to be read with), and its gold labels.
struct Example {
    SentenceInfo info;
    std::vector<int> gold;
};
Example make_example(const LabelledSentence& s, const Lexicon& lexicon);

struct Training {
    unsigned bits = 18;
    Decoder decoder = Decoder::viterbi;
    bool history = true;
};

// One pass over a document's sentences (examples[first, end)), in order,
// each tagged with the current weights and the weights moved towards its
// gold labels where they differ.
void learn_document(std::vector<Example>& examples, std::pair<size_t, size_t> doc, const Training& t, Perceptron& p);

// Tagging a file, a document at a time, with a weight table (float while
// training, the quantised table once written).
template <class W, class A>
Score evaluate(const std::vector<LabelledSentence>& data, const Lexicon& lexicon, const Training& t, const W* weights);

}  // namespace news::ner
