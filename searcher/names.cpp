#include "names.hpp"

#include "name_merge.hpp"

#include "news/error.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

namespace news::searcher {
namespace {

std::string facet_of(FieldId kind) { return std::string(field(kind).name); }

// The documents of a name and of every name that counts as it across the
// index (name_merge.hpp): "reagan" and "ronald-reagan" find the same ones.
Xapian::Query merged(const Xapian::Database& db, FieldId kind, const std::string& t) {
    const std::string prefix = term(kind, "");
    const NameMerges& m = name_merges(db, kind);
    std::vector<Xapian::Query> parts;
    for (const std::string& key : m.members(m.target(t.substr(prefix.size())))) parts.emplace_back(prefix + key);
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
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
    return merged(db, kind, t);
}

std::optional<Xapian::Query> discovered_person(const Xapian::Database& db, const std::string& name) {
    const std::string t = term(FieldId::Person, name_key(name));
    if (db.get_termfreq(t) == 0) return std::nullopt;
    return merged(db, FieldId::Person, t);
}

void add_name_counts(FacetCounts& counts, const ValueCounts& name_sets) {
    std::string lines[std::size(kNameFields)];
    for (const auto& [set, n] : name_sets) {
        if (n == 0) continue;
        for (std::string& l : lines) l.clear();
        size_t start = 0;
        for (size_t nl; (nl = set.find('\n', start)) != std::string::npos; start = nl + 1) {
            if (nl == start) continue;
            for (size_t k = 0; k < std::size(kNameFields); ++k)
                if (name_kind_letter(kNameFields[k]) == set[start]) lines[k].append(set, start + 1, nl - start);
        }
        for (size_t k = 0; k < std::size(kNameFields); ++k)
            if (!lines[k].empty()) counts[facet_of(kNameFields[k])][lines[k]] += n;
    }
}

namespace {

struct NameCount {
    Xapian::doccount total = 0;
    std::map<std::string, Xapian::doccount> forms;  // of the name's own key, not of those merged into it
};

// The form a document of the index writes the name in (for a name whose
// matching documents all write another that counts as it): the first
// document's, from its Slot::Names.
std::string form_in_index(const Xapian::Database& db, FieldId kind, const std::string& key) {
    const std::string t = term(kind, key);
    auto p = db.postlist_begin(t);
    if (p == db.postlist_end(t)) return key;
    const std::string set = db.get_document(*p).get_value(slot(Slot::Names));
    const std::string line = name_kind_letter(kind) + key + '\t';
    for (size_t at = set.find(line); at != std::string::npos; at = set.find(line, at + 1))
        if (at == 0 || set[at - 1] == '\n') return set.substr(at + line.size(), set.find('\n', at) - at - line.size());
    return key;
}

// The names of one facet: each bucket (the "KEY\tFORM\n" lines of one
// kind of a combination of names, its documents' count) counted once for
// every name its keys count as.
std::unordered_map<std::string, NameCount> count_merged(const std::map<std::string, Xapian::doccount>& raw,
                                                        const NameMerges& m) {
    std::unordered_map<std::string, NameCount> by_key;
    std::vector<std::string> seen;
    for (const auto& [bucket, n] : raw) {
        seen.clear();
        size_t start = 0;
        for (size_t nl; (nl = bucket.find('\n', start)) != std::string::npos; start = nl + 1) {
            const size_t tab = bucket.find('\t', start);
            if (tab == std::string::npos || tab > nl) continue;
            const std::string key = bucket.substr(start, tab - start);
            std::string target = m.target(key);
            if (target == key) by_key[key].forms[bucket.substr(tab + 1, nl - tab - 1)] += n;
            if (std::find(seen.begin(), seen.end(), target) != seen.end()) continue;  // (a document counts once)
            by_key[target].total += n;
            seen.push_back(std::move(target));
        }
    }
    return by_key;
}

// One facet's buckets → its shown buckets.
std::map<std::string, Xapian::doccount> resolve(const std::map<std::string, Xapian::doccount>& raw, FieldId kind,
                                                const Xapian::Database& db) {
    const std::unordered_map<std::string, NameCount> by_key = count_merged(raw, name_merges(db, kind));
    std::vector<std::pair<std::string, const NameCount*>> order;
    for (const auto& [key, c] : by_key) order.emplace_back(key, &c);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.second->total != b.second->total ? a.second->total > b.second->total : a.first < b.first;
    });
    std::map<std::string, Xapian::doccount> shown;
    for (const auto& [key, c] : order) {
        if (shown.size() >= kNameFacetTop) break;
        if (db.get_termfreq(term(kind, key)) < 2) continue;  // (a name others merge into has two or more)
        const auto usual = std::max_element(c->forms.begin(), c->forms.end(),
                                            [](const auto& a, const auto& b) { return a.second < b.second; });
        shown[usual == c->forms.end() ? form_in_index(db, kind, key) : usual->first] += c->total;
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
