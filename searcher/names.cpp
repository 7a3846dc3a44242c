#include "names.hpp"

#include "news/error.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace news::searcher {
namespace {

std::string facet_of(FieldId kind) { return std::string(field(kind).name); }

// A person's full name also finds the documents that name only their
// surname ("Mr Blair" with no "Tony Blair" to resolve it to, at index
// time): news names a well-known person so once introduced.
Xapian::Query with_surname(const Xapian::Database& db, FieldId kind, const std::string& full) {
    const std::string prefix = term(kind, "");
    const size_t dash = full.rfind('-');
    if (kind != FieldId::Person || dash == std::string::npos || dash < prefix.size()) return Xapian::Query(full);
    const std::string surname = prefix + full.substr(dash + 1);
    if (db.get_termfreq(surname) == 0) return Xapian::Query(full);
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(full), Xapian::Query(surname));
}

}  // namespace

Xapian::Query name_filter(IndexCatalogue& catalogue, const Xapian::Database& db, FieldId kind,
                          const std::string& name) {
    const std::optional<std::string> slug = catalogue.slug_of(name);
    std::string t = term(kind, slug ? *slug : name_key(name));
    if (db.get_termfreq(t) == 0 && slug) t = term(kind, name_key(name));  // an alias also found as a name
    if (db.get_termfreq(t) == 0)
        throw usage_error(facet_of(kind) + " \"" + name + "\" is named in no document of the index; try another "
                          "spelling (the full name), or news-search --facets to see the names");
    return with_surname(db, kind, t);
}

std::optional<Xapian::Query> discovered_person(const Xapian::Database& db, const std::string& name) {
    const std::string t = term(FieldId::Person, name_key(name));
    if (db.get_termfreq(t) == 0) return std::nullopt;
    return with_surname(db, FieldId::Person, t);
}

void add_name_counts(FacetCounts& counts, const ValueCounts& name_sets) {
    for (const auto& [set, n] : name_sets) {
        if (n == 0) continue;
        size_t start = 0;
        for (size_t nl; (nl = set.find('\n', start)) != std::string::npos; start = nl + 1) {
            if (nl == start) continue;
            const char letter = set[start];
            for (FieldId kind : kNameFields)
                if (name_kind_letter(kind) == letter) counts[facet_of(kind)][set.substr(start + 1, nl - start - 1)] += n;
        }
    }
}

namespace {

struct NameCount {
    Xapian::doccount total = 0;
    std::map<std::string, Xapian::doccount> forms;
};

// One facet's "KEY\tFORM" buckets → its shown buckets.
std::map<std::string, Xapian::doccount> resolve(const std::map<std::string, Xapian::doccount>& raw, FieldId kind,
                                                const Xapian::Database& db) {
    std::map<std::string, NameCount> by_key;
    for (const auto& [bucket, n] : raw) {
        const size_t tab = bucket.find('\t');
        NameCount& c = by_key[bucket.substr(0, tab)];
        c.total += n;
        if (tab != std::string::npos) c.forms[bucket.substr(tab + 1)] += n;
    }
    std::vector<std::pair<std::string, const NameCount*>> order;
    for (const auto& [key, c] : by_key) order.emplace_back(key, &c);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.second->total > b.second->total; });
    std::map<std::string, Xapian::doccount> shown;
    for (const auto& [key, c] : order) {
        if (shown.size() >= kNameFacetTop) break;
        if (c->forms.empty() || db.get_termfreq(term(kind, key)) < 2) continue;
        const auto usual = std::max_element(c->forms.begin(), c->forms.end(),
                                            [](const auto& a, const auto& b) { return a.second < b.second; });
        shown[usual->first] += c->total;
    }
    return shown;
}

}  // namespace

void resolve_name_facets(FacetCounts& counts, const Xapian::Database& db) {
    for (FieldId kind : kNameFields) {
        auto it = counts.find(facet_of(kind));
        if (it != counts.end()) it->second = resolve(it->second, kind, db);
    }
}

}  // namespace news::searcher
