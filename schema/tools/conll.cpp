// CoNLL-2003 files and scores: see conll.hpp.
#include "conll.hpp"

#include "news/error.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace news::ner {
namespace {

constexpr std::array<const char*, 4> kTypes = {"PER", "ORG", "LOC", "MISC"};

// Entities as (start, end, type) the way conlleval.py reads BIO2: an I- tag
// that does not continue an entity of its type starts one.
std::set<std::tuple<size_t, size_t, int>> spans(const std::vector<std::string>& tags) {
    std::set<std::tuple<size_t, size_t, int>> out;
    size_t start = 0;
    int type = -1;
    for (size_t i = 0; i <= tags.size(); ++i) {
        std::string t = i < tags.size() ? tags[i] : "O";
        std::string kind = t.substr(0, t.find('-'));
        std::string name = t.find('-') == std::string::npos ? "" : t.substr(t.find('-') + 1);
        int ty = -1;
        for (int k = 0; k < 4; ++k)
            if (name == kTypes[static_cast<size_t>(k)]) ty = k;
        if (type >= 0 && (kind != "I" || ty != type)) {
            out.emplace(start, i, type);
            type = -1;
        }
        if ((kind == "B" || (kind == "I" && type < 0)) && ty >= 0) {
            start = i;
            type = ty;
        }
    }
    return out;
}

}  // namespace

std::vector<LabelledSentence> read_conll(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(path + ": cannot read it; give a CoNLL file (TOKEN TAG a line)", 2);
    std::vector<LabelledSentence> out;
    LabelledSentence cur;
    std::string line;
    for (long n = 1; std::getline(in, line); ++n) {
        std::istringstream cols(line);
        std::string token, tag;
        if (!(cols >> token)) {
            if (!cur.tokens.empty()) out.push_back(std::move(cur));
            cur = {};
            continue;
        }
        if (!(cols >> tag)) throw Error(path + ":" + std::to_string(n) + ": expected TOKEN TAG", 2);
        cur.tokens.push_back(token);
        cur.tags.push_back(tag);
    }
    if (!cur.tokens.empty()) out.push_back(std::move(cur));
    return out;
}

std::vector<std::pair<size_t, size_t>> documents(const std::vector<LabelledSentence>& sentences) {
    auto is_date = [](const std::string& w) {  // 1996-08-30
        if (w.size() != 10 || w[4] != '-' || w[7] != '-') return false;
        for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
            if (w[k] < '0' || w[k] > '9') return false;
        return true;
    };
    std::vector<size_t> starts{0};
    for (size_t k = 1; k < sentences.size(); ++k) {
        const auto& t = sentences[k].tokens;
        if (t.size() > 8 || !is_date(t.back())) continue;
        const size_t start = k - 1;
        if (start > starts.back()) starts.push_back(start);
    }
    std::vector<std::pair<size_t, size_t>> out;
    for (size_t d = 0; d < starts.size(); ++d)
        out.emplace_back(starts[d], d + 1 < starts.size() ? starts[d + 1] : sentences.size());
    return out;
}

void Score::add(const std::vector<std::string>& gold_tags, const std::vector<std::string>& predicted_tags) {
    auto g = spans(gold_tags), p = spans(predicted_tags);
    for (const auto& s : g) ++gold[static_cast<size_t>(std::get<2>(s))], ++gold[4];
    for (const auto& s : p) {
        ++predicted[static_cast<size_t>(std::get<2>(s))], ++predicted[4];
        if (g.count(s)) ++correct[static_cast<size_t>(std::get<2>(s))], ++correct[4];
    }
}

double Score::f1(int type) const {
    auto t = static_cast<size_t>(type);
    double p = predicted[t] ? double(correct[t]) / double(predicted[t]) : 0;
    double r = gold[t] ? double(correct[t]) / double(gold[t]) : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

}  // namespace news::ner
