#include "news/index_catalogue.hpp"

#include "news/schema.hpp"

#include <map>
#include <vector>

namespace news {
namespace {

std::string entry_key(std::string_view prefix, std::string_view key) {
    return std::string(prefix) + std::string(key.substr(0, kMaxEntityKey));
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Every metadata key that starts with prefix.
std::vector<std::string> metadata_keys(const Xapian::Database& db, std::string_view prefix) {
    const std::string p(prefix);
    return {db.metadata_keys_begin(p), db.metadata_keys_end(p)};
}

// The entities of some catalogue lines.
Catalogue parse_lines(const std::string& lines, const std::string& origin) {
    Catalogue c;
    if (!lines.empty()) c.add(lines, origin + " (stored entity line)");
    return c;
}

}  // namespace

std::string recognition_stamp(const Catalogue& catalogue) {
    return std::string(kRecognitionRules) + ":" + digest_of(catalogue.text());
}

void write_catalogue(Xapian::WritableDatabase& db, const Catalogue& catalogue) {
    const std::string text = catalogue.text();
    const std::string digest = digest_of(text);
    // (Written only when it changes: a run with nothing to do commits nothing.)
    if (db.get_metadata(std::string(kMetaCatalogue)) == text &&
        db.get_metadata(std::string(kMetaCatalogueEntries)) == digest)
        return;
    // A new catalogue, or one stored before its entries were: it replaces
    // the old one's synonyms and entries.
    const std::vector<std::string> synonyms(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const auto& k : synonyms) db.clear_synonyms(k);
    for (std::string_view prefix : {kMetaEntity, kMetaAlias})
        for (const auto& k : metadata_keys(db, prefix)) db.set_metadata(k, "");
    std::map<std::string, std::string> entries;
    for (const Entity& e : catalogue.entities()) {
        entries[entry_key(kMetaEntity, e.slug)] += Catalogue::line(e);
        const std::string target = term(FieldId::Entity, e.slug);
        for (const Alias& a : e.aliases) {
            const std::string key = alias_key(a.text);
            std::string& value = entries[entry_key(kMetaAlias, key)];
            const std::string line = key + '\t' + e.slug + '\n';
            if (("\n" + value).find("\n" + line) == std::string::npos) value += line;  // (once: "V" and "v")
            if (std::string synonym = synonym_key(a.text); !synonym.empty()) db.add_synonym(synonym, target);
        }
    }
    for (const auto& [k, v] : entries) db.set_metadata(k, v);
    db.set_metadata(std::string(kMetaCatalogue), text);
    db.set_metadata(std::string(kMetaCatalogueEntries), digest);
}

IndexCatalogue::IndexCatalogue(const Xapian::Database& db, std::string origin) : db_(db), origin_(std::move(origin)) {}

IndexCatalogue::IndexCatalogue(const Catalogue& catalogue) : given_(&catalogue) {}

const Catalogue& IndexCatalogue::whole() {
    if (given_) return *given_;
    if (!whole_) {
        const std::string text = db_.get_metadata(std::string(kMetaCatalogue));
        if (text.empty()) {
            whole_ = Catalogue::builtin();
        } else {
            Catalogue c;
            c.add(text, origin_ + " (stored entity catalogue)");
            whole_ = std::move(c);
        }
    }
    return *whole_;
}

bool IndexCatalogue::has_entries() {
    if (given_ || whole_) return false;  // (answered from the whole once it is read)
    // Entries of this very text: a writer that changed the text alone (an
    // older news-index) leaves them stale, and the whole is read instead.
    if (!entries_) {
        const std::string digest = db_.get_metadata(std::string(kMetaCatalogueEntries));
        entries_ = !digest.empty() && digest == digest_of(db_.get_metadata(std::string(kMetaCatalogue)));
    }
    return *entries_;
}

std::optional<Entity> IndexCatalogue::entity(std::string_view slug) {
    const Catalogue lines = parse_lines(db_.get_metadata(entry_key(kMetaEntity, slug)), origin_);
    for (const Entity& e : lines.entities())
        if (e.slug == slug) return e;
    return std::nullopt;
}

std::optional<std::string> IndexCatalogue::slug_of(std::string_view name) {
    if (!has_entries()) {
        const Entity* e = whole().find(name);
        return e ? std::optional<std::string>(e->slug) : std::nullopt;
    }
    // An alias...
    if (const std::string key = alias_key(name); !key.empty()) {
        const std::string value = db_.get_metadata(entry_key(kMetaAlias, key));
        const std::string line = key + '\t';
        for (size_t at = 0; at < value.size();) {
            size_t end = value.find('\n', at);
            if (end == std::string::npos) end = value.size();
            if (value.compare(at, line.size(), line) == 0) return value.substr(at + line.size(), end - at - line.size());
            at = end + 1;
        }
    }
    // ...else a slug, as typed or made from the name ("Lady-Gaga").
    if (std::optional<Entity> e = entity(name)) return e->slug;
    const std::string slug = entity_slug(name);
    if (slug != name)
        if (std::optional<Entity> e = entity(slug)) return e->slug;
    return std::nullopt;
}

std::optional<Entity> IndexCatalogue::entity_of_term(const std::string& t) {
    const std::string_view prefix = field(FieldId::Entity).prefix;
    if (!starts_with(t, prefix)) return std::nullopt;
    if (!has_entries()) {
        for (const Entity& e : whole().entities())
            if (term(FieldId::Entity, e.slug) == t) return e;
        return std::nullopt;
    }
    // The term holds the slug, or its head when the slug is too long for a
    // term (term()), which is more than a key keeps.
    const std::string_view head = std::string_view(t).substr(prefix.size());
    const Catalogue lines = parse_lines(db_.get_metadata(entry_key(kMetaEntity, head)), origin_);
    for (const Entity& e : lines.entities())
        if (term(FieldId::Entity, e.slug) == t) return e;
    return std::nullopt;
}

}  // namespace news
