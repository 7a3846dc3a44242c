#include "names.hpp"

#include "name_clean.hpp"

#include "news/name_aliases.hpp"
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

// The kind a tagged name is indexed as: its type's, or for another name
// (MISC) the kind the alias table gives it ("the Tories", which the tagger
// reads as it reads "the Democrats": news/name_aliases.hpp).
std::optional<FieldId> kind_of(const NameSpan& s, std::string_view line) {
    if (auto f = field_of(s.type)) return f;
    return name_alias_kind(name_key(line.substr(s.begin, s.end - s.begin)));
}

using Found = std::vector<std::pair<FieldId, std::string>>;


// The end of the paragraph that starts at `start`: a blank line or an
// indented one ends it ("\n    " starts Reuters-21578's paragraphs).
size_t paragraph_end(std::string_view text, size_t start) {
    for (size_t nl = text.find('\n', start); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
        const size_t next = nl + 1;
        if (next >= text.size() || text[next] == '\n' || text[next] == '\r' || text[next] == ' ' || text[next] == '\t')
            return nl;
    }
    return text.size();
}

// Whether a paragraph is written in capitals (a wire's headline, "MAIL
// BOXES ETC <MAIL> 3RD QTR JAN 31 NET"): Latin capitals and no small letter.
bool shouted(std::string_view para) {
    bool capital = false;
    for (char c : para) {
        if (c >= 'a' && c <= 'z') return false;
        capital = capital || (c >= 'A' && c <= 'Z');
    }
    return capital;
}

// Whether a paragraph is a line of a table of figures ("Oper shr 17 cts vs
// 25 cts", "Oper shr six cts vs five cts"): "vs" between figures, and no
// full stop at its end.  Its capitalised first word is a heading, no name.
bool table_line(std::string_view para) {
    const size_t last = para.find_last_not_of(" \t");
    if (last == std::string_view::npos || para[last] == '.' || para.find(" vs ") == std::string_view::npos)
        return false;
    for (size_t at = 0; at < para.size();) {
        const size_t sp = std::min(para.find(' ', at), para.size());
        const std::string_view w = para.substr(at, sp - at);
        const bool digits = std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits || w == "nil" || is_number_word(w)) return true;
        at = sp + 1;
    }
    return false;
}

// The tagger's names of one paragraph, its hard line breaks read as spaces
// (a wire's text wraps at 70 columns: "British Petroleum Co\nPlc" is one
// name, not "Plc" alone), as (kind, written form), and the acronyms it gives
// its names (acronym → the name).  A name that is the whole paragraph is a
// signature or a credit ("Reuter" under each wire story), not a mention.
void tag_paragraph(std::string_view line, Found& out, std::map<std::string, std::string>& acronyms) {
    const size_t first = line.find_first_not_of(" \t"), last = line.find_last_not_of(" \t.");
    if (first == std::string_view::npos) return;
    for (const NameSpan& s : NameTagger::shipped().find_names(line)) {
        if (s.begin <= first && s.end > last) continue;
        if (auto f = kind_of(s, line))
            if (auto name = cleaned(*f, line, s.begin, s.end)) {
                out.emplace_back(name->first, std::string(name->second));
                const std::string_view a = bracketed_acronym(line.substr(s.end));
                if (!a.empty() && name->first != FieldId::Person && name->second.find(' ') != std::string_view::npos)
                    acronyms.emplace(a, name->second);
            }
    }
}

// The names of paragraphs in capitals that the rest of the document also
// names, as it writes them: a headline's words run together ("DIMINISHES
// REAGAN", "JAN 31 NET") and its case is no name's, but the story under
// it repeats the names it has ("FEDERAL RESERVE" → "Federal Reserve").
void add_confirmed(const Found& shouted_names, Found& out) {
    std::map<std::string, std::pair<FieldId, std::string>> written;  // name_key → the first mention
    for (const auto& [f, form] : out) written.emplace(name_key(form), std::pair{f, form});
    for (const auto& [f, form] : shouted_names)
        if (auto it = written.find(name_key(form)); it != written.end()) out.push_back(it->second);
}

// The tagger's names of the texts, a paragraph at a time.
Found tagged(const std::vector<std::string_view>& texts, std::map<std::string, std::string>& acronyms) {
    Found out, shouted_names;
    std::map<std::string, std::string> unused;  // (a headline's brackets hold a ticker, no acronym)
    for (std::string_view text : texts)
        for (size_t start = 0; start < text.size();) {
            const size_t end = paragraph_end(text, start);
            std::string para(text.substr(start, end - start));
            std::replace(para.begin(), para.end(), '\n', ' ');
            std::replace(para.begin(), para.end(), '\r', ' ');
            if (shouted(para)) tag_paragraph(para, shouted_names, unused);
            else if (!table_line(para)) tag_paragraph(para, out, acronyms);
            start = end + 1;
        }
    add_confirmed(shouted_names, out);
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

// A name that is a company's of the document without its company words is
// that company, whatever kind the tagger gave it ("Unocal" beside "Unocal
// Corp", which the tagger reads as a person's surname); the searcher's
// merges then count it as the company (searcher/name_merge.hpp).
void companies_by_name(Found& found) {
    std::unordered_set<std::string> heads;  // name_key of "Unocal" for "Unocal Corp"
    for (const auto& [f, form] : found)
        if (f == FieldId::Organisation)
            if (const std::string_view head = company_head(form); !head.empty()) heads.insert(name_key(head));
    if (heads.empty()) return;
    for (auto& [f, form] : found)
        if (f != FieldId::Organisation && heads.count(name_key(form))) f = FieldId::Organisation;
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
        companies_by_name(found);
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
