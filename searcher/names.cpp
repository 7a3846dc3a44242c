#include "names.hpp"

#include "name_index.hpp"

#include "news/error.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

namespace news::searcher {
namespace {

std::string facet_of(FieldId kind) { return std::string(field(kind).name); }

// The documents of a name and of every name that counts as it across the
// index (name_index.hpp): "reagan" and "ronald-reagan" find the same ones,
// and so do a name's documents of other kinds; nullopt when none does.
std::optional<Xapian::Query> merged(const Xapian::Database& db, FieldId kind, const std::string& key) {
    const NameMerges& m = name_merges(db);
    std::vector<Xapian::Query> parts;
    for (const std::string& name : m.members(m.target(qualified(kind, key)))) {
        const std::string t = term(kind_of(name), key_of(name));
        if (db.get_termfreq(t) > 0) parts.emplace_back(t);
    }
    if (parts.empty()) return std::nullopt;
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

Xapian::Query name_filter(IndexCatalogue& catalogue, const Xapian::Database& db, FieldId kind,
                          const std::string& name) {
    const std::optional<std::string> slug = catalogue.slug_of(name);
    std::optional<Xapian::Query> q = merged(db, kind, slug ? *slug : name_key(name));
    if (!q && slug) q = merged(db, kind, name_key(name));  // an alias also found as a name
    if (!q)
        throw usage_error(facet_of(kind) + " \"" + name + "\" is named in no document of the index; try another "
                          "spelling (the full name), or news-search --facets to see the names");
    return *q;
}

std::optional<Xapian::Query> discovered_person(const Xapian::Database& db, const std::string& name) {
    if (db.get_termfreq(term(FieldId::Person, name_key(name))) == 0) return std::nullopt;
    return merged(db, FieldId::Person, name_key(name));
}

void add_name_counts(FacetCounts& counts, const ValueCounts& name_sets) {
    for (const auto& [set, n] : name_sets)
        if (n > 0 && !set.empty())
            for (FieldId kind : kNameFields) counts[facet_of(kind)][set] += n;
}

namespace {

struct NameCount {
    Xapian::doccount total = 0;
    std::map<std::string, Xapian::doccount> forms;  // of the name's own key, not of those merged into it
};

// The form a document of the index writes the name in (for a name whose
// matching documents all write another that counts as it): the first
// document's, from its Slot::Names.
// (Any kind's: the alias table may give a name a kind no document gave it.)
std::string form_in_index(const Xapian::Database& db, const std::string& key) {
    for (FieldId kind : kNameFields) {
        const std::string t = term(kind, key);
        auto p = db.postlist_begin(t);
        if (p == db.postlist_end(t)) continue;
        const std::string set = db.get_document(*p).get_value(slot(Slot::Names));
        const std::string line = name_kind_letter(kind) + key + '\t';
        for (size_t at = set.find(line); at != std::string::npos; at = set.find(line, at + 1))
            if (at == 0 || set[at - 1] == '\n')
                return set.substr(at + line.size(), set.find('\n', at) - at - line.size());
    }
    return key;
}

// The documents naming `key`, of whatever kind (a document gives a name one
// kind: indexer/names.cpp).
Xapian::doccount documents_naming(const Xapian::Database& db, const std::string& key) {
    Xapian::doccount n = 0;
    for (FieldId kind : kNameFields) n += db.get_termfreq(term(kind, key));
    return n;
}

// The names of one facet: each bucket (a combination of names: the
// "LKEY\tFORM\n" lines of Slot::Names, its documents' count) counted once
// for every name of this kind its names count as.
std::unordered_map<std::string, NameCount> count_merged(const std::map<std::string, Xapian::doccount>& raw,
                                                        FieldId kind, const NameMerges& m) {
    std::unordered_map<std::string, NameCount> by_key;
    std::vector<std::string> seen;
    for (const auto& [bucket, n] : raw) {
        seen.clear();
        size_t start = 0;
        for (size_t nl; (nl = bucket.find('\n', start)) != std::string::npos; start = nl + 1) {
            const size_t tab = bucket.find('\t', start);
            if (tab == std::string::npos || tab > nl) continue;
            const std::string name = bucket.substr(start, tab - start);
            std::string target = m.target(name);
            if (target.empty() || target.front() != name_kind_letter(kind)) continue;
            if (key_of(target) == key_of(name))  // (its own form, whatever kind this document gave it)
                by_key[key_of(name)].forms[bucket.substr(tab + 1, nl - tab - 1)] += n;
            if (std::find(seen.begin(), seen.end(), target) != seen.end()) continue;  // (a document counts once)
            by_key[key_of(target)].total += n;
            seen.push_back(std::move(target));
        }
    }
    return by_key;
}

// One facet's buckets → its shown buckets.
std::map<std::string, Xapian::doccount> resolve(const std::map<std::string, Xapian::doccount>& raw, FieldId kind,
                                                const Xapian::Database& db) {
    const std::unordered_map<std::string, NameCount> by_key = count_merged(raw, kind, name_merges(db));
    std::vector<std::pair<std::string, const NameCount*>> order;
    for (const auto& [key, c] : by_key) order.emplace_back(key, &c);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.second->total != b.second->total ? a.second->total > b.second->total : a.first < b.first;
    });
    std::map<std::string, Xapian::doccount> shown;
    for (const auto& [key, c] : order) {
        if (shown.size() >= kNameFacetTop) break;
        if (documents_naming(db, key) < 2) continue;  // (a name others merge into has two or more)
        const auto usual = std::max_element(c->forms.begin(), c->forms.end(),
                                            [](const auto& a, const auto& b) { return a.second < b.second; });
        shown[usual == c->forms.end() ? form_in_index(db, key) : usual->first] += c->total;
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
