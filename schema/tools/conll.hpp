// CoNLL-2003 files for the name tagger's tools: one "TOKEN TAG ..." a line,
// a blank line between sentences; and the shared task's scoring (an entity
// counts when its span and type both match), as ../shared/ner/conlleval.py.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace news::ner {

struct LabelledSentence {
    std::vector<std::string> tokens;
    std::vector<std::string> tags;  // as read (the second column)
};

// Throws news::Error naming path:line on a line without two columns.
std::vector<LabelledSentence> read_conll(const std::string& path);

struct Score {
    // Per type (PER ORG LOC MISC) and overall (index 4): gold, predicted, correct.
    std::array<long, 5> gold{}, predicted{}, correct{};
    void add(const std::vector<std::string>& gold_tags, const std::vector<std::string>& predicted_tags);
    double f1(int type = 4) const;
};

}  // namespace news::ner
