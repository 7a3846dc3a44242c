// ner_tag: tags a CoNLL-2003 file with the shipped name model (or --model
// FILE), tokens as given, and writes "TOKEN TAG" lines (a blank line between
// sentences) for conlleval.py; on stderr, the speed of tag_tokens over the
// file's sentences and of find_names over the same text (processor time).  bench/ner runs it.
//
// --beam W decodes with a beam search instead (names_model.hpp); each is timed over repeated passes of at least --min-seconds (default 1).
//
//   ner_tag [--model FILE] [--min-seconds S] [--beam W [--temperature T]] CONLL_FILE OUT_FILE
#include "conll.hpp"
#include "names_model.hpp"

#include "news/error.hpp"
#include "news/run_main.hpp"
#include "news/names.hpp"

#include <ctime>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

using namespace news;

namespace {

// Processor time of this process, not wall-clock time: the speed of one
// core even on a machine busy with other work.
struct Clock {
    using time_point = std::clock_t;
    static time_point now() { return std::clock(); }
};

double seconds_since(Clock::time_point t0) { return double(Clock::now() - t0) / CLOCKS_PER_SEC; }

std::unique_ptr<NameTagger> load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw usage_error(path + ": cannot read it; give a model train_ner wrote");
    std::ostringstream s;
    s << in.rdbuf();
    return std::make_unique<NameTagger>(s.str());
}

int run(int argc, char** argv) {
    std::string model_path;
    double min_seconds = 1;  // 0: one pass (for callgrind)
    int beam = 0;            // > 0: beam search of that width (names_model.hpp), tag_tokens' figures only
    double temperature = 1000;
    int a = 1;
    for (; argc - a > 2 && std::string(argv[a]).rfind("--", 0) == 0; a += 2) {
        if (std::string(argv[a]) == "--model") model_path = argv[a + 1];
        else if (std::string(argv[a]) == "--min-seconds") min_seconds = std::stod(argv[a + 1]);
        else if (std::string(argv[a]) == "--beam") beam = std::stoi(argv[a + 1]);
        else if (std::string(argv[a]) == "--temperature") temperature = std::stod(argv[a + 1]);
        else throw usage_error(std::string("unknown option ") + argv[a]);
    }
    if (argc - a != 2) throw usage_error("usage: ner_tag [--model FILE] [--min-seconds S] [--beam W [--temperature T]] CONLL_FILE OUT_FILE");
    std::unique_ptr<NameTagger> own = model_path.empty() ? nullptr : load(model_path);
    auto t_load = Clock::now();
    const NameTagger& tagger = own ? *own : NameTagger::shipped();
    double load_s = seconds_since(t_load);
    auto data = ner::read_conll(argv[a]);
    std::ofstream out(argv[a + 1]);
    if (!out) throw usage_error(std::string("cannot write ") + argv[a + 1]);
    if (beam > 0 && temperature <= 0) throw usage_error("--temperature must be above 0");
    auto tag = [&](const std::vector<std::string>& words) {
        if (beam <= 0) return tagger.tag_tokens(words);
        const ner::Model& m = tagger.model();
        ner::SentenceInfo info;
        ner::read_sentence(words, m.lexicon, info);
        std::vector<int> labels;
        ner::decode_beam<std::int16_t, std::int32_t>(info, m.bits, m.table(), labels, beam, temperature);
        std::vector<std::string> tags;
        for (int l : labels) tags.emplace_back(ner::label_name(l));
        return tags;
    };
    long tokens = 0;
    auto t0 = Clock::now();
    std::vector<std::vector<std::string>> predicted;
    for (const auto& s : data) {
        predicted.push_back(tag(s.tokens));
        tokens += static_cast<long>(s.tokens.size());
    }
    // Timed over passes of at least min_seconds in all: one pass (0.03 s)
    // is too short for the clock's resolution on a busy machine.
    long tag_tokens = tokens;
    double tag_s = seconds_since(t0);
    for (; tag_s < min_seconds; tag_s = seconds_since(t0))
        for (const auto& s : data) tag_tokens += static_cast<long>(tag(s.tokens).size());
    for (size_t k = 0; k < data.size(); ++k) {
        for (size_t i = 0; i < data[k].tokens.size(); ++i) out << data[k].tokens[i] << ' ' << predicted[k][i] << '\n';
        out << '\n';
    }
    std::vector<std::string> texts;  // each sentence as plain text, as find_names gets news
    for (const auto& s : data) {
        std::string t;
        for (const auto& w : s.tokens) t += (t.empty() ? "" : " ") + w;
        texts.push_back(std::move(t));
    }
    long names = 0, find_tokens = 0;
    double find_s = 0;
    for (auto t1 = Clock::now(); find_tokens == 0 || find_s < min_seconds; find_s = seconds_since(t1)) {
        names = 0;
        for (const auto& t : texts) names += static_cast<long>(tagger.find_names(t).size());
        find_tokens += tokens;
    }
    std::fprintf(stderr, "model loaded in %.3f s\n", load_s);
    std::fprintf(stderr, "tag_tokens: %ld tokens in %.3f s of CPU: %.0f tokens/s\n", tag_tokens, tag_s,
                 double(tag_tokens) / tag_s);
    std::fprintf(stderr, "find_names: %ld tokens in %.3f s of CPU: %.0f tokens/s (%ld names)\n", find_tokens, find_s,
                 double(find_tokens) / find_s, names);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return run_main("ner_tag", "", [&] { return run(argc, argv); });
}
