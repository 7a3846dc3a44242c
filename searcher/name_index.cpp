#include "name_index.hpp"

#include "news/name_aliases.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>

#include <unistd.h>

namespace news::searcher {

namespace {

// The rules' version, in the cache files' names: one more when they change.
constexpr const char* kMergeRules = "6";

std::vector<const std::string*> table_keys(const NameAlias& a) {
    std::vector<const std::string*> out{&a.key};
    for (const std::string& alias : a.aliases) out.push_back(&alias);
    return out;
}

}  // namespace

std::string qualified(FieldId kind, std::string_view key) { return name_kind_letter(kind) + std::string(key); }

FieldId kind_of(const std::string& name) {
    for (FieldId kind : kNameFields)
        if (!name.empty() && name.front() == name_kind_letter(kind)) return kind;
    return FieldId::Person;
}

namespace {

using KindDocs = std::map<std::string, std::map<FieldId, Xapian::doccount>>;  // key → kind → documents

// The kind with more than any other; none on a tie.
std::optional<FieldId> clear_most(const std::map<FieldId, Xapian::doccount>& votes) {
    const auto best = std::max_element(votes.begin(), votes.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    if (std::count_if(votes.begin(), votes.end(), [&](const auto& k) { return k.second == best->second; }) != 1)
        return std::nullopt;
    return best->first;
}

// The kind each name of several kinds counts under: the alias table's,
// else the kind of most documents, if one has more than any other (a
// document gives a name one kind: indexer/names.cpp).  A surname's vote as a
// person counts the documents of the full name that owns it too:
// "Sprinkel", a place in 3 Reuters documents and a person in 1, is Beryl
// Sprinkel's, if that makes more than all the other kinds' documents
// ("Phillips", the oil company, a place in 9 and an organisation in 7, is
// not Susan Phillips of 8).  (Not a company's: "Boston Corp" says nothing
// of Boston.)
std::map<std::string, FieldId> homes(const std::vector<std::pair<FieldId, std::vector<NameFreq>>>& names,
                                     const KindDocs& kinds, const std::set<std::string>& fixed) {
    std::map<std::string, FieldId> home;
    for (const NameAlias& a : name_aliases())  // (the table's kind: it says what the name is)
        for (const std::string* key : table_keys(a))
            if (kinds.count(*key) && !fixed.count(*key)) home.emplace(*key, a.kind);
    NameMerges people;
    for (const auto& [kind, list] : names)
        if (kind == FieldId::Person) people = NameMerges(kind, list, fixed);
    for (const auto& [key, by_kind] : kinds) {
        if (by_kind.size() < 2 || fixed.count(key) || home.count(key)) continue;
        std::map<FieldId, Xapian::doccount> votes = by_kind;
        Xapian::doccount others = 0;  // (the documents of the other kinds)
        for (const auto& [kind, n] : by_kind) others += kind == FieldId::Person ? 0 : n;
        if (auto p = votes.find(FieldId::Person); p != votes.end())
            if (const std::string t = people.target(key); t != key)
                if (auto it = kinds.find(t); it != kinds.end() && it->second.count(FieldId::Person) &&
                                             p->second + it->second.at(FieldId::Person) > others)
                    p->second += it->second.at(FieldId::Person);
        if (auto winner = clear_most(votes)) home[key] = *winner;
    }
    return home;
}

}  // namespace

NameMerges index_merges(const std::vector<std::pair<FieldId, std::vector<NameFreq>>>& names,
                        const std::set<std::string>& fixed) {
    KindDocs kinds;
    for (const auto& [kind, list] : names)
        for (const NameFreq& n : list) kinds[n.key][kind] = n.docs;
    const std::map<std::string, FieldId> home = homes(names, kinds, fixed);
    std::map<FieldId, std::vector<NameFreq>> own;  // each kind's names, a name in its home kind only
    for (const auto& [kind, list] : names)
        for (const NameFreq& n : list)
            if (home.find(n.key) == home.end()) own[kind].push_back(n);
    for (const auto& [key, kind] : home) {  // (also where the table's kind is none the tagger gave)
        NameFreq all{key, 0};
        for (const auto& [k, docs] : kinds.at(key)) all.docs += docs;
        own[kind].push_back(all);
    }
    std::map<FieldId, NameMerges> per_kind;
    for (const auto& [kind, list] : names) per_kind[kind] = NameMerges(kind, own[kind], fixed);
    std::unordered_map<std::string, std::string> into;
    for (const auto& [key, by_kind] : kinds)
        for (const auto& [kind, docs] : by_kind) {
            auto h = home.find(key);
            const FieldId to = h == home.end() ? kind : h->second;
            std::string target = qualified(to, per_kind[to].target(key));
            if (target != qualified(kind, key)) into.emplace(qualified(kind, key), std::move(target));
        }
    return NameMerges::of(std::move(into));
}

namespace {

std::vector<NameFreq> names_in(const Xapian::Database& db, FieldId kind) {
    const std::string prefix = term(kind, "");
    std::vector<NameFreq> out;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        out.push_back({(*t).substr(prefix.size()), t.get_termfreq()});
    return out;
}

// The catalogue's slugs (its entries in the index: index_catalogue.hpp).
std::set<std::string> catalogue_slugs(const Xapian::Database& db) {
    const std::string prefix(kMetaEntity);
    std::set<std::string> out;
    try {
        for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k)
            out.insert((*k).substr(prefix.size()));
    } catch (const Xapian::UnimplementedError&) {  // (a backend without metadata keys: no name is fixed)
    }
    return out;
}

// What tells this index and this revision of it from any other: its uuid
// and revision (each commit takes the next), or for a sharded index, whose
// revision Xapian does not give, its shards' uuids and its counts.
std::string identity_of(const Xapian::Database& db) {
    std::string id;
    try {
        id = db.get_uuid();
    } catch (const Xapian::UnimplementedError&) {
    }
    try {
        return id + '|' + std::to_string(db.get_revision());
    } catch (const Xapian::Error&) {
    }
    return id + '|' + std::to_string(db.get_doccount()) + '|' + std::to_string(db.get_lastdocid()) + '|' +
           std::to_string(db.get_total_length());
}

// The cache file of these merges; empty when there is no home to keep it in
// or the index has no uuid (an in-memory one).
std::filesystem::path cache_file(const std::string& id) {
    if (id.front() == '|') return {};
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path dir;
    if (xdg && *xdg == '/') dir = xdg;
    else if (home && *home) dir = std::filesystem::path(home) / ".cache";
    else return {};
    return dir / "news-search" / ("names-" + digest_of(id) + ".tsv");
}

std::optional<NameMerges> read_cache(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string head = "news-search name merges 2\n";  // (a file cut short lacks the end line)
    if (text.compare(0, head.size(), head) != 0 || text.size() < head.size() + 4 ||
        text.compare(text.size() - 4, 4, "end\n") != 0)
        return std::nullopt;
    return NameMerges::from_text(std::string_view(text).substr(head.size(), text.size() - head.size() - 4));
}

// Written whole to a file of its own, then renamed: a reader sees a whole
// file or none; a failure leaves no cache, which is no error.
void write_cache(const std::filesystem::path& file, const NameMerges& m) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const std::filesystem::path tmp = file.string() + "." + std::to_string(::getpid()) + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << "news-search name merges 2\n" << m.text() << "end\n";
        if (!out.flush()) {
            std::filesystem::remove(tmp, ec);
            return;
        }
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace

const NameMerges& name_merges(const Xapian::Database& db) {
    static std::mutex mutex;
    static std::map<std::string, NameMerges> cache;
    // (kMergeRules and the table's digest: a news-search with other rules makes other files)
    const std::string id = identity_of(db) + '|' + kMergeRules + '|' + digest_of(name_aliases_text());
    const std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(id);
    if (it != cache.end()) return it->second;
    const std::filesystem::path file = cache_file(id);
    std::optional<NameMerges> m = file.empty() ? std::nullopt : read_cache(file);
    if (!m) {
        std::vector<std::pair<FieldId, std::vector<NameFreq>>> names;
        for (FieldId kind : kNameFields) names.emplace_back(kind, names_in(db, kind));
        m = index_merges(names, catalogue_slugs(db));
        if (!file.empty()) write_cache(file, *m);
    }
    return cache.emplace(id, std::move(*m)).first->second;
}

}  // namespace news::searcher
