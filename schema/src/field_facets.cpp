#include "news/field_facets.hpp"

#include <algorithm>

namespace news {

bool is_field_facet(FieldId id) {
    return std::find(std::begin(kFieldFacets), std::end(kFieldFacets), id) != std::end(kFieldFacets);
}

void FieldFacetValues::add(Xapian::Document& doc, FieldId id, std::string_view value) {
    if (value.empty()) return;
    std::string t = term(id, value);
    doc.add_boolean_term(t);
    if (!is_field_facet(id) || !terms_.insert(std::move(t)).second) return;
    std::string line(value);
    std::replace(line.begin(), line.end(), '\n', ' ');  // (one line a value)
    lines_ += std::string(field(id).name) + ':' + line + '\n';
}

void FieldFacetValues::write(Xapian::Document& doc) const {
    if (!lines_.empty()) doc.add_value(slot(Slot::FieldFacets), lines_);
}

std::vector<FieldFacetValue> field_facet_values(std::string_view slot_value) {
    std::vector<FieldFacetValue> out;
    while (!slot_value.empty()) {
        const size_t nl = std::min(slot_value.find('\n'), slot_value.size());
        const std::string_view line = slot_value.substr(0, nl);
        slot_value.remove_prefix(std::min(nl + 1, slot_value.size()));
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        for (FieldId id : kFieldFacets)
            if (field(id).name == line.substr(0, colon)) out.push_back({id, line.substr(colon + 1), line});
    }
    return out;
}

}  // namespace news
