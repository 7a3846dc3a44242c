// Part of the searcher's render stage: cut the best passage of a hit's
// stored text and mark the words that made it match.  Pure: text and the
// query's words in, snippet parts out; the printers add the markup.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace news::searcher {

// What to highlight, derived from the query (see match.cpp).
struct Highlight {
    std::set<std::string> words;  // folded words (news::fold_word): "gaga", "j", "hope"
    std::set<std::string> stems;  // English stems of query words (Xapian::Stem("english")): "concert"
    std::vector<std::vector<std::string>> aliases;  // entity aliases, as folded word sequences: {"kim","taehyung"}, {"v"}
    std::vector<std::string> cjk;  // CJK query text (n-gram source), e.g. "방탄소년단", "뷔"
    std::vector<std::string> prefixes;  // wildcard queries (collab*): folded word starts, "collab"
    bool empty() const {
        return words.empty() && stems.empty() && aliases.empty() && cjk.empty() && prefixes.empty();
    }
};

struct SnippetPart {
    std::string text;  // bytes of the stored text, runs of white space made one space (or "…")
    bool hit = false;  // a matched word
};

// The passage of about `length` bytes (cut at word boundaries) holding the
// most (and most varied) matched words, with "…" parts where it was cut.
// Without any match it is the start of the text.
std::vector<SnippetPart> make_snippet(std::string_view text, const Highlight& highlight, size_t length);

}  // namespace news::searcher
