#include "facets.hpp"

#include "names.hpp"
#include "ranking.hpp"

#include "news/field_facets.hpp"
#include "news/schema.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace news::searcher {
namespace {

// The facets counted from Slot::Date, and those that are no field facet.
constexpr const char* kDateFacets[] = {"year", "month"};
constexpr const char* kSlotFacets[] = {"artist", "year", "month", "type", "platform"};

// The facets of value slots, in their order: the artist, then the names of
// each kind (person, organisation, location), then the rest.
FacetNames slot_facets() {
    FacetNames out{kSlotFacets[0]};
    for (FieldId id : kNameFields) out.emplace_back(field(id).name);
    out.insert(out.end(), std::begin(kSlotFacets) + 1, std::end(kSlotFacets));
    return out;
}

ValueCounts values_of(const Xapian::ValueCountMatchSpy* spy) {
    ValueCounts out;
    if (!spy) return out;
    for (auto it = spy->values_begin(); it != spy->values_end(); ++it) out[*it] = it.get_termfreq();
    return out;
}

bool shows(const FacetNames& shown, std::string_view name) {
    return std::find(shown.begin(), shown.end(), name) != shown.end();
}

// A spy of the slot when a facet shown reads it.
std::unique_ptr<Xapian::ValueCountMatchSpy> spy_if(bool wanted, Slot s) {
    return wanted ? std::make_unique<Xapian::ValueCountMatchSpy>(slot(s)) : nullptr;
}

// (Once for each combination of values in the match set, thousands on
// Reuters: each line's bucket is looked up by its spelling first.)
void count_field_sets(const ValueCounts& field_sets, FacetCounts& counts) {
    std::unordered_map<std::string_view, Xapian::doccount*> by_line;   // "topic:crude" → its bucket's count
    std::unordered_map<std::string, Xapian::doccount*> by_term;        // its filter term → the same
    for (const auto& [set, n] : field_sets) {
        if (n == 0) continue;
        for (const FieldFacetValue& v : field_facet_values(set)) {
            Xapian::doccount*& count = by_line[v.line];
            if (!count) {
                Xapian::doccount*& same = by_term[term(v.field, v.value)];
                if (!same) same = &counts[std::string(field(v.field).name)][std::string(v.value)];
                count = same;
            }
            *count += n;
        }
    }
}

}  // namespace

const FacetNames& facet_names() {
    static const FacetNames names = [] {
        FacetNames all = slot_facets();
        for (FieldId id : kFieldFacets) all.emplace_back(field(id).name);
        return all;
    }();
    return names;
}

FacetNames facets_shown(const std::vector<std::string>& named, const Xapian::Database& db) {
    FacetNames shown;
    if (!named.empty()) {
        for (const std::string& name : facet_names())
            if (shows(named, name)) shown.push_back(name);
        return shown;
    }
    shown = slot_facets();
    for (FieldId id : kFieldFacets) {
        const std::string prefix(field(id).prefix);  // (no prefix is another's start: XE has lower-case slugs)
        if (db.allterms_begin(prefix) != db.allterms_end(prefix)) shown.emplace_back(field(id).name);
    }
    return shown;
}

FacetCounts facet_counts(const ValueCounts& dates, const ValueCounts& types, const ValueCounts& entity_sets,
                         Xapian::doccount total, const ValueCounts& platforms, const ValueCounts& field_sets) {
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
    count_field_sets(field_sets, counts);
    return counts;
}

std::map<std::string, Xapian::doccount> top_buckets(const std::map<std::string, Xapian::doccount>& buckets,
                                                    size_t limit) {
    if (limit == 0 || buckets.size() <= limit) return buckets;
    std::vector<std::pair<std::string, Xapian::doccount>> v(buckets.begin(), buckets.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    v.resize(limit);
    return {v.begin(), v.end()};
}

FacetSpies::FacetSpies(const FacetNames& shown)
    : shown_(shown),
      date_(spy_if(shows(shown, kDateFacets[0]) || shows(shown, kDateFacets[1]), Slot::Date)),
      type_(spy_if(shows(shown, "type"), Slot::Type)),
      entities_(spy_if(shows(shown, "artist"), Slot::Entities)),
      platform_(spy_if(shows(shown, "platform"), Slot::Platform)),
      fields_(spy_if(std::any_of(std::begin(kFieldFacets), std::end(kFieldFacets),
                                 [&](FieldId id) { return shows(shown, field(id).name); }),
                     Slot::FieldFacets)),
      names_(spy_if(std::any_of(std::begin(kNameFields), std::end(kNameFields),
                                [&](FieldId id) { return shows(shown, field(id).name); }),
                    Slot::Names)) {}

void FacetSpies::add(Xapian::Enquire& enquire) const {
    for (const auto* spy : {&date_, &type_, &entities_, &platform_, &fields_, &names_})
        if (*spy) enquire.add_matchspy(spy->get());
}

FacetCounts FacetSpies::counts() const {
    const auto total = date_ ? static_cast<Xapian::doccount>(date_->get_total()) : 0;
    FacetCounts all = facet_counts(values_of(date_.get()), values_of(type_.get()), values_of(entities_.get()), total,
                                   values_of(platform_.get()), values_of(fields_.get()));
    if (names_) add_name_counts(all, values_of(names_.get()));
    for (auto it = all.begin(); it != all.end();) it = shows(shown_, it->first) ? std::next(it) : all.erase(it);
    return all;
}

FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query, const FacetNames& shown) {
    FacetSpies spies(shown);  // declared first: it outlives the Enquire that holds it
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());  // (not BoolWeight: see CountWeight in count.cpp)
    spies.add(enquire);
    (void)enquire.get_mset(0, 0, db.get_doccount());
    return spies.counts();
}

}  // namespace news::searcher
