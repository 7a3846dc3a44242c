// How a document holds its values of the fields that are facets
// (kFieldFacets: the JSON Lines codes and publication), in Slot::FieldFacets:
// one line a value, "FIELD:VALUE\n", the value as the data spells it
// ("source:Reuters"), once per filter term, in the order added.
//
// news-index adds each value with its filter term (FieldFacetValues::add()),
// so a facet counts exactly the documents its value's filter finds.
// news-search counts the slot's distinct values with Xapian's own
// ValueCountMatchSpy, which xapian-tcpsrv runs and whose counts merge over
// shards (Xapian 1.4 has no spy of several values a slot, and a custom spy
// cannot run remotely), and splits each combination into its values
// (field_facet_values()): one read of one value a matching document.
#pragma once

#include "news/schema.hpp"

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// Whether a field is a facet of its own (listed in kFieldFacets).
bool is_field_facet(FieldId id);

// A document's values of prefixed boolean fields, as it is built.
class FieldFacetValues {
public:
    // The value's filter term on `doc` (term(id, value)) and, for a field of
    // kFieldFacets, its line once per term.  An empty value adds nothing.
    void add(Xapian::Document& doc, FieldId id, std::string_view value);
    // Slot::FieldFacets on `doc`, when it has any value.
    void write(Xapian::Document& doc) const;

private:
    std::string lines_;
    std::set<std::string> terms_;
};

struct FieldFacetValue {
    FieldId field;
    std::string_view value;  // as the data spells it: term(field, value) is its filter term
    std::string_view line;   // "FIELD:VALUE"
};

// The values of a Slot::FieldFacets value (a line naming no facet is skipped).
std::vector<FieldFacetValue> field_facet_values(std::string_view slot_value);

}  // namespace news
