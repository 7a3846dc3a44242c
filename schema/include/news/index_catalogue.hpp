// The entity catalogue as an index holds it: news-index writes it whole and
// also entity by entity and alias by alias, so that news-search reads only
// what a query asks for (parsing the whole catalogue takes longer than most
// queries).
//
// In the database that holds the catalogue (the index, or the meta part and
// every shard of a sharded one):
//   metadata kMetaCatalogue       the catalogue's text (Catalogue::text())
//   metadata kMetaEntity + KEY    each entity's line of it (Catalogue::line()),
//                                 KEY its slug
//   metadata kMetaAlias + KEY     "KEY<TAB>slug" for the entity of each alias,
//                                 KEY the alias's alias_key()
//   metadata kMetaCatalogueEntries
//                                 the digest (digest_of()) of the text the
//                                 entries were written with; an index without
//                                 it (written before the entries), or whose
//                                 text has another (changed by an older
//                                 news-index), is read whole
//   metadata kMetaRecognition     recognition_stamp() of the catalogue a fresh
//                                 build recognised its documents' entities with
//                                 (in the index or the meta part only)
//   synonyms synonym_key(alias)   → the entity's XE term, for each alias
//                                 with one (for the query parser)
// A KEY is cut to kMaxEntityKey bytes: entries whose keys share those bytes
// share the value, a line each.
#pragma once

#include "news/entities.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace news {

inline constexpr size_t kMaxEntityKey = 200;

// Stores the catalogue as above, replacing what the database held before
// (its synonyms and entries); writes nothing when it is already there.
void write_catalogue(Xapian::WritableDatabase& db, const Catalogue& catalogue);

// The kMetaRecognition value for documents recognised with this catalogue.
std::string recognition_stamp(const Catalogue& catalogue);

// Answers from an index's stored catalogue, one entry at a time, or from
// the built-in catalogue (Catalogue::builtin()) when the index stores none.
// Each answer is what Catalogue::find() would give on the whole.
class IndexCatalogue {
public:
    // origin names the index in messages about a malformed stored catalogue.
    IndexCatalogue(const Xapian::Database& db, std::string origin);
    // A catalogue at hand (tests, fuzzers): every answer comes from it.
    explicit IndexCatalogue(const Catalogue& catalogue);

    // The slug of the entity with this alias (any case, accents folded),
    // canonical name or slug; nullopt if none.
    std::optional<std::string> slug_of(std::string_view name);
    // The entity whose XE term this is; nullopt if none.
    std::optional<Entity> entity_of_term(const std::string& term);

    // The whole catalogue, read once; whether it has been (the tests check
    // that an index with entries answers without it).
    const Catalogue& whole();
    bool read_whole() const { return whole_.has_value(); }

private:
    std::optional<Entity> entity(std::string_view slug);
    bool has_entries();

    Xapian::Database db_;
    std::string origin_;
    std::optional<Catalogue> whole_;
    const Catalogue* given_ = nullptr;
    std::optional<bool> entries_;  // whether the index stores entries
};

}  // namespace news
