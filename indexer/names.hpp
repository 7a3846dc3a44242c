// Part of the indexer's analyse stage: the names of a document (people,
// organisations, places), the catalogue's and those the name tagger finds
// (news/names.hpp), as the terms of person:, organisation:, location: and
// the value their facets count (Slot::Names; doc/entities.md).
#pragma once

#include "news/entities.hpp"

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace news::indexer {

// Whether the name tagger runs: not when $NEWS_NO_NAMES is set and not
// empty (to time indexing without it, bench/ner.md); the catalogue's
// names are indexed either way.
bool names_enabled();

// Adds to doc the names of the texts (a title, paragraphs...) and of the
// catalogue's entities they mention: a term per name (boolean: names do not
// change a document's length, hence ranking) and Slot::Names.
//  - the tagger reads a paragraph at a time, hard line breaks as spaces;
//  - a paragraph in capitals (a wire's headline) gives only the names the
//    rest of the document also has, as the rest writes them; a line of a
//    table of figures ("Oper shr 17 cts vs 25 cts") gives none;
//  - a name that is a company's of the document without "Corp", "Inc"...
//    is that company ("Unocal" beside "Unocal Corp");
//  - a name the catalogue knows (any alias) stays the catalogue's entity;
//  - titles, works' titles, dates and slips of the tagger: name_clean.hpp;
//  - an acronym the document gives a name in brackets ("International
//    Monetary Fund (IMF)") is that name throughout the document;
//  - a person's short mention ("Blair", "Mr Blair") is the longer person
//    name of the document it ends ("Tony Blair");
//  - a name the tagger gives several kinds keeps its most frequent one;
//  - MISC names (nationalities, events, works) are not indexed, but for
//    those the alias table lists (news/name_aliases.hpp: "the Tories").
void add_names(Xapian::Document& doc, const Catalogue& catalogue, const std::vector<std::string_view>& texts,
               const std::vector<const Entity*>& catalogued);
// The same on a document that has names already (re-tagging: retag.cpp):
// its name terms and Slot::Names are replaced.
void replace_names(Xapian::Document& doc, const Catalogue& catalogue, const std::vector<std::string_view>& texts,
                   const std::vector<const Entity*>& catalogued);

}  // namespace news::indexer
