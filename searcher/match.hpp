// Stage 2 of the searcher (parse → match → render): open the database, run
// the query, and gather what the printers need: hits with their stored
// fields and snippets, the exact total, facet counts and a spelling
// suggestion.
#pragma once

#include "facets.hpp"
#include "options.hpp"
#include "snippet.hpp"

#include "news/entities.hpp"
#include "news/stored.hpp"

#include <optional>
#include <string>
#include <vector>

namespace news::searcher {

struct Hit {
    size_t rank = 0;  // 1-based, counting the offset
    double score = 0;
    StoredDoc doc;
    std::vector<SnippetPart> snippet;
};

struct Results {
    std::string query;            // as typed
    std::string sort;             // the order used (relevance, newest or oldest)
    Xapian::doccount total = 0;   // exact number of matching documents
    size_t offset = 0;
    std::vector<Hit> hits;
    std::optional<FacetCounts> facets;     // with --facets
    std::optional<std::string> suggestion;  // "did you mean"
};

// Throws news::Error: exit code 1 for a missing or broken index, 2 for a bad query.
Results search(const Options& options);
// The same on a database already open (options.db only names it in messages):
// a caller running many queries (--batch) opens it once with open_index().
Results search(const Options& options, const Xapian::Database& db);
Xapian::Database open_index(const std::string& path);

// The words to highlight for a query's free-text part.
Highlight highlight_for(const Xapian::Query& words, const std::string& normalised, const Catalogue& catalogue);

}  // namespace news::searcher
