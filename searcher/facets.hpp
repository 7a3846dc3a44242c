// Part of the searcher's match stage: facet counts over the whole match set.
// Xapian's own ValueCountMatchSpy counts the distinct values of four of the
// schema's slots (date, type, entities, platform); it is built into xapian-tcpsrv and
// its counts merge over remote shards, so a sharded index counts exactly as
// one database.  facet_counts() turns those counts into the facets: dates
// into years and months, entity combinations into artists.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>

namespace news::searcher {

// facet ("artist", "year", "month", "type", "platform") → bucket → count
using FacetCounts = std::map<std::string, std::map<std::string, Xapian::doccount>>;

// value → number of matching documents holding it (one slot's spy)
using ValueCounts = std::map<std::string, Xapian::doccount>;

inline constexpr const char* kUndated = "undated";

// The facets of `total` matching documents from the counts of:
//  - dates: Slot::Date values ("YYYYMMDD"); the documents without one
//    (total minus the dated) are counted "undated" in year and month;
//  - types: Slot::Type values ("article", "post");
//  - entity_sets: Slot::Entities values, each a combination of names, every
//    one followed by '\n'; a document holds one combination, so each name
//    counts the documents of every combination it is in;
//  - platforms: Slot::Platform values (posts only: articles have none).
// A bucket appears only with a count above zero.
FacetCounts facet_counts(const ValueCounts& dates, const ValueCounts& types, const ValueCounts& entity_sets,
                         Xapian::doccount total, const ValueCounts& platforms = {});

// The spies of a query (and Slot::Names': names.hpp) (add() them to its Enquire, which must not
// outlive them), and their facets once the match has run.
class FacetSpies {
public:
    FacetSpies();
    void add(Xapian::Enquire& enquire) const;
    FacetCounts counts() const;

private:
    // Owned here, and outlive every get_mset() of the Enquire they are added to.
    std::unique_ptr<Xapian::ValueCountMatchSpy> date_, type_, entities_, platform_, names_;
};

}  // namespace news::searcher
