// CoNLL-2003 files for the name tagger's tools: one "TOKEN TAG ..." a line,
// a blank line between sentences; and the shared task's scoring (an entity
// counts when its span and type both match), as ../shared/ner/conlleval.py.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace news::ner {

struct LabelledSentence {
    std::vector<std::string> tokens;
    std::vector<std::string> tags;  // as read (the second column)
};

// Throws news::Error naming path:line on a line without two columns.
std::vector<LabelledSentence> read_conll(const std::string& path);

// The sentences of each document of a CoNLL-2003 file that has no
// -DOCSTART- lines (as ../shared/ner's): [first, end) ranges, a document
// starting at the sentence before each dateline ("LONDON 1996-08-30": a
// short sentence ending with a date), its headline.
std::vector<std::pair<size_t, size_t>> documents(const std::vector<LabelledSentence>& sentences);

struct Score {
    // Per type (PER ORG LOC MISC) and overall (index 4): gold, predicted, correct.
    std::array<long, 5> gold{}, predicted{}, correct{};
    void add(const std::vector<std::string>& gold_tags, const std::vector<std::string>& predicted_tags);
    double f1(int type = 4) const;
};

}  // namespace news::ner
