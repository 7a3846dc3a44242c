// Names in news text: people, organisations, places and other names (the
// CoNLL-2003 types PER, ORG, LOC, MISC), found by a statistical tagger whose
// model ships inside the library (trained by scripts/train-ner on the
// CoNLL-2003 training set; figures in bench/ner.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace news {

namespace ner {
struct Model;  // the weights and name lists (names_model.hpp)
}

enum class NameType : std::uint8_t { person, organisation, place, misc };  // CoNLL PER ORG LOC MISC

// "PER", "ORG", "LOC", "MISC".
std::string_view name_type_code(NameType type);

// A name of a text: byte offsets [begin, end) into the text given.
struct NameSpan {
    std::size_t begin;
    std::size_t end;
    NameType type;
};

// A tagger is immutable once made: one may be used by many threads at once.
class NameTagger {
public:
    // The model shipped with the project, loaded once (on first use,
    // thread-safe), never unloaded.
    static const NameTagger& shipped();

    // A tagger over a serialised model (the bytes train_ner writes);
    // throws news::Error when they are not one.
    explicit NameTagger(std::string_view model_bytes);
    ~NameTagger();
    NameTagger(const NameTagger&) = delete;
    NameTagger& operator=(const NameTagger&) = delete;

    // Tokens as given (CoNLL): one BIO2 label per token ("O", "B-PER",
    // "I-ORG", ...).
    std::vector<std::string> tag_tokens(const std::vector<std::string>& tokens) const;

    // A sentence, line or paragraph of plain UTF-8 news text: the names in
    // it, in text order.  Tokenised as CoNLL is; @handles, #hashtags, URLs,
    // e-mail addresses and CJK or Hangul words are never names, and a
    // sentence written in capitals (a headline, a table line) is read
    // after its words are given their usual case.
    std::vector<NameSpan> find_names(std::string_view text) const;

    const ner::Model& model() const { return *model_; }

private:
    explicit NameTagger(ner::Model&& model);

    std::unique_ptr<ner::Model> model_;
};

}  // namespace news
