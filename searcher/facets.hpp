// Part of the searcher's match stage: facet counts over the whole match set.
// Xapian's own ValueCountMatchSpy counts the distinct values of the schema's
// facet slots (date, type, entities, platform, field facets); it is built
// into xapian-tcpsrv and its counts merge over remote shards, so a sharded
// index counts exactly as one database.  facet_counts() turns those counts
// into the facets: dates into years and months, entity combinations into
// artists, field facet lines into their fields' values.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace news::searcher {

// facet ("artist", "year", "month", "type", "platform", "topic", ...) → bucket → count
using FacetCounts = std::map<std::string, std::map<std::string, Xapian::doccount>>;

// value → number of matching documents holding it (one slot's spy)
using ValueCounts = std::map<std::string, Xapian::doccount>;

// Facets by name, in the order shown.
using FacetNames = std::vector<std::string>;

inline constexpr const char* kUndated = "undated";

// Every facet, in the order shown: artist, year, month, type, platform, then
// the fields of kFieldFacets (topic, place, people, org, exchange, source).
const FacetNames& facet_names();

// The facets a search shows: those named (--facet: in facet_names()'s
// order, each once), else every facet of the index: the first five always,
// a field's only when the index holds a value of it.  (A name that is no
// facet is left out: the command line refuses it.)
FacetNames facets_shown(const std::vector<std::string>& named, const Xapian::Database& db);

// The facets of `total` matching documents from the counts of:
//  - dates: Slot::Date values ("YYYYMMDD"); the documents without one
//    (total minus the dated) are counted "undated" in year and month;
//  - types: Slot::Type values ("article", "post");
//  - entity_sets: Slot::Entities values, each a combination of names, every
//    one followed by '\n'; a document holds one combination, so each name
//    counts the documents of every combination it is in;
//  - platforms: Slot::Platform values (posts only: articles have none);
//  - field_sets: Slot::FieldFacets values, split as entity_sets are; a
//    value's bucket is named as the data first spells it, and counts every
//    spelling of its filter term (source: "Reuters" and "REUTERS").
// A bucket appears only with a count above zero.
FacetCounts facet_counts(const ValueCounts& dates, const ValueCounts& types, const ValueCounts& entity_sets,
                         Xapian::doccount total, const ValueCounts& platforms = {},
                         const ValueCounts& field_sets = {});

// The `limit` buckets with the most documents (ties: the first in order); all
// of them for a limit of 0.
std::map<std::string, Xapian::doccount> top_buckets(const std::map<std::string, Xapian::doccount>& buckets,
                                                    size_t limit);

// The spies of the facets shown (add() them to a query's Enquire, which must
// not outlive them), and their facets once the match has run.
class FacetSpies {
public:
    explicit FacetSpies(const FacetNames& shown = facet_names());
    void add(Xapian::Enquire& enquire) const;
    FacetCounts counts() const;  // those of the facets shown only

private:
    FacetNames shown_;
    // Owned here, and outlive every get_mset() of the Enquire they are added
    // to; a slot no facet shown reads has none.
    std::unique_ptr<Xapian::ValueCountMatchSpy> date_, type_, entities_, platform_, fields_, names_;
};

// The facets of a query's matches in a match of their own: no hits (the
// weights go unread), where the spies of remote shards run there and only
// there.  (Feedback is left out: it never changes what a query matches.)
FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query, const FacetNames& shown);

}  // namespace news::searcher
