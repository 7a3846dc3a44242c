#include "names.hpp"

#include "news/names.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <unordered_set>
#include <vector>

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

// Words that say what someone is, before their name: "Mr Blair", "Treasury
// Secretary James Baker", "Prime Minister Yasuhiro Nakasone", which the
// tagger gives as a person, an organisation or even a place.
bool is_title(std::string_view w) {
    static const std::unordered_set<std::string_view> kTitles = {
        "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Lord", "Lady", "Dame", "Baroness", "Baron", "Prof", "Prof.",
        "Professor", "President", "Secretary", "Minister", "Chancellor", "Chairman", "Chairwoman", "Senator",
        "Sen.", "Rep.", "Gov.", "Governor", "Premier", "Ambassador", "Spokesman", "Spokeswoman", "Judge",
        "Commissioner"};
    return kTitles.count(w) > 0;
}

// Words after a person's name that are no part of it ("Frank Field MP").
bool is_suffix(std::string_view w) { return w == "MP" || w == "MEP" || w == "QC"; }

// Words that make a person's name something else: "the Reagan
// Administration" is no person.
bool is_not_person(std::string_view w) {
    return w == "Administration" || w == "administration" || w == "Government" || w == "government" ||
           w == "Cabinet" || w == "cabinet";
}

bool capitalised(std::string_view w) { return !w.empty() && w.front() >= 'A' && w.front() <= 'Z'; }

// A tagged name as it is indexed: the name after the last title, a person
// ("Treasury Secretary James Baker" → the person "James Baker", "Mr Blair"
// → "Blair"), without a suffix; nullopt when it is no name of a kind kept.
std::optional<std::pair<FieldId, std::string_view>> cleaned(FieldId f, std::string_view form) {
    std::vector<std::string_view> words;
    for (size_t start = 0, sp = 0; start <= form.size(); start = sp + 1) {
        sp = std::min(form.find(' ', start), form.size());
        if (sp > start) words.push_back(form.substr(start, sp - start));
    }
    if (words.empty() || (words.size() == 1 && is_title(words[0]))) return std::nullopt;  // ("Chancellor")
    size_t first = 0;
    for (size_t i = words.size() - 1; i-- > 0;)
        if (is_title(words[i]) &&
            std::all_of(words.begin() + static_cast<long>(i) + 1, words.end(), capitalised)) {
            first = i + 1;
            f = FieldId::Person;
            break;
        }
    size_t last = words.size();
    if (f == FieldId::Person) {
        while (last > first + 1 && is_suffix(words[last - 1])) --last;
        if (is_not_person(words[last - 1])) return std::nullopt;
    }
    if (first >= last) return std::nullopt;
    const size_t begin = static_cast<size_t>(words[first].data() - form.data());
    const size_t end = static_cast<size_t>(words[last - 1].data() + words[last - 1].size() - form.data());
    return std::pair{f, form.substr(begin, end - begin)};
}

std::string_view last_word(std::string_view name) {
    const size_t sp = name.rfind(' ');
    return sp == std::string_view::npos ? name : name.substr(sp + 1);
}

// The acronym a name is given in brackets right after it: "IMF" of
// "International Monetary Fund (IMF)"; empty when none.
std::string_view bracketed_acronym(std::string_view after) {
    if (after.size() < 4 || after.substr(0, 2) != " (") return {};
    const size_t close = after.find(')', 2);
    if (close == std::string_view::npos || close < 4 || close > 8) return {};
    const std::string_view a = after.substr(2, close - 2);
    return std::all_of(a.begin(), a.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) ? a : std::string_view{};
}

using Found = std::vector<std::pair<FieldId, std::string>>;

// The tagger's names of the texts, line by line, as (kind, written form),
// and the acronyms the texts give their names (acronym → the name).
Found tagged(const std::vector<std::string_view>& texts, std::map<std::string, std::string>& acronyms) {
    const NameTagger& tagger = NameTagger::shipped();
    Found out;
    for (std::string_view text : texts) {
        size_t start = 0;
        while (start < text.size()) {
            size_t nl = text.find('\n', start);
            if (nl == std::string_view::npos) nl = text.size();
            const std::string_view line = text.substr(start, nl - start);
            if (line.find_first_not_of(" \t\r") != std::string_view::npos)
                for (const NameSpan& s : tagger.find_names(line))
                    if (auto f = field_of(s.type))
                        if (auto name = cleaned(*f, line.substr(s.begin, s.end - s.begin))) {
                            out.emplace_back(name->first, std::string(name->second));
                            const std::string_view a = bracketed_acronym(line.substr(s.end));
                            if (!a.empty() && name->first != FieldId::Person && name->second.find(' ') != std::string_view::npos)
                                acronyms.emplace(a, name->second);
                        }
            start = nl + 1;
        }
    }
    return out;
}

// An acronym the document gives a name in brackets is that name, wherever
// it stands alone in the document ("IMF" after "International Monetary
// Fund (IMF)"), whatever kind the tagger gave it.
void resolve_acronyms(Found& found, const std::map<std::string, std::string>& acronyms) {
    if (acronyms.empty()) return;
    std::map<std::string, FieldId> kind_of;
    for (const auto& [f, form] : found) kind_of.emplace(form, f);
    for (auto& [f, form] : found)
        if (auto it = acronyms.find(form); it != acronyms.end()) {
            form = it->second;
            f = kind_of[form];
        }
}

// A one-word person name that ends a longer person name of the document:
// that name ("Blair" → "Tony Blair"; the most frequent if several).
void resolve_short_people(Found& found) {
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
void one_kind_a_name(Found& found) {
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
        std::map<std::string, std::string> acronyms;
        Found found = tagged(texts, acronyms);
        resolve_acronyms(found, acronyms);
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
