// Part of the searcher's match stage: facet counts over the whole match set.
// A Xapian MatchSpy that reads the schema's value slots (date → year and
// month, type, entities) of every matching document.  It serialises its
// counts, so spies of remote shards merge (Xapian's remote protocol).
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace news::searcher {

// facet ("artist", "year", "month", "type") → bucket → count
using FacetCounts = std::map<std::string, std::map<std::string, Xapian::doccount>>;

inline constexpr const char* kUndated = "undated";

class FacetSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override { return new FacetSpy; }
    std::string name() const override { return "news::FacetSpy"; }
    std::string serialise() const override { return {}; }
    Xapian::MatchSpy* unserialise(const std::string&, const Xapian::Registry&) const override { return new FacetSpy; }
    std::string serialise_results() const override;
    void merge_results(const std::string& serialised) override;
    std::string get_description() const override { return "news::FacetSpy"; }

    const FacetCounts& counts() const { return counts_; }

private:
    FacetCounts counts_;
};

}  // namespace news::searcher
