#include "facets.hpp"

#include "names.hpp"
#include "news/schema.hpp"

namespace news::searcher {
namespace {

ValueCounts values_of(const Xapian::ValueCountMatchSpy& spy) {
    ValueCounts out;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) out[*it] = it.get_termfreq();
    return out;
}

}  // namespace

FacetCounts facet_counts(const ValueCounts& dates, const ValueCounts& types, const ValueCounts& entity_sets,
                         Xapian::doccount total, const ValueCounts& platforms) {
    FacetCounts counts;
    Xapian::doccount dated = 0;
    for (const auto& [date, n] : dates) {
        if (date.size() != 8 || n == 0) continue;  // not a date: counted undated below
        counts["year"][date.substr(0, 4)] += n;
        counts["month"][date.substr(0, 4) + "-" + date.substr(4, 2)] += n;
        dated += n;
    }
    if (total > dated) {
        counts["year"][kUndated] = total - dated;
        counts["month"][kUndated] = total - dated;
    }
    for (const auto& [type, n] : types)
        if (!type.empty() && n > 0) counts["type"][type_of_value(type)] += n;
    for (const auto& [platform, n] : platforms)
        if (!platform.empty() && n > 0) counts["platform"][platform] += n;
    for (const auto& [set, n] : entity_sets) {
        if (n == 0) continue;
        size_t start = 0;
        for (size_t nl; (nl = set.find('\n', start)) != std::string::npos; start = nl + 1)
            counts["artist"][set.substr(start, nl - start)] += n;
    }
    return counts;
}

FacetSpies::FacetSpies()
    : date_(std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::Date))),
      type_(std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::Type))),
      entities_(std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::Entities))),
      platform_(std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::Platform))),
      names_(std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::Names))) {}

void FacetSpies::add(Xapian::Enquire& enquire) const {
    enquire.add_matchspy(date_.get());
    enquire.add_matchspy(type_.get());
    enquire.add_matchspy(entities_.get());
    enquire.add_matchspy(platform_.get());
    enquire.add_matchspy(names_.get());
}

FacetCounts FacetSpies::counts() const {
    FacetCounts counts = facet_counts(values_of(*date_), values_of(*type_), values_of(*entities_),
                                      static_cast<Xapian::doccount>(date_->get_total()), values_of(*platform_));
    add_name_counts(counts, values_of(*names_));
    return counts;
}

}  // namespace news::searcher
