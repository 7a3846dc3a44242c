// Part of the searcher's parse and match stages: one name, one entity across
// the index.  news-index resolves a short mention within its document only
// ("Blair" → "Tony Blair" where the document names Tony Blair); here, from
// the index's terms of each kind and how many documents hold each, the
// short forms that a more frequent full name clearly owns count as it, in
// the filters and the facets (doc/entities.md, "One name across the index"):
//  - person: a one-word name that is the last word of full names, one of
//    which holds two thirds of their documents ("Reagan" → "Ronald Reagan");
//  - organisation: the same name with a plural or a company or party word
//    ("Conservatives", "Labour Party", "Texaco Inc" → the most frequent),
//    a name of clipped words ("Lib Dems" → "Liberal Democrats"), and an
//    acronym of a full name's initials ("IMF", "EU");
//  - location: acronyms ("US", "U.S." → "United States").
//  - all kinds: the forms of schema/name_aliases.tsv ("Tories" → the
//    Conservative Party).
// The names of the index's kinds are put together in name_index.hpp.
#pragma once

#include "news/schema.hpp"

#include <xapian.h>

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace news::searcher {

// A name's key (name_key()) and the number of documents of the index naming it.
struct NameFreq {
    std::string key;
    Xapian::doccount docs = 0;
};

// A name needs this many documents to take others' (the facets' own rule),
// and the winner among full names this share of their documents.
inline constexpr Xapian::doccount kMergeMinDocs = 2;
inline constexpr unsigned kMajorityNum = 2, kMajorityDen = 3;
// An acronym's full name must be named at least once for every this many
// documents naming the acronym.
inline constexpr unsigned kAcronymShare = 10;

// The names of one kind and which count as which.
class NameMerges {
public:
    NameMerges() = default;
    // The rules above over names (each key once); a key of `fixed` (the
    // catalogue's slugs: the catalogue wins) never counts as another.
    NameMerges(FieldId kind, const std::vector<NameFreq>& names, const std::set<std::string>& fixed);

    // The key `key` counts as (itself when it merges into none).
    std::string target(const std::string& key) const;
    // The keys that count as `target`, itself first.
    std::vector<std::string> members(const std::string& target) const;
    size_t merged() const { return into_.size(); }

    // Merges given whole (key → its target, none a target's key).
    static NameMerges of(std::unordered_map<std::string, std::string> into);

    // The merges as text ("KEY\tTARGET\n" each), and back (the cache file's).
    std::string text() const;
    static NameMerges from_text(std::string_view text);

private:
    void index_members();

    std::unordered_map<std::string, std::string> into_;                  // key → its target
    std::unordered_map<std::string, std::vector<std::string>> members_;  // target → the keys merged into it
};

}  // namespace news::searcher
