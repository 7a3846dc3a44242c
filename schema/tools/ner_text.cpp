// ner_text: the names find_names finds in plain text files, to read the
// tagger's output on real news (and compare two models on it): one line a
// name, "FILE:LINE<TAB>TYPE<TAB>NAME".  By default each line of a file is
// tagged alone, as the indexer gives its text; --whole tags a file at once
// (its sentences one document).
//
//   ner_text [--model FILE] [--whole] TEXT_FILE...
#include "news/error.hpp"
#include "news/names.hpp"
#include "news/run_main.hpp"

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

using namespace news;

namespace {

std::string slurp(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw usage_error(path + ": cannot read it; give " + what);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void print(const std::string& file, std::string_view text, size_t line_no, const std::vector<NameSpan>& names) {
    for (const NameSpan& n : names) {
        const std::string_view name = text.substr(n.begin, n.end - n.begin);
        std::printf("%s:%zu\t%.*s\t%.*s\n", file.c_str(), line_no, static_cast<int>(name_type_code(n.type).size()),
                    name_type_code(n.type).data(), static_cast<int>(name.size()), name.data());
    }
}

int run(int argc, char** argv) {
    std::unique_ptr<NameTagger> own;
    bool whole = false;
    int a = 1;
    for (; a < argc && std::string(argv[a]).rfind("--", 0) == 0; ++a) {
        const std::string opt = argv[a];
        if (opt == "--whole") whole = true;
        else if (opt == "--model" && a + 1 < argc) own = std::make_unique<NameTagger>(slurp(argv[++a], "a model train_ner wrote"));
        else throw usage_error("unknown option " + opt);
    }
    if (a == argc) throw usage_error("usage: ner_text [--model FILE] [--whole] TEXT_FILE...");
    const NameTagger& tagger = own ? *own : NameTagger::shipped();
    for (; a < argc; ++a) {
        const std::string file = argv[a];
        const std::string text = slurp(file, "a text file");
        if (whole) {
            print(file, text, 0, tagger.find_names(text));
            continue;
        }
        size_t start = 0, line_no = 1;
        for (; start < text.size(); ++line_no) {
            size_t nl = text.find('\n', start);
            if (nl == std::string::npos) nl = text.size();
            const std::string_view line = std::string_view(text).substr(start, nl - start);
            print(file, line, line_no, tagger.find_names(line));
            start = nl + 1;
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return run_main("ner_text", "", [&] { return run(argc, argv); });
}
