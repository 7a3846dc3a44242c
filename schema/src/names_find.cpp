// Names in plain text (NameTagger::find_names): tokens cut as CoNLL's are,
// tagged a sentence at a time, labels read back as byte spans.  The text's
// sentences are one document: the names of each inform the later ones
// (ner::History), so a caller does best to give a whole article at once.
#include "news/names.hpp"

#include "names_decode.hpp"
#include "names_tokens.hpp"

namespace news {
namespace {

// A word of a headline in the case running text gives it: "REJECTS" →
// "rejects", "GERMAN" → "German"; words the unlabelled news never wrote
// otherwise ("EU", "BBC") stay in capitals.
std::string usual_case(std::string_view word, const ner::Lexicon& lexicon) {
    std::string lower = ner::ascii_lower(word);
    const std::uint8_t* c = lexicon.cases.find(ner::hash_bytes(lower));
    if (!c) return std::string(word);
    if (*c == ner::kCaseLower) return lower;
    if (*c == ner::kCaseTitle || *c == ner::kCaseMixed) {
        lower[0] = word[0];
        return lower;
    }
    return std::string(word);
}

struct Sentence {
    std::vector<std::string_view> words;
    std::vector<bool> never_name;
    std::vector<const ner::TextToken*> tokens;
    // Scratch space, reused from sentence to sentence of a text.
    ner::SentenceInfo info;
    std::vector<int> labels;
    std::vector<std::int32_t> scratch;
    ner::History history;  // the text's sentences so far
};

void tag_sentence(Sentence& s, const ner::Model& model, std::vector<NameSpan>& out) {
    ner::SentenceInfo& info = s.info;
    if (!ner::is_headline(s.words)) {
        ner::read_sentence(s.words, model.lexicon, info, s.never_name);
    } else {
        if (model.lexicon.cases.empty()) return;  // no way to read it: no names rather than junk
        std::vector<std::string> recased;
        for (auto w : s.words) recased.push_back(ner::all_capitals(w) ? usual_case(w, model.lexicon) : std::string(w));
        ner::read_sentence(std::vector<std::string_view>(recased.begin(), recased.end()), model.lexicon, info, s.never_name);
    }
    std::vector<int>& labels = s.labels;
    ner::decode(model, info, s.history, labels, s.scratch);
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
        s.words.push_back(text.substr(t.begin, t.end - t.begin));
        s.never_name.push_back(t.never_name);
        s.tokens.push_back(&t);
    }
    flush();
    return names;
}

}  // namespace news
