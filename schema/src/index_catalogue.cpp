#include "news/index_catalogue.hpp"

#include "news/schema.hpp"

#include <map>
#include <vector>

namespace news {
namespace {

std::string entity_key(std::string_view slug) {
    return std::string(kMetaEntity) + std::string(slug.substr(0, kMaxEntityKey));
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

void write_catalogue(Xapian::WritableDatabase& db, const Catalogue& catalogue) {
    const std::string text = catalogue.text();
    const std::string count = std::to_string(catalogue.entities().size());
    // (Written only when it changes: a run with nothing to do commits nothing.)
    if (db.get_metadata(std::string(kMetaCatalogue)) == text && db.get_metadata(std::string(kMetaEntityLines)) == count)
        return;
    // A new catalogue, or one stored before its lines were: its aliases
    // replace the old synonyms, its lines the old lines.
    const std::vector<std::string> synonyms(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const auto& k : synonyms) db.clear_synonyms(k);
    const std::string prefix(kMetaEntity);
    const std::vector<std::string> lines(db.metadata_keys_begin(prefix), db.metadata_keys_end(prefix));
    for (const auto& k : lines) db.set_metadata(k, "");
    std::map<std::string, std::string> by_key;
    for (const Entity& e : catalogue.entities()) {
        by_key[entity_key(e.slug)] += Catalogue::line(e);
        const std::string target = term(FieldId::Entity, e.slug);
        for (const Alias& a : e.aliases)
            if (std::string key = synonym_key(a.text); !key.empty()) db.add_synonym(key, target);
    }
    for (const auto& [k, v] : by_key) db.set_metadata(k, v);
    db.set_metadata(std::string(kMetaCatalogue), text);
    db.set_metadata(std::string(kMetaEntityLines), count);
}

IndexCatalogue::IndexCatalogue(const Xapian::Database& db, std::string source, bool by_entity)
    : db_(db), source_(std::move(source)) {
    if (!by_entity) lines_ = false;
}

IndexCatalogue::IndexCatalogue(const Catalogue& catalogue) : given_(&catalogue) {}

const Catalogue& IndexCatalogue::whole() {
    if (given_) return *given_;
    if (!whole_) {
        const std::string text = db_.get_metadata(std::string(kMetaCatalogue));
        if (text.empty()) {
            whole_ = Catalogue::builtin();
        } else {
            Catalogue c;
            c.add(text, source_ + " (stored entity catalogue)");
            whole_ = std::move(c);
        }
    }
    return *whole_;
}

bool IndexCatalogue::has_lines() {
    if (given_ || whole_) return false;  // (answered from the whole once it is read)
    if (!lines_) lines_ = !db_.get_metadata(std::string(kMetaEntityLines)).empty();
    return *lines_;
}

std::optional<Entity> IndexCatalogue::entity(std::string_view slug) {
    const std::string lines = db_.get_metadata(entity_key(slug));
    if (lines.empty()) return std::nullopt;
    Catalogue c;
    c.add(lines, source_ + " (stored entity line)");
    for (const Entity& e : c.entities())
        if (e.slug == slug) return e;
    return std::nullopt;
}

std::optional<std::string> IndexCatalogue::slug_of(std::string_view name) {
    const std::string key = synonym_key(name);
    if (!has_lines() || key.empty()) {  // (or a name in CJK script, which has no synonym key)
        const Entity* e = whole().find(name);
        return e ? std::optional<std::string>(e->slug) : std::nullopt;
    }
    // An alias: a synonym of its entity's term, which the entity's line
    // confirms (a shard that an incremental run left alone may keep an old
    // catalogue's synonyms; the lines are the first database's, as the
    // whole catalogue is).
    for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it)
        if (std::optional<Entity> e = entity_of_term(*it))
            for (const Alias& a : e->aliases)
                if (synonym_key(a.text) == key) return e->slug;
    // Else a slug, as typed or made from the name ("Lady-Gaga").
    if (std::optional<Entity> e = entity(name)) return e->slug;
    const std::string slug = entity_slug(name);
    if (slug != name)
        if (std::optional<Entity> e = entity(slug)) return e->slug;
    return std::nullopt;
}

std::optional<Entity> IndexCatalogue::entity_of_term(const std::string& t) {
    const std::string_view prefix = field(FieldId::Entity).prefix;
    if (!starts_with(t, prefix)) return std::nullopt;
    if (!has_lines()) {
        for (const Entity& e : whole().entities())
            if (term(FieldId::Entity, e.slug) == t) return e;
        return std::nullopt;
    }
    // The term holds the slug, or its head when the slug is too long for a
    // term (term()), which is more than the key keeps.
    const std::string lines = db_.get_metadata(entity_key(std::string_view(t).substr(prefix.size())));
    if (lines.empty()) return std::nullopt;
    Catalogue c;
    c.add(lines, source_ + " (stored entity line)");
    for (const Entity& e : c.entities())
        if (term(FieldId::Entity, e.slug) == t) return e;
    return std::nullopt;
}

}  // namespace news
