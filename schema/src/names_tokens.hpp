// Plain news text cut into tokens as CoNLL-2003's are (internal to the name
// tagger): punctuation split off, "U.S." and "Mr." kept whole, "'s" and
// "n't" split off, hyphenated words whole.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace news::ner {

struct TextToken {
    std::size_t begin, end;       // bytes of the text
    bool never_name = false;      // @handle, #hashtag, URL, e-mail, CJK or Hangul
    bool sentence_start = false;  // the first token of a sentence
};

std::vector<TextToken> conll_tokens(std::string_view text);

}  // namespace news::ner
