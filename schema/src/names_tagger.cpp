// The name tagger over tokens: see news/names.hpp.
#include "news/names.hpp"

#include "names_decode.hpp"

namespace news {

std::string_view name_type_code(NameType type) {
    switch (type) {
    case NameType::person: return "PER";
    case NameType::organisation: return "ORG";
    case NameType::place: return "LOC";
    case NameType::misc: return "MISC";
    }
    return "MISC";
}

const NameTagger& NameTagger::shipped() {
    static const NameTagger tagger(ner::view_image(ner::shipped_image()));  // C++11: once, thread-safe
    return tagger;
}

NameTagger::NameTagger(std::string_view model_bytes) : NameTagger(ner::deserialise(model_bytes)) {}

NameTagger::NameTagger(ner::Model&& model) : model_(std::make_unique<ner::Model>(std::move(model))) {}

NameTagger::~NameTagger() = default;

std::vector<std::string> NameTagger::tag_tokens(const std::vector<std::string>& tokens) const {
    ner::SentenceInfo sentence;
    ner::read_sentence(tokens, model_->lexicon, sentence);
    ner::History history;  // a sentence alone
    std::vector<int> labels;
    std::vector<std::int32_t> scratch;
    ner::decode(*model_, sentence, history, labels, scratch);
    std::vector<std::string> out;
    out.reserve(labels.size());
    for (int l : labels) out.emplace_back(ner::bio_name(l));
    return out;
}

}  // namespace news
