#include "entity_tags.hpp"

#include "news/schema.hpp"

#include <algorithm>

namespace news::indexer {

EntityTags find_entity_tags(const Matcher& matcher, const Catalogue& catalogue, const std::string& text,
                            const EntityCodes* codes, const std::string& context) {
    EntityTags tags;
    auto note = [&](const std::string& name, const std::string& slug, std::string_view kind) {
        if (std::find(tags.names.begin(), tags.names.end(), name) == tags.names.end()) {
            tags.names.push_back(name);
            if (kind == "person" || kind == "group") tags.artists += name + '\n';
        }
        tags.terms[term(FieldId::Entity, slug)] += 1;
    };
    // A post is read with its article before it, so that a name that needs
    // context ("prod by Suga" in a BTS article) is recognised; only the
    // mentions inside the post count.
    const std::string joined = context.empty() ? std::string() : context + "\n\n";
    for (const Mention& m : matcher.find(joined + text))
        if (m.begin >= joined.size()) note(m.entity->name, m.entity->slug, m.entity->kind);
    if (codes) {
        for (const auto* list : {&codes->people, &codes->orgs})
            for (const auto& code : *list) {
                const Entity* e = catalogue.find(code);
                if (e) note(e->name, e->slug, e->kind);
                else note(code, entity_slug(code), list == &codes->people ? "person" : "org");
            }
    }
    return tags;
}

namespace {

// The XE terms of doc, with their wdf ("XEXCH", the exchanges' prefix, is
// no entity's: a slug is lower case).
std::map<std::string, Xapian::termcount> entity_terms(const Xapian::Document& doc) {
    const std::string prefix(field(FieldId::Entity).prefix);
    std::map<std::string, Xapian::termcount> out;
    auto t = doc.termlist_begin();
    for (t.skip_to(prefix); t != doc.termlist_end(); ++t) {
        const std::string& s = *t;
        if (s.compare(0, prefix.size(), prefix) != 0) break;
        if (s.size() > prefix.size() && s[prefix.size()] >= 'A' && s[prefix.size()] <= 'Z') continue;
        out[s] = t.get_wdf();
    }
    return out;
}

}  // namespace

void set_entity_tags(Xapian::Document& doc, const EntityTags& tags) {
    for (const auto& [t, n] : entity_terms(doc)) doc.remove_term(t);
    for (const auto& [t, n] : tags.terms) doc.add_term(t, n);
    doc.add_value(slot(Slot::Entities), tags.artists);  // ("" removes it)
}

EntityTags entity_tags_of(const Xapian::Document& doc, std::vector<std::string> names) {
    EntityTags tags;
    tags.names = std::move(names);
    tags.terms = entity_terms(doc);
    tags.artists = doc.get_value(slot(Slot::Entities));
    return tags;
}

}  // namespace news::indexer
