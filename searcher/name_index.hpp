// Part of the searcher's parse and match stages: the names of an index, all
// kinds together, and which count as which (doc/entities.md, "One name
// across the index").  A name the tagger gives several kinds in different
// documents ("Sony" a person in some, a place in more) counts under the
// kind most of its documents give it, if one kind has more than any other;
// then each kind's merges (name_merge.hpp) run over the names it has.
// Worked out at search time from the term lists, so that adding or removing
// documents changes nothing stored: the counts stay exact on an incremental
// index.  Reading the term lists takes about 0.1 s a kind on Reuters-21578
// 16x, so the result is kept in a cache file of the user's
// ($XDG_CACHE_HOME/news-search/, else ~/.cache/news-search/) named after the
// index's identity and revision and the rules' (kMergeRules, the alias
// table's digest): a changed index is another file.
#pragma once

#include "name_merge.hpp"

#include <utility>

namespace news::searcher {

// A name as one string: its kind's letter (name_kind_letter()) and its key
// ("psony", "otories").
std::string qualified(FieldId kind, std::string_view key);
FieldId kind_of(const std::string& name);
inline std::string key_of(const std::string& name) { return name.substr(1); }

// The names of every kind (each kind's keys once, with their documents) →
// which name each counts as, as qualified names: NameMerges::target() and
// members() of them.  Keys of `fixed` (the catalogue's) keep their kind.
NameMerges index_merges(const std::vector<std::pair<FieldId, std::vector<NameFreq>>>& names,
                        const std::set<std::string>& fixed);

// The merges of this database: from the cache file when it has one for this
// revision of the index, else worked out and written there (silently left
// unwritten when it cannot be); once a process.
const NameMerges& name_merges(const Xapian::Database& db);

}  // namespace news::searcher
