#include "names.hpp"

#include "news/names.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>

namespace news::indexer {
namespace {

// A name of one kind in a document: how often each written form occurs.
using Forms = std::map<std::string, unsigned>;
using Names = std::map<std::pair<FieldId, std::string>, Forms>;  // (kind, name_key) → forms

std::optional<FieldId> field_of(NameType type) {
    switch (type) {
        case NameType::person: return FieldId::Person;
        case NameType::organisation: return FieldId::Organisation;
        case NameType::place: return FieldId::Location;
        case NameType::misc: break;
    }
    return std::nullopt;
}

// The catalogue's kinds: people are people; groups and organisations
// organisations; events (award shows) are not indexed as names.
std::optional<FieldId> field_of(std::string_view kind) {
    if (kind == "person") return FieldId::Person;
    if (kind == "group" || kind == "org") return FieldId::Organisation;
    return std::nullopt;
}

// A title before a person's name ("Mr Blair") is no part of it.
std::string_view without_title(std::string_view name) {
    static constexpr std::string_view kTitles[] = {"Mr ", "Mr. ", "Mrs ", "Mrs. ", "Ms ", "Ms. ", "Dr ", "Dr. ",
                                                   "Sir ", "Lord ", "Lady ", "Dame "};
    for (std::string_view t : kTitles)
        if (name.size() > t.size() && name.substr(0, t.size()) == t) return name.substr(t.size());
    return name;
}

std::string_view last_word(std::string_view name) {
    const size_t sp = name.rfind(' ');
    return sp == std::string_view::npos ? name : name.substr(sp + 1);
}

// The tagger's names of the texts, line by line, as (kind, written form).
std::vector<std::pair<FieldId, std::string>> tagged(const std::vector<std::string_view>& texts) {
    const NameTagger& tagger = NameTagger::shipped();
    std::vector<std::pair<FieldId, std::string>> out;
    for (std::string_view text : texts) {
        size_t start = 0;
        while (start < text.size()) {
            size_t nl = text.find('\n', start);
            if (nl == std::string_view::npos) nl = text.size();
            const std::string_view line = text.substr(start, nl - start);
            if (line.find_first_not_of(" \t\r") != std::string_view::npos)
                for (const NameSpan& s : tagger.find_names(line))
                    if (auto f = field_of(s.type)) {
                        std::string_view form = line.substr(s.begin, s.end - s.begin);
                        if (*f == FieldId::Person) form = without_title(form);
                        out.emplace_back(*f, std::string(form));
                    }
            start = nl + 1;
        }
    }
    return out;
}

// A one-word person name that ends a longer person name of the document:
// that name ("Blair" → "Tony Blair"; the most frequent if several).
void resolve_short_people(std::vector<std::pair<FieldId, std::string>>& found) {
    std::map<std::string, std::map<std::string, unsigned>> by_last;  // key of last word → full forms
    for (const auto& [f, form] : found)
        if (f == FieldId::Person && form.find(' ') != std::string::npos)
            ++by_last[name_key(last_word(form))][form];
    for (auto& [f, form] : found) {
        if (f != FieldId::Person || form.find(' ') != std::string::npos) continue;
        auto it = by_last.find(name_key(form));
        if (it == by_last.end()) continue;
        form = std::max_element(it->second.begin(), it->second.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; })
                   ->first;
    }
}

// A name the tagger gave several kinds in one document ("Lord Goldsmith"
// as an organisation and a place) keeps the kind of most of its mentions.
void one_kind_a_name(std::vector<std::pair<FieldId, std::string>>& found) {
    std::map<std::string, std::map<FieldId, unsigned>> kinds;  // name_key → kind → mentions
    for (const auto& [f, form] : found) ++kinds[name_key(form)][f];
    for (auto& [f, form] : found) {
        const auto& k = kinds[name_key(form)];
        if (k.size() > 1)
            f = std::max_element(k.begin(), k.end(), [](const auto& a, const auto& b) { return a.second < b.second; })
                    ->first;
    }
}

// The most frequent form (the first in order on a tie).
const std::string& usual_form(const Forms& forms) {
    return std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

}  // namespace

bool names_enabled() {
    static const bool on = [] {
        const char* v = std::getenv("NEWS_NO_NAMES");
        return !(v && *v);
    }();
    return on;
}

void add_names(Xapian::Document& doc, const Catalogue& catalogue, const std::vector<std::string_view>& texts,
               const std::vector<const Entity*>& catalogued) {
    Names names;
    for (const Entity* e : catalogued)
        if (auto f = field_of(e->kind)) ++names[{*f, e->slug}][e->name];
    if (names_enabled()) {
        auto found = tagged(texts);
        resolve_short_people(found);
        one_kind_a_name(found);
        for (const auto& [f, form] : found) {
            if (catalogue.find(form)) continue;  // the catalogue's: counted above when its matcher agreed
            std::string key = name_key(form);
            if (!key.empty()) ++names[{f, key}][form];
        }
    }
    std::string value;
    for (const auto& [kind_key, forms] : names) {
        doc.add_boolean_term(term(kind_key.first, kind_key.second));
        value += name_kind_letter(kind_key.first) + kind_key.second + '\t' + usual_form(forms) + '\n';
    }
    if (!value.empty()) doc.add_value(slot(Slot::Names), value);
}

void replace_names(Xapian::Document& doc, const Catalogue& catalogue, const std::vector<std::string_view>& texts,
                   const std::vector<const Entity*>& catalogued) {
    std::vector<std::string> old;
    for (FieldId id : kNameFields) {
        const std::string prefix(field(id).prefix);
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            t.skip_to(prefix);
            if (t == doc.termlist_end() || (*t).compare(0, prefix.size(), prefix) != 0) break;
            old.push_back(*t);
        }
    }
    for (const std::string& t : old) doc.remove_term(t);
    if (!doc.get_value(slot(Slot::Names)).empty()) doc.remove_value(slot(Slot::Names));  // (it throws when absent)
    add_names(doc, catalogue, texts, catalogued);
}

}  // namespace news::indexer
