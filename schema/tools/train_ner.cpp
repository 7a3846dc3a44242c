// train_ner: trains the name tagger's model (ner_learn.hpp) on a
// CoNLL-2003 training file, picks the number of epochs on the validation
// file, and writes the model (schema/ner.model).  Deterministic: a fixed
// seed orders the sentences.  scripts/train-ner runs it.
//
//   train_ner --train FILE --valid FILE --out MODEL [--corpora DIR]
//             [--decoder greedy|viterbi] [--epochs N] [--bits B] [--min-weight W]
//             [--no-gazetteer] [--no-clusters] [--no-history] [--history-share PERCENT]
//             [--lexicon-cache FILE] [--no-news-names] [--news-min-count N] [--news-min-share PERCENT]
//             [--seed N] [--harvest-decoder greedy|viterbi]
//
// --lexicon-cache FILE keeps what the corpora give (cases, clusters) in FILE
// and reads it from there when it exists: for experiments on the tagger's
// features and training, minutes faster, the same model.
#include "conll.hpp"
#include "ner_lexicon.hpp"
#include "ner_learn.hpp"

#include "news/error.hpp"
#include "news/run_main.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <utility>

using namespace news;
using namespace news::ner;

namespace {

struct Options {
    std::string train, valid, out, corpora;
    std::string lexicon_cache;
    Decoder decoder = Decoder::viterbi;
    int epochs = 15;
    unsigned bits = 18;  // 2^18 rows: valid F1 0.8918 against 0.8893 with 2^20 (bench/ner.md), a quarter of the memory
    int min_weight = 1;
    bool gazetteer = true;
    bool clusters = true;
    bool history = true;
    // Of the documents of an epoch, the percentage learned with their
    // history; the others are learned a sentence alone, so that the model
    // still tags well a caller that gives it a line at a time.
    int history_share = 50;
    // Names harvested from the corpora by a first model (harvest_news).
    bool news_names = true;
    unsigned seed = 20031;  // of the documents' order
    Decoder harvest_decoder = Decoder::greedy;  // the first model's
    Harvest harvest;
};

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
        else if (a == "--lexicon-cache") o.lexicon_cache = value();
        else if (a == "--no-history") o.history = false;
        else if (a == "--history-share") o.history_share = std::stoi(value());
        else if (a == "--no-news-names") o.news_names = false;
        else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--news-min-count") o.harvest.min_count = static_cast<std::uint32_t>(std::stoi(value()));
        else if (a == "--news-min-share") o.harvest.min_share = static_cast<std::uint32_t>(std::stoi(value()));
        else if (a == "--harvest-decoder") o.harvest_decoder = value() == "viterbi" ? Decoder::viterbi : Decoder::greedy;
        else if (a == "--decoder") {
            std::string d = value();
            if (d != "greedy" && d != "viterbi") throw usage_error("--decoder takes greedy or viterbi, not " + d);
            o.decoder = d == "greedy" ? Decoder::greedy : Decoder::viterbi;
        }
        else throw usage_error("unknown option " + a + "; see the comment atop schema/tools/train_ner.cpp");
    }
    if (o.train.empty() || o.valid.empty() || o.out.empty()) throw usage_error("--train, --valid and --out are needed");
    return o;
}

