// --show ID...: documents printed whole, by id, from their stored records
// alone (news/stored.hpp; the corpus files are never read): an article with
// its text in paragraphs and the posts it embeds, a post with the article it
// is in.  The query of --highlight is analysed as a search's is, and its
// words are marked in the text.  Printed as text, as JSON or as NDJSON
// (doc/json.md); an id the index lacks is named on stderr (exit 1).
#pragma once

#include "options.hpp"
#include "snippet.hpp"

#include "news/stored.hpp"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace news::searcher {

struct ShownDoc {
    StoredDoc doc;                 // its location as it is now (a JSON Lines record's line)
    std::vector<StoredDoc> posts;  // an article's posts, in the order of the text (#1, #2, ...)
};

struct Shown {
    std::vector<ShownDoc> docs;        // in the order asked for
    std::vector<std::string> missing;  // the ids the index lacks
    std::string highlight;             // --highlight's query...
    Highlight marks;                   // ...and the words it marks
};

// A stored text's paragraphs: a paragraph ends at a blank line and before a
// line that starts indented (wire copy such as Reuters' marks paragraphs so);
// its lines are trimmed and joined by a space.  Pure.
std::vector<std::string> paragraphs(std::string_view text);

// The printers of shown documents (show_print.cpp): text (colour: matched
// words), one JSON object, or a document a line (NDJSON).
void print_shown_text(const Shown& shown, std::FILE* out, bool colour);
void print_shown_json(const Shown& shown, std::FILE* out, bool one_line);

// Looks the ids up, prints the documents as options.format asks, names each
// missing id on `err`.  Returns the exit status: 1 when an id is missing.
// Throws news::Error (2: query words given with --show, a bad --highlight
// query; options.cpp refuses the formats that cannot show documents).
int run_show(const Options& options, std::FILE* out, std::FILE* err);

}  // namespace news::searcher
