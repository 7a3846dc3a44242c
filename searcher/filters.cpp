#include "filters.hpp"

#include "names.hpp"

#include "news/dates.hpp"
#include "news/entities.hpp"
#include "news/error.hpp"
#include "news/schema.hpp"

#include <optional>
#include <variant>
#include <vector>

namespace news::searcher {

Xapian::Query entity_filter(IndexCatalogue& catalogue, const Xapian::Database& db, const std::string& name,
                            std::vector<std::string>* notes) {
    if (std::optional<std::string> slug = catalogue.slug_of(name)) return Xapian::Query(term(FieldId::Entity, *slug));
    // Not in the catalogue: a JSON Lines people/orgs code ("james-baker").
    std::string t = term(FieldId::Entity, entity_slug(name));
    if (db.get_termfreq(t) > 0) return Xapian::Query(t);
    if (std::optional<Xapian::Query> person = discovered_person(db, name)) {
        if (notes)
            notes->push_back("artist \"" + name + "\" is not in the entity catalogue: searched as the person of "
                             "that name found in the text (as --person does)");
        return *person;
    }
    throw usage_error("artist \"" + name +
                      "\" is neither in the entity catalogue nor in the index; "
                      "try another spelling, or news-search --facets to see the artists and people");
}

namespace {

DateBound parse_bound(const std::string& what, const std::string& text) {
    auto r = parse_date_bound(text);
    if (auto* e = std::get_if<DateError>(&r)) throw usage_error(what + ": " + e->message);
    return std::get<DateBound>(r);
}

// More terms than this (a range of centuries) stay a value range.
constexpr size_t kMaxDateTerms = 400;

// The closed range [lo, hi] as the union of the year, month and day terms
// that cover it exactly (whole years, then whole months, then days): every
// dated document holds all three (indexer/analyse.cpp), so it matches the
// same documents as the value range, through posting lists that Xapian
// skips along instead of reading every candidate's date (month-range
// queries on Reuters: about a third faster).
std::optional<Xapian::Query> date_terms(const Date& lo, const Date& hi) {
    const std::string last = hi.key();
    auto beyond = [&](const Date& d) { return d.key() > last; };
    std::vector<Xapian::Query> terms;
    for (Date d = lo; !beyond(d);) {
        if (terms.size() >= kMaxDateTerms) return std::nullopt;
        Date next = d;
        if (d.month == 1 && d.day == 1 && !beyond(Date{d.year, 12, 31})) {
            terms.emplace_back(term(FieldId::Year, std::to_string(d.year)));
            next = Date{d.year + 1, 1, 1};
        } else if (d.day == 1 && !beyond(Date{d.year, d.month, days_in_month(d.year, d.month)})) {
            terms.emplace_back(term(FieldId::Month, d.month_key()));
            next = d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
        } else {
            terms.emplace_back(term(FieldId::Day, d.key()));
            if (d.day < days_in_month(d.year, d.month)) next.day = d.day + 1;
            else next = d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
        }
        if (next.year > 9999) break;
        d = next;
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what) {
    std::optional<Date> lo, hi;
    if (!from.empty()) lo = parse_bound(what.empty() ? "--from" : what, from).first;
    if (!to.empty()) hi = parse_bound(what.empty() ? "--to" : what, to).last;
    if (lo && hi && hi->key() < lo->key())
        throw usage_error("the date range \"" + from + "\" .. \"" + to + "\" is empty: the start is after the end");
    if (!lo && !hi) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot(Slot::Date), "0");
    if (!lo) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot(Slot::Date), hi->key());
    if (!hi) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot(Slot::Date), lo->key());
    if (auto terms = date_terms(*lo, *hi)) return *terms;
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot(Slot::Date), lo->key(), hi->key());
}

}  // namespace news::searcher