// The lexicon's part from the corpora: read from o.lexicon_cache when it
// exists (written there otherwise).
void read_corpora(const Options& o, const std::vector<LabelledSentence>& train_set, LexiconBuilder& builder) {
    if (o.corpora.empty()) return;
    if (!o.lexicon_cache.empty()) {
        std::ifstream in(o.lexicon_cache, std::ios::binary);
        if (in) {
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            builder.set_base(deserialise(bytes).lexicon);
            return;
        }
    }
    builder.read_corpora(o.corpora, train_set, o.clusters);
    if (o.lexicon_cache.empty()) return;
    Model m;
    m.bits = 8;
    m.weights.assign((size_t(1) << m.bits) * kLabels, 0);
    m.lexicon = builder.base();
    std::string bytes = serialise(m);
    std::ofstream(o.lexicon_cache, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Train, keeping the averaged weights of the epoch best on the validation
// set.  Documents in a fixed pseudo-random order, each one's sentences in
// order (History).
std::vector<float> train(const Options& o, const Training& t, std::vector<Example>& examples,
                         const std::vector<std::pair<size_t, size_t>>& docs, const std::vector<LabelledSentence>& valid,
                         const Lexicon& lexicon) {
    Perceptron p(o.bits);
    std::vector<size_t> order(docs.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::mt19937_64 rng(o.seed), share_rng(2009);
    std::vector<float> best;
    double best_f1 = -1;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);  // Fisher-Yates, portable
        for (size_t d : order) {
            Training td = t;
            td.history = t.history && static_cast<int>(share_rng() % 100) < o.history_share;
            learn_document(examples, docs[d], td, p);
        }
        std::vector<float> avg = p.averaged();
        Score s = evaluate<float, float>(valid, lexicon, t, avg.data());
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
    model.decoder = o.decoder;
    model.history = o.history;
    const Training t{o.bits, o.decoder, o.history};
    LexiconBuilder builder(train_set, o.gazetteer);
    read_corpora(o, train_set, builder);
    builder.finish();
    model.lexicon = builder.full();
    // Learn from the training sentences k with k % 2 == part (2: all).
    auto fit = [&](const Training& how, int part) {
        std::vector<LabelledSentence> sentences;
        std::vector<Example> examples;
        for (size_t k = 0; k < train_set.size(); ++k) {
            if (part != 2 && static_cast<int>(k % 2) != part) continue;
            sentences.push_back(train_set[k]);
            examples.push_back(make_example(train_set[k], builder.held_out(k)));
        }
        model.decoder = how.decoder;
        model.weights = quantise(train(o, how, examples, documents(sentences), valid_set, model.lexicon));
    };
    if (o.news_names && !o.corpora.empty()) {
        // Cross-fitted, as the training set's name list is held out: a
        // sentence reads the names that a first model trained on the other
        // half found in the news, so that the tagger learns how far to
        // trust them on names it has not seen (a model reading the news
        // after training on a sentence knows that sentence's names too
        // well: harvested so, "Vietnam" became a person).  The shipped list
        // has both halves' counts.
        NewsCounts both;
        for (int part : {0, 1}) {
            fit(Training{o.bits, o.harvest_decoder, o.history}, part);
            const NewsCounts counts = count_news(o.corpora, NameTagger(serialise(model, o.min_weight)), o.harvest);
            std::printf("names from the news, first model of half %d: %zu\n", part, builder.add_news(counts, o.harvest, part));
            for (const auto& [key, c] : counts)
                for (size_t type = 0; type < c.size(); ++type) both[key][type] += c[type];
        }
        Harvest twice = o.harvest;
        twice.min_count *= 2;
        std::printf("names from the news, shipped: %zu\n", builder.add_news(both, twice, 2));
        builder.finish();
        model.lexicon = builder.full();
    }
    fit(t, 2);
    std::string bytes = serialise(model, o.min_weight);
    std::ofstream(o.out, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    Model shipped = deserialise(bytes);
    for (auto [what, data] : {std::pair{"train", &train_set}, std::pair{"valid", &valid_set}})
        print_score(what, evaluate<std::int16_t, std::int32_t>(*data, shipped.lexicon, t, shipped.weights.data()));
    const Training alone{o.bits, o.decoder, false};  // no history: what a caller giving a line at a time gets
    print_score("valid, sentences alone,", evaluate<std::int16_t, std::int32_t>(valid_set, shipped.lexicon, alone, shipped.weights.data()));
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("model %s: %zu bytes; trained in %.1f s\n", o.out.c_str(), bytes.size(), secs);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return run_main("train_ner", "", [&] { return run(parse(argc, argv)); });
}
