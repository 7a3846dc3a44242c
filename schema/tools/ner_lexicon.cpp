// The name tagger's lexicon: see ner_lexicon.hpp.
#include "ner_lexicon.hpp"

#include "names_tokens.hpp"
#include "news/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>

namespace news::ner {
namespace {

// The case a word is written in: -1 when it has no ASCII letter.
int case_of(std::string_view w) {
    int up = 0, low = 0;
    for (unsigned char c : w) up += c >= 'A' && c <= 'Z', low += c >= 'a' && c <= 'z';
    if (up + low == 0) return -1;
    if (up == 0) return kCaseLower - 1;
    if (low == 0) return up >= 2 ? kCaseUpper - 1 : kCaseTitle - 1;
    bool title = w[0] >= 'A' && w[0] <= 'Z' && up == 1;
    return title ? kCaseTitle - 1 : kCaseMixed - 1;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

LexiconBuilder::LexiconBuilder(const std::vector<LabelledSentence>& train, bool gazetteer) {
    if (!gazetteer) return;
    for (size_t k = 0; k < train.size(); ++k) {
        const auto& s = train[k];
        std::vector<int> labels;
        if (!labels_of_bio(s.tags, labels)) throw Error("train: an unknown tag; expected O, B-PER, I-PER, ... (BIO2)", 2);
        for (size_t i = 0; i < labels.size(); ++i) {
            int label = labels[i];
            if (label <= 0 || is_inside(label)) continue;
            Hash key = 0;
            size_t j = i;
            do key = seq_hash(key, hash_bytes(ascii_lower(s.tokens[j++])));
            while (j < labels.size() && is_inside(labels[j]));
            auto bit = static_cast<std::uint8_t>(1u << label_type(label));
            names_[k % 2][key] |= bit;
            names_[2][key] |= bit;
            longest_ = std::max(longest_, static_cast<int>(j - i));
        }
    }
}

void LexiconBuilder::count_text(std::string_view text) {
    auto tokens = conll_tokens(text);
    for (size_t b = 0; b < tokens.size();) {
        size_t e = b + 1;
        while (e < tokens.size() && !tokens[e].sentence_start) ++e;
        std::vector<std::string> words;
        for (size_t i = b; i < e; ++i) words.emplace_back(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
        std::vector<std::string> lower;
        for (const auto& w : words) lower.push_back(ascii_lower(w));
        cluster_builder_.add_sentence(lower);
        if (!is_headline(words)) {
            for (size_t i = 1; i < words.size(); ++i) {  // not the first word: capitalised there whatever it is
                int c = case_of(words[i]);
                if (c >= 0 && !tokens[b + i].never_name && words[i - 1] != "\"" && words[i - 1] != "``")
                    ++case_counts_[hash_bytes(ascii_lower(words[i]))][static_cast<size_t>(c)];
            }
        }
        b = e;
    }
}

// Each text of the unlabelled news under dir: Reuters-21578's bodies, then
// the BBC's files in order.
static void for_each_news_text(const std::string& dir, const std::function<void(std::string_view)>& fn) {
    namespace fs = std::filesystem;
    std::ifstream jsonl(fs::path(dir) / "reuters21578.jsonl");
    if (!jsonl) throw Error(dir + "/reuters21578.jsonl: cannot read it; give --corpora the folder of ../shared/corpora", 2);
    for (std::string line; std::getline(jsonl, line);) fn(nlohmann::json::parse(line).value("body", ""));
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(dir) / "bbc"))
        if (e.path().extension() == ".txt" && e.path().filename() != "README.TXT") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) fn(read_file(f));
}

void LexiconBuilder::read_corpora(const std::string& dir, const std::vector<LabelledSentence>& train, bool clusters) {
    for_each_news_text(dir, [this](std::string_view text) { count_text(text); });
    for (const auto& [word, counts] : case_counts_) {
        std::uint32_t total = counts[0] + counts[1] + counts[2] + counts[3];
        if (total < 3) continue;
        auto top = std::max_element(counts.begin(), counts.end()) - counts.begin();
        base_.cases[word] = static_cast<std::uint8_t>(top + 1);
    }
    if (!clusters) return;
    for (const auto& s : train) {
        std::vector<std::string> lower;
        for (const auto& w : s.tokens) lower.push_back(ascii_lower(w));
        cluster_builder_.add_sentence(lower);
    }
    base_.clusters = FlatMap<std::uint16_t>(cluster_builder_.clusters(3));
}

NewsCounts count_news(const std::string& dir, const NameTagger& tagger, const Harvest& h) {
    NewsCounts counts;
    for_each_news_text(dir, [&](std::string_view text) {
        for (const NameSpan& n : tagger.find_names(text)) {
            const std::string_view name = text.substr(n.begin, n.end - n.begin);
            const auto tokens = conll_tokens(name);
            if (tokens.empty() || tokens.size() > static_cast<size_t>(h.longest)) continue;
            Hash key = 0;
            for (const auto& t : tokens) key = seq_hash(key, hash_bytes(ascii_lower(name.substr(t.begin, t.end - t.begin))));
            ++counts[key][static_cast<size_t>(n.type)];
        }
    });
    return counts;
}

size_t LexiconBuilder::add_news(const NewsCounts& counts, const Harvest& h, int which) {
    size_t kept = 0;
    for (const auto& [key, c] : counts) {
        const std::uint32_t total = c[0] + c[1] + c[2] + c[3];
        if (total < h.min_count) continue;
        const auto top = static_cast<int>(std::max_element(c.begin(), c.end()) - c.begin());
        if (c[static_cast<size_t>(top)] * 100 < total * h.min_share) continue;
        names_[which][key] |= static_cast<std::uint8_t>(1u << (kNewsBit + top));
        ++kept;
    }
    longest_ = std::max(longest_, h.longest);
    return kept;
}

void LexiconBuilder::finish() {
    for (int k = 0; k < 3; ++k) {
        lexicons_[k] = base_;
        lexicons_[k].gazetteer = FlatMap<std::uint8_t>(names_[k]);
        lexicons_[k].gazetteer_longest = longest_;
    }
}

}  // namespace news::ner
