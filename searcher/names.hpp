// Part of the searcher's parse and match stages: the names of people,
// organisations and places (person:, organisation:, location:, their
// options and facets; doc/entities.md), catalogued or found by
// news-index's name tagger.
#pragma once

#include "facets.hpp"

#include "news/index_catalogue.hpp"
#include "news/schema.hpp"

#include <xapian.h>

#include <optional>
#include <string>

namespace news::searcher {

// The documents naming `name` as a name of this kind (FieldId::Person,
// Organisation or Location), and of the names that count as it across the
// index (name_merge.hpp: "reagan" is "ronald-reagan" and the other way
// round); a catalogue alias is its entity's canonical name; throws
// news::Error (exit code 2) when no document names it.
Xapian::Query name_filter(IndexCatalogue& catalogue, const Xapian::Database& db, FieldId kind,
                          const std::string& name);

// The documents naming a person the catalogue does not know (--artist's
// fallback), merged as name_filter() does; nullopt when none does.
std::optional<Xapian::Query> discovered_person(const Xapian::Database& db, const std::string& name);

// Adds Slot::Names' counts (name_sets: value → matching documents) to
// counts, as facets "person", "organisation", "location" whose buckets are,
// for now, each document's whole value, every kind's lines (a name counts
// under the kind most of the index gives it: resolve_name_facets() shows them).
void add_name_counts(FacetCounts& counts, const ValueCounts& name_sets);

// The name facets' buckets made what users see: the names that count as
// another across the index (name_index.hpp) counted as it, under its kind (a document once), each name in
// the form written most often in the matches (a merged name in its full
// form), only if at least two documents of the index name it (tagger noise
// stays out), the kNameFacetTop most frequent only.
inline constexpr size_t kNameFacetTop = 20;
void resolve_name_facets(FacetCounts& counts, const Xapian::Database& db);

}  // namespace news::searcher
