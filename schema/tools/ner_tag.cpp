// ner_tag: tags a CoNLL-2003 file with the shipped name model (or --model
// FILE), tokens as given, a document at a time (conll.hpp's documents), and
// writes "TOKEN TAG" lines (a blank line between sentences) for
// conlleval.py; on stderr, the speed of tag_document over the file's
// documents and of find_names over the same text, a sentence at a time
// (processor time).  bench/ner runs it.
//
//   ner_tag [--model FILE] [--min-seconds S] [--documents yes|no] CONLL_FILE OUT_FILE
#include "conll.hpp"
#include "names_decode.hpp"

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

// A document's sentences tagged in order, each informing the later ones
// (as find_names does with the sentences of its text).
std::vector<std::vector<std::string>> tag_document(const ner::Model& m, const std::vector<std::vector<std::string>>& sentences) {
    ner::SentenceInfo info;
    ner::History history;
    std::vector<int> labels;
    std::vector<std::int32_t> scratch;
    std::vector<std::vector<std::string>> out;
    for (const auto& tokens : sentences) {
        ner::read_sentence(tokens, m.lexicon, info);
        ner::decode(m, info, history, labels, scratch);
        auto& tags = out.emplace_back();
        for (int l : labels) tags.emplace_back(ner::bio_name(l));
    }
    return out;
}

int run(int argc, char** argv) {
    std::string model_path;
    double min_seconds = 1;  // 0: one pass (for callgrind)
    bool documents = true;   // no: each sentence a document of its own (what tagging a line at a time gets)
    int a = 1;
    for (; argc - a > 2 && std::string(argv[a]).rfind("--", 0) == 0; a += 2) {
        if (std::string(argv[a]) == "--model") model_path = argv[a + 1];
        else if (std::string(argv[a]) == "--min-seconds") min_seconds = std::stod(argv[a + 1]);
        else if (std::string(argv[a]) == "--documents") {
            if (std::string(argv[a + 1]) != "yes" && std::string(argv[a + 1]) != "no") throw usage_error("--documents takes yes or no");
            documents = std::string(argv[a + 1]) == "yes";
        }
        else throw usage_error(std::string("unknown option ") + argv[a]);
    }
    if (argc - a != 2) throw usage_error("usage: ner_tag [--model FILE] [--min-seconds S] [--documents yes|no] CONLL_FILE OUT_FILE");
    std::unique_ptr<NameTagger> own = model_path.empty() ? nullptr : load(model_path);
    auto t_load = Clock::now();
    const NameTagger& tagger = own ? *own : NameTagger::shipped();
    double load_s = seconds_since(t_load);
    auto data = ner::read_conll(argv[a]);
    std::ofstream out(argv[a + 1]);
    if (!out) throw usage_error(std::string("cannot write ") + argv[a + 1]);
    // The file's documents (conll.hpp), each tagged as one: a sentence's
    // names inform the later ones.
    std::vector<std::vector<std::vector<std::string>>> docs;
    long tokens = 0;
    std::vector<std::pair<size_t, size_t>> ranges;
    for (size_t k = 0; k < data.size(); ++k) ranges.emplace_back(k, k + 1);
    if (documents) ranges = ner::documents(data);
    for (auto [first, end] : ranges) {
        auto& doc = docs.emplace_back();
        for (size_t k = first; k < end; ++k) {
            doc.push_back(data[k].tokens);
            tokens += static_cast<long>(data[k].tokens.size());
        }
    }
    auto t0 = Clock::now();
    std::vector<std::vector<std::string>> predicted;
    for (const auto& doc : docs)
        for (auto& tags : tag_document(tagger.model(), doc)) predicted.push_back(std::move(tags));
    // Timed over passes of at least min_seconds in all: one pass (0.03 s)
    // is too short for the clock's resolution on a busy machine.
    long tagged = tokens;
    double tag_s = seconds_since(t0);
    for (; tag_s < min_seconds; tag_s = seconds_since(t0)) {
        for (const auto& doc : docs) tag_document(tagger.model(), doc);
        tagged += tokens;
    }
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
    std::fprintf(stderr, "tag_document: %ld tokens in %.3f s of CPU: %.0f tokens/s\n", tagged, tag_s,
                 double(tagged) / tag_s);
    std::fprintf(stderr, "find_names: %ld tokens in %.3f s of CPU: %.0f tokens/s (%ld names)\n", find_tokens, find_s,
                 double(find_tokens) / find_s, names);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return run_main("ner_tag", "", [&] { return run(argc, argv); });
}
