// Stage 2 of the searcher (parse → match → render): open the index and its
// shards (open.cpp), run the query (query_run.hpp), and gather what the
// printers need: hits with their stored fields and snippets, the exact
// total, facet counts, a spelling suggestion, and the shards that did not
// answer.
#pragma once

#include "facets.hpp"
#include "open.hpp"
#include "parse.hpp"
#include "options.hpp"
#include "snippet.hpp"

#include "news/entities.hpp"
#include "news/stored.hpp"

#include <optional>
#include <string>
#include <vector>

namespace news::searcher {

// A document not shown because it is a copy of a hit's (collapse.hpp).
struct Copy {
    std::string id;
    std::string location;
};

struct Hit {
    size_t rank = 0;  // 1-based, counting the offset (and no copies)
    double score = 0;
    StoredDoc doc;
    std::vector<SnippetPart> snippet;
    std::vector<Copy> copies;  // ranked below it, in rank order (not with --duplicates)
    bool complete = true;      // it holds every word of the query (ParsedQuery::tiered)
};

struct Results {
    std::string query;            // as typed
    Sort sort = Sort::Relevance;  // the order used
    Xapian::doccount total = 0;   // the number of matching documents (complete matches)...
    bool total_exact = true;      // ...exact, or Xapian's estimate (--quick)
    Xapian::doccount some_words = 0;  // documents holding only some of the words: ranked after the
                                      // complete matches in relevance order; with a date order, counted
                                      // only when no document holds them all (else 0)...
    bool some_words_exact = true;     // ...exact, or Xapian's estimate (--quick)
    size_t offset = 0;
    std::vector<Hit> hits;
    std::optional<FacetCounts> facets;     // with --facets: the buckets of the facets shown...
    FacetNames facets_shown;               // ...which are these, in this order...
    bool facets_named = false;             // ...named by --facet
    std::optional<size_t> facet_limit;     // --facet-limit
    std::optional<std::string> suggestion;  // "did you mean"
    size_t parts = 1;                       // the parts of the index (databases and shards)
    std::vector<ShardDown> shards_down;     // those that did not answer: the results are partial
    std::vector<std::string> notes;         // how the query was read (ParsedQuery::notes)
    std::optional<Xapian::doccount> undated_left_out;  // with --from/--to: undated matches the filter left out
};

// Throws news::Error: exit code 1 for a missing or broken index (or a shard
// down with --strict), 2 for a bad query or stub file.
Results search(const Options& options);
// The same on an index already open: a caller running many queries (--batch)
// opens it once with open_index().  When a remote shard fails mid-query,
// without --strict the index is opened again in place, without the parts
// that fail, and the query is run once more.
Results search(const Options& options, Index& index);

// The words to highlight for a query's free-text part (the catalogue is
// asked for only when the query names an entity).
Highlight highlight_for(const Xapian::Query& words, const std::string& normalised, IndexCatalogue& catalogue);
Highlight highlight_for(const Xapian::Query& words, const std::string& normalised, const Catalogue& catalogue);

}  // namespace news::searcher
