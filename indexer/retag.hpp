// Part of a run, after the walk: the documents whose entities another
// catalogue (or other recognition rules) changes, re-tagged from their
// stored records (news/stored.hpp), without the files: their XE terms, the
// artist facet's value and the record's entity list become what a fresh
// build with this catalogue gives (entity_tags.hpp).  The synonyms and the
// catalogue's copy follow at the run's end (write_catalogue_meta()).
//
// Only documents that could change are read: those holding the words of an
// alias of an entity added, removed or changed (or tagged with it, or with
// a JSON Lines code it now names), and the posts of such articles (a post
// is read with its article).  Other rules, or a catalogue the index does
// not know its documents were tagged with, re-tag every document.
// doc/entities.md, "When the catalogue changes".
#pragma once

#include "store.hpp"

#include "news/entities.hpp"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>

namespace news::indexer {

class Retag {
public:
    // What the documents of the index whose meta part this is were tagged
    // with (its kMetaRecognition and catalogue), against catalogue; fresh:
    // a fresh build or an empty index (nothing to re-tag).
    Retag(const Xapian::Database& meta, const Catalogue& catalogue, bool fresh);

    // Whether the documents were tagged with another catalogue or rules.
    bool needed() const { return needed_; }
    // Re-tags the documents of store that change; how many did.
    size_t run(Store& store);

    // The documents that may change: all (nullopt) or those of this query
    // (on db's terms).  Public for the tests.
    std::optional<Xapian::Query> candidates(const Xapian::Database& db) const;

private:
    const Catalogue& now_;
    std::optional<Catalogue> before_;  // nullopt: not known, every document is read
    bool needed_ = false;
};

// The query of documents holding the words of this alias as the indexer
// writes them (a superset of those the matcher finds it in).
Xapian::Query alias_words_query(const std::string& alias);

}  // namespace news::indexer
