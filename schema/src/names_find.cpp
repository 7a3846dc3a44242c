// Names in plain text (NameTagger::find_names): tokens cut as CoNLL's are,
// tagged a sentence at a time, labels read back as byte spans.
#include "news/names.hpp"

#include "names_model.hpp"
#include "names_tokens.hpp"

namespace news {
namespace {

// A word of a headline in the case running text gives it: "REJECTS" →
// "rejects", "GERMAN" → "German"; words the unlabelled news never wrote
// otherwise ("EU", "BBC") stay in capitals.
std::string usual_case(const std::string& word, const ner::Lexicon& lexicon) {
    if (!ner::all_capitals(word)) return word;
    auto it = lexicon.cases.find(ner::hash_bytes(ner::ascii_lower(word)));
    if (it == lexicon.cases.end()) return word;
    std::string lower = ner::ascii_lower(word);
    if (it->second == ner::kCaseLower) return lower;
    if (it->second == ner::kCaseTitle || it->second == ner::kCaseMixed) {
        lower[0] = word[0];
        return lower;
    }
    return word;
}

struct Sentence {
    std::vector<std::string> words;
    std::vector<bool> never_name;
    std::vector<const ner::TextToken*> tokens;
};

void tag_sentence(const Sentence& s, const ner::Model& model, std::vector<NameSpan>& out) {
    ner::SentenceInfo info;
    std::vector<std::string> words = s.words;
    if (ner::is_headline(words)) {
        if (model.lexicon.cases.empty()) return;  // no way to read it: no names rather than junk
        for (auto& w : words) w = usual_case(w, model.lexicon);
    }
    ner::read_sentence(words, model.lexicon, info, s.never_name);
    std::vector<int> labels;
    std::vector<std::uint32_t> features;
    ner::decode<std::int16_t, std::int32_t>(info, model.bits, model.weights.data(), labels, features);
    for (size_t i = 0; i < labels.size();) {
        if (labels[i] == 0) {
            ++i;
            continue;
        }
        size_t j = i + 1;
        while (j < labels.size() && ner::is_inside(labels[j])) ++j;
        out.push_back({s.tokens[i]->begin, s.tokens[j - 1]->end, static_cast<NameType>(ner::label_type(labels[i]))});
        i = j;
    }
}

}  // namespace

std::vector<NameSpan> NameTagger::find_names(std::string_view text) const {
    std::vector<NameSpan> names;
    const std::vector<ner::TextToken> tokens = ner::conll_tokens(text);
    Sentence s;
    auto flush = [&] {
        if (!s.words.empty()) tag_sentence(s, *model_, names);
        s.words.clear();
        s.never_name.clear();
        s.tokens.clear();
    };
    for (const auto& t : tokens) {
        if (t.sentence_start) flush();
        s.words.emplace_back(text.substr(t.begin, t.end - t.begin));
        s.never_name.push_back(t.never_name);
        s.tokens.push_back(&t);
    }
    flush();
    return names;
}

}  // namespace news
