// train_ner: trains the name tagger's model (an averaged perceptron over
// hashed features, greedy left-to-right decoding with BIO2 constraints) on a
// CoNLL-2003 training file, picks the number of epochs on the validation
// file, and writes the model (schema/ner.model).  Deterministic: a fixed
// seed orders the sentences.  scripts/train-ner runs it.
//
//   train_ner --train FILE --valid FILE --out MODEL [--corpora DIR]
//             [--epochs N] [--bits B] [--min-weight W] [--no-gazetteer] [--no-clusters]
#include "conll.hpp"
#include "ner_lexicon.hpp"
#include "names_model.hpp"

#include "news/error.hpp"
#include "news/run_main.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

using namespace news;
using namespace news::ner;

namespace {

struct Options {
    std::string train, valid, out, corpora;
    int epochs = 15;
    unsigned bits = 18;  // 2^18 rows: valid F1 0.8918 against 0.8893 with 2^20 (bench/ner.md), a quarter of the memory
    int min_weight = 1;
    bool gazetteer = true;
    bool clusters = true;
};

// A sentence read for training: its features that do not depend on tags, and its gold labels.
struct Example {
    SentenceInfo info;
    std::vector<std::vector<std::uint32_t>> features;
    std::vector<int> gold;
};

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
    std::vector<float> averaged() const {
        std::vector<float> a(w_.size());
        for (size_t k = 0; k < w_.size(); ++k) a[k] = static_cast<float>(w_[k] - u_[k] / c_);
        return a;
    }

private:
    std::vector<float> w_;
    std::vector<double> u_;
    double c_ = 1;
};

Example make_example(const LabelledSentence& s, const Lexicon& lexicon, unsigned bits) {
    Example ex;
    read_sentence(s.tokens, lexicon, ex.info);
    for (size_t i = 0; i < s.tokens.size(); ++i) {
        std::uint32_t f[kMaxStaticFeatures];
        ex.features.emplace_back(f, f + static_features(ex.info, i, bits, f));
        int label = label_of(s.tags[i]);
        if (label < 0) throw Error("train: unknown tag " + s.tags[i] + "; expected O, B-PER, I-PER, ...", 2);
        ex.gold.push_back(label);
    }
    return ex;
}

// One pass over a sentence: predict each token after the labels predicted
// before it, and move the weights towards the gold label where wrong.
void learn(const Example& ex, Perceptron& p, unsigned bits) {
    int prev2 = -1, prev = -1;
    for (size_t i = 0; i < ex.gold.size(); ++i) {
        const auto& f = ex.features[i];
        std::uint32_t tags[kTagFeatures];
        tag_features(ex.info, i, prev2, prev, bits, tags);
        float score[kLabels] = {};
        add_rows(p.weights().data(), f.data(), f.data() + f.size(), score);
        add_rows(p.weights().data(), tags, tags + kTagFeatures, score);
        int pred = best_label(score, prev < 0 ? 0 : prev, false);
        int gold = ex.gold[i];
        if (pred != gold) {
            for (auto [label, delta] : {std::pair{gold, 1.0f}, std::pair{pred, -1.0f}}) {
                p.update(f.data(), f.data() + f.size(), label, delta);
                p.update(tags, tags + kTagFeatures, label, delta);
            }
        }
        p.tick();
        prev2 = prev;
        prev = pred;
    }
}

template <class W, class A>
Score evaluate(const std::vector<LabelledSentence>& data, const Lexicon& lexicon, unsigned bits, const W* weights) {
    Score score;
    SentenceInfo info;
    std::vector<int> labels;
    for (const auto& s : data) {
        read_sentence(s.tokens, lexicon, info);
        decode<W, A>(info, bits, weights, labels);
        std::vector<std::string> tags;
        for (int l : labels) tags.emplace_back(label_name(l));
        score.add(s.tags, tags);
    }
    return score;
}

std::vector<std::int16_t> quantise(const std::vector<float>& w) {
    float top = 0;
    for (float v : w) top = std::max(top, std::fabs(v));
    const float scale = top > 0 ? 32000.0f / top : 1.0f;
    std::vector<std::int16_t> q(w.size());
    for (size_t k = 0; k < w.size(); ++k) q[k] = static_cast<std::int16_t>(std::lround(w[k] * scale));
    return q;
}

void print_score(const char* what, const Score& s) {
    std::printf("%s F1 %.4f (PER %.4f ORG %.4f LOC %.4f MISC %.4f)\n", what, s.f1(), s.f1(0), s.f1(1), s.f1(2), s.f1(3));
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw usage_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--train") o.train = value();
        else if (a == "--valid") o.valid = value();
        else if (a == "--out") o.out = value();
        else if (a == "--corpora") o.corpora = value();
        else if (a == "--epochs") o.epochs = std::stoi(value());
        else if (a == "--bits") o.bits = static_cast<unsigned>(std::stoi(value()));
        else if (a == "--min-weight") o.min_weight = std::stoi(value());
        else if (a == "--no-gazetteer") o.gazetteer = false;
        else if (a == "--no-clusters") o.clusters = false;
        else throw usage_error("unknown option " + a + "; see the comment atop schema/tools/train_ner.cpp");
    }
    if (o.train.empty() || o.valid.empty() || o.out.empty()) throw usage_error("--train, --valid and --out are needed");
    return o;
}

// Train, keeping the averaged weights of the epoch best on the validation set.
std::vector<float> train(const Options& o, const std::vector<Example>& examples, const std::vector<LabelledSentence>& valid,
                         const Lexicon& lexicon) {
    Perceptron p(o.bits);
    std::vector<size_t> order(examples.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::mt19937_64 rng(20031);
    std::vector<float> best;
    double best_f1 = -1;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);  // Fisher-Yates, portable
        for (size_t k : order) learn(examples[k], p, o.bits);
        std::vector<float> avg = p.averaged();
        Score s = evaluate<float, float>(valid, lexicon, o.bits, avg.data());
        std::printf("epoch %2d: valid F1 %.4f\n", epoch, s.f1());
        std::fflush(stdout);
        if (s.f1() > best_f1) best_f1 = s.f1(), best = std::move(avg);
    }
    return best;
}

int run(const Options& o) {
    auto t0 = std::chrono::steady_clock::now();
    auto train_set = read_conll(o.train);
    auto valid_set = read_conll(o.valid);
    Model model;
    model.bits = o.bits;
    LexiconBuilder builder(train_set, o.gazetteer);
    if (!o.corpora.empty()) builder.read_corpora(o.corpora, train_set, o.clusters);
    builder.finish();
    model.lexicon = builder.full();
    std::vector<Example> examples;
    for (size_t k = 0; k < train_set.size(); ++k)
        examples.push_back(make_example(train_set[k], builder.held_out(k), o.bits));
    std::vector<float> w = train(o, examples, valid_set, model.lexicon);
    model.weights = quantise(w);
    std::string bytes = serialise(model, o.min_weight);
    std::ofstream(o.out, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    Model shipped = deserialise(bytes);
    print_score("train", evaluate<std::int16_t, std::int32_t>(train_set, shipped.lexicon, shipped.bits, shipped.weights.data()));
    print_score("valid", evaluate<std::int16_t, std::int32_t>(valid_set, shipped.lexicon, shipped.bits, shipped.weights.data()));
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("model %s: %zu bytes; trained in %.1f s\n", o.out.c_str(), bytes.size(), secs);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return run_main("train_ner", "", [&] { return run(parse(argc, argv)); });
}
