// How train_ner learns: see ner_learn.hpp.
#include "ner_learn.hpp"

#include "news/error.hpp"

#include <string>

namespace news::ner {
namespace {

// The static features of each token of a sentence.
void features_of(const SentenceInfo& info, unsigned bits, std::vector<std::vector<std::uint32_t>>& out) {
    out.resize(info.tokens.size());
    for (size_t i = 0; i < info.tokens.size(); ++i) {
        std::uint32_t f[kMaxStaticFeatures];
        out[i].assign(f, f + static_features(info, i, bits, f));
    }
}

// Greedy: predict each token after the labels predicted before it, and move
// the weights towards the gold label where wrong.  pred: the labels chosen.
void learn_greedy(const Example& ex, const std::vector<std::vector<std::uint32_t>>& features, unsigned bits,
                  Perceptron& p, std::vector<int>& pred) {
    pred.assign(ex.gold.size(), 0);
    int prev2 = -1, prev = -1;
    for (size_t i = 0; i < ex.gold.size(); ++i) {
        const auto& f = features[i];
        std::uint32_t tags[kTagFeatures];
        tag_features(ex.info, i, prev2, prev, bits, tags);
        float score[kLabels] = {};
        add_rows(p.weights().data(), f.data(), f.data() + f.size(), score);
        add_rows(p.weights().data(), tags, tags + kTagFeatures, score);
        const int guess = best_label(score, prev, i + 1 == ex.gold.size()), gold = ex.gold[i];
        if (guess != gold) {
            for (auto [label, delta] : {std::pair{gold, 1.0f}, std::pair{guess, -1.0f}}) {
                p.update(f.data(), f.data() + f.size(), label, delta);
                p.update(tags, tags + kTagFeatures, label, delta);
            }
        }
        p.tick();
        if (opens(prev) && !is_inside(guess)) pred[i - 1] = prev = closed(prev);
        pred[i] = guess;
        prev2 = prev;
        prev = guess;
    }
}

// Structured: the sentence's best labels by Viterbi, and where they differ
// from the gold ones, the weights moved towards the gold token labels and
// label bigrams and away from the predicted ones.
void learn_viterbi(const Example& ex, const std::vector<std::vector<std::uint32_t>>& features, unsigned bits,
                   Perceptron& p, std::vector<int>& pred) {
    std::vector<float> trans;
    make_transitions(bits, p.weights().data(), trans);
    auto emit = [&](size_t i, float* score) { add_rows(p.weights().data(), features[i].data(), features[i].data() + features[i].size(), score); };
    std::vector<float> sums;
    decode_viterbi(ex.info, trans.data(), emit, pred, sums);
    for (size_t i = 0; i < ex.gold.size(); ++i) {
        const int gold = ex.gold[i], guess = pred[i];
        const int gold_prev = i ? ex.gold[i - 1] : -1, guess_prev = i ? pred[i - 1] : -1;
        if (gold != guess) {
            const auto& f = features[i];
            p.update(f.data(), f.data() + f.size(), gold, 1.0f);
            p.update(f.data(), f.data() + f.size(), guess, -1.0f);
        }
        if (gold != guess || gold_prev != guess_prev) {
            const std::uint32_t g = transition_feature(gold_prev, bits), q = transition_feature(guess_prev, bits);
            p.update(&g, &g + 1, gold, 1.0f);
            p.update(&q, &q + 1, guess, -1.0f);
        }
    }
    p.tick();
}

}  // namespace

std::vector<float> Perceptron::averaged() const {
    std::vector<float> a(w_.size());
    for (size_t k = 0; k < w_.size(); ++k) a[k] = static_cast<float>(w_[k] - u_[k] / c_);
    return a;
}

Example make_example(const LabelledSentence& s, const Lexicon& lexicon) {
    Example ex;
    read_sentence(s.tokens, lexicon, ex.info);
    if (!labels_of_bio(s.tags, ex.gold)) throw Error("train: an unknown tag; expected O, B-PER, I-PER, ... (BIO2)", 2);
    return ex;
}

void learn_document(std::vector<Example>& examples, std::pair<size_t, size_t> doc, const Training& t, Perceptron& p) {
    History history;
    std::vector<std::vector<std::uint32_t>> features;
    std::vector<int> pred;
    for (size_t k = doc.first; k < doc.second; ++k) {
        Example& ex = examples[k];
        for (TokenInfo& token : ex.info.tokens) token.history = 0;
        if (t.history) history.mark(ex.info);
        features_of(ex.info, t.bits, features);
        if (t.decoder == Decoder::greedy) learn_greedy(ex, features, t.bits, p, pred);
        else learn_viterbi(ex, features, t.bits, p, pred);
        if (t.history) history.add(ex.info, pred);
    }
}

template <class W, class A>
Score evaluate(const std::vector<LabelledSentence>& data, const Lexicon& lexicon, const Training& t, const W* weights) {
    Score score;
    SentenceInfo info;
    std::vector<int> labels;
    std::vector<A> trans, sums;
    make_transitions(t.bits, weights, trans);
    auto emit = [&](size_t i, A* out) {
        std::uint32_t f[kMaxStaticFeatures];
        add_rows(weights, f, f + static_features(info, i, t.bits, f), out);
    };
    for (auto [first, end] : documents(data)) {
        History history;
        for (size_t k = first; k < end; ++k) {
            read_sentence(data[k].tokens, lexicon, info);
            if (t.history) history.mark(info);
            if (t.decoder == Decoder::greedy) decode_greedy<W, A>(info, t.bits, weights, labels);
            else decode_viterbi(info, trans.data(), emit, labels, sums);
            if (t.history) history.add(info, labels);
            std::vector<std::string> tags;
            for (int l : labels) tags.emplace_back(bio_name(l));
            score.add(data[k].tags, tags);
        }
    }
    return score;
}

template Score evaluate<float, float>(const std::vector<LabelledSentence>&, const Lexicon&, const Training&, const float*);
template Score evaluate<std::int16_t, std::int32_t>(const std::vector<LabelledSentence>&, const Lexicon&, const Training&,
                                                    const std::int16_t*);

}  // namespace news::ner
