#include "name_merge.hpp"

#include "news/name_aliases.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_set>

namespace news::searcher {
namespace {

using Into = std::unordered_map<std::string, std::string>;
using Candidates = std::unordered_map<std::string, std::vector<const NameFreq*>>;

std::vector<std::string_view> words_of(std::string_view key) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (size_t dash; (dash = key.find('-', start)) != std::string_view::npos; start = dash + 1)
        if (dash > start) out.push_back(key.substr(start, dash - start));
    if (start < key.size()) out.push_back(key.substr(start));
    return out;
}

std::string joined(const std::vector<std::string_view>& words) {
    std::string out;
    for (std::string_view w : words) out += (out.empty() ? "" : "-") + std::string(w);
    return out;
}

// The candidate with kMajorityNum/kMajorityDen of the candidates' documents
// and at least kMergeMinDocs; none when no one has ("Brown": Gordon Brown
// and James Brown alike).
const NameFreq* clear_winner(const std::vector<const NameFreq*>& candidates) {
    const NameFreq* best = nullptr;
    uint64_t total = 0;
    for (const NameFreq* c : candidates) {
        total += c->docs;
        if (!best || c->docs > best->docs || (c->docs == best->docs && c->key < best->key)) best = c;
    }
    if (!best || best->docs < kMergeMinDocs) return nullptr;
    return uint64_t{best->docs} * kMajorityDen >= total * kMajorityNum ? best : nullptr;
}

// Person: a one-word name → the full name whose last word it is.
void surnames(const std::vector<NameFreq>& names, const std::set<std::string>& fixed, Into& into) {
    Candidates by_last;
    for (const NameFreq& n : names) {
        const size_t dash = n.key.rfind('-');
        if (dash != std::string::npos && n.key.size() - dash > 2) by_last[n.key.substr(dash + 1)].push_back(&n);
    }
    for (const NameFreq& n : names) {
        if (n.key.find('-') != std::string::npos || fixed.count(n.key)) continue;
        auto it = by_last.find(n.key);
        if (it == by_last.end()) continue;
        if (const NameFreq* w = clear_winner(it->second)) into[n.key] = w->key;
    }
}

// An organisation's key without what does not tell one from another: a
// company's or party's word at its end ("Labour Party", "Texaco Inc",
// "Labour MPs"), a plural's "s" ("Conservatives", "Lib Dems").
std::string variant_key(std::string_view key) {
    static const std::unordered_set<std::string_view> kDesignators = {
        "party", "inc", "corp", "co", "cos", "ltd", "plc", "corporation", "company", "limited", "mps", "meps"};
    std::vector<std::string_view> w = words_of(key);
    while (w.size() > 1 && kDesignators.count(w.back())) w.pop_back();
    if (!w.empty()) {
        std::string_view& last = w.back();
        if (last.size() >= 4 && last.back() == 's' && last[last.size() - 2] != 's') last.remove_suffix(1);
    }
    return joined(w);
}

// Organisation: the variants of one name → the most frequent of them.
void variants(const std::vector<NameFreq>& names, const std::set<std::string>& fixed, Into& into) {
    std::unordered_map<std::string, std::vector<const NameFreq*>> groups;
    for (const NameFreq& n : names) groups[variant_key(n.key)].push_back(&n);
    for (const auto& [v, group] : groups) {
        if (group.size() < 2) continue;
        const NameFreq* best = *std::max_element(group.begin(), group.end(), [](const NameFreq* a, const NameFreq* b) {
            return a->docs < b->docs || (a->docs == b->docs && a->key > b->key);
        });
        if (best->docs < kMergeMinDocs) continue;
        for (const NameFreq* n : group)
            if (n != best && !fixed.count(n->key)) into[n->key] = best->key;
    }
}

bool is_small_word(std::string_view w) { return w == "of" || w == "and" || w == "the" || w == "for" || w == "de"; }

// The initials of a name of two words or more, "of", "and", "the"... left
// out, and with a word of two letters whole (UKIP) ("Organisation of Petroleum Exporting Countries": OPEC); none for a
// name of initials ("u-s") or one cut after such a word ("Fuerzas
// Electricas de", which is not the "Fed").
std::vector<std::string> initials_of(std::string_view key) {
    const std::vector<std::string_view> w = words_of(key);
    if (w.size() < 2 || is_small_word(w.back()) ||
        std::all_of(w.begin(), w.end(), [](std::string_view x) { return x.size() == 1; }))
        return {};
    std::string content, whole;  // (whole: a word of two letters, itself initials, kept whole)
    for (std::string_view x : w)
        if (!is_small_word(x)) {
            content += x.front();
            whole += x.size() == 2 ? x : x.substr(0, 1);
        }
    if (content.size() < 2) return {};
    // ("UK Independence Party": UIP and UKIP; not of two words: "St Elmo" is no "STE")
    if (whole != content && w.size() >= 3) return {content, whole};
    return {content};
}

// The letters of an acronym's key ("imf"; "u_s", as news/text.hpp keys
// "U.S.", and "u-s" → "us"); empty when the key is none (a longer word,
// digits, initials and words).
std::string acronym_of(std::string_view key) {
    std::string letters;
    size_t part = 0;  // letters in the current part
    bool singles = true;
    for (char c : key) {
        if (c == '-' || c == '_') {
            singles = singles && part == 1;
            part = 0;
        } else if (c >= 'a' && c <= 'z') {
            letters += c;
            ++part;
        } else {
            return {};
        }
    }
    singles = singles && part == 1;
    const bool one_word = letters.size() == key.size();
    if (one_word ? letters.size() < 2 || letters.size() > 5 : !singles) return {};
    return letters;
}

// Whether short is clipped from long word by word ("lib-dem" of "liberal-democrat").
bool clipped_from(const std::vector<std::string_view>& s, const std::vector<std::string_view>& l) {
    if (s.size() != l.size() || s == l) return false;
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i].size() < 3 || l[i].compare(0, s[i].size(), s[i]) != 0) return false;
    return true;
}

// Organisation, location: an acronym → the full name of its initials; an
// organisation of clipped words → the name they clip.
void short_forms(FieldId kind, const std::vector<NameFreq>& names, const std::set<std::string>& fixed, Into& into) {
    Candidates by_initials, by_variant_initials;
    std::unordered_map<const NameFreq*, std::vector<std::string_view>> variant_words;
    std::vector<std::string> variant_keys(names.size());
    for (size_t i = 0; i < names.size(); ++i) {
        for (const std::string& in : initials_of(names[i].key)) by_initials[in].push_back(&names[i]);
        if (kind != FieldId::Organisation) continue;
        variant_keys[i] = variant_key(names[i].key);
        std::string first_letters;
        for (std::string_view w : words_of(variant_keys[i])) first_letters += w.front();
        if (first_letters.size() >= 2) by_variant_initials[first_letters].push_back(&names[i]);
    }
    for (size_t i = 0; i < names.size(); ++i) {
        const NameFreq& n = names[i];
        if (fixed.count(n.key)) continue;
        std::vector<const NameFreq*> candidates;
        const bool acronym = !acronym_of(n.key).empty();
        if (acronym) {
            if (auto it = by_initials.find(acronym_of(n.key)); it != by_initials.end()) candidates = it->second;
        } else if (kind == FieldId::Organisation) {
            const std::vector<std::string_view> s = words_of(variant_keys[i]);
            std::string first_letters;
            for (std::string_view w : s) first_letters += w.front();
            if (auto it = by_variant_initials.find(first_letters); s.size() >= 2 && it != by_variant_initials.end())
                for (const NameFreq* c : it->second)
                    if (clipped_from(s, words_of(variant_keys[static_cast<size_t>(c - names.data())])))
                        candidates.push_back(c);
        }
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        const NameFreq* w = clear_winner(candidates);
        // (A word that happens to be initials, "Fed", is written far more
        // often than the rare full name they fit, "Frontier Exploration
        // Department"; "EU" three times as often as "European Union".)
        if (w && (!acronym || uint64_t{w->docs} * kAcronymShare >= n.docs)) into[n.key] = w->key;
    }
}

// The table's aliases (news/name_aliases.hpp) → their full name, or when the
// index does not name it in two documents, the most frequent of its forms.
void aliases(FieldId kind, const std::vector<NameFreq>& names, const std::set<std::string>& fixed, Into& into) {
    std::unordered_map<std::string_view, const NameFreq*> by_key;
    for (const NameFreq& n : names) by_key.emplace(n.key, &n);
    for (const NameAlias& a : name_aliases()) {
        if (a.kind != kind) continue;
        const NameFreq* full = by_key.count(a.key) ? by_key[a.key] : nullptr;
        const NameFreq* best = full && full->docs >= kMergeMinDocs ? full : nullptr;
        std::vector<const NameFreq*> forms;
        for (const std::string& alias : a.aliases)
            if (auto it = by_key.find(alias); it != by_key.end()) {
                forms.push_back(it->second);
                if (!full && (!best || it->second->docs > best->docs)) best = it->second;
            }
        if (full) forms.push_back(full);
        if (!best || best->docs < kMergeMinDocs) continue;
        for (const NameFreq* n : forms)
            if (n != best && !fixed.count(n->key)) into[n->key] = best->key;
    }
}

}  // namespace

NameMerges::NameMerges(FieldId kind, const std::vector<NameFreq>& names, const std::set<std::string>& fixed) {
    Into into;
    if (kind == FieldId::Person) surnames(names, fixed, into);
    if (kind == FieldId::Organisation) variants(names, fixed, into);
    Into shorter;
    if (kind != FieldId::Person) short_forms(kind, names, fixed, shorter);
    for (auto& [k, v] : shorter) into[k] = std::move(v);  // (a short form's own variants follow it below)
    Into table;
    aliases(kind, names, fixed, table);
    for (auto& [k, v] : table) into[k] = std::move(v);  // (what the table says, no rule's guess, wins)
    // Chains end at a name that merges into none ("Lib Dem" → "Lib Dems" →
    // "Liberal Democrats"); a cycle, if rules ever made one, at its first step.
    for (const auto& [key, first] : into) {
        std::string t = first;
        for (int step = 0; step < 8; ++step) {
            auto next = into.find(t);
            if (next == into.end() || next->second == key) break;
            t = next->second;
        }
        if (t != key) into_[key] = t;
    }
    index_members();
}

void NameMerges::index_members() {
    for (const auto& [key, t] : into_) members_[t].push_back(key);
    for (auto& [t, m] : members_) std::sort(m.begin(), m.end());
}

std::string NameMerges::text() const {
    std::string out;
    for (const auto& [key, t] : into_) out += key + '\t' + t + '\n';
    return out;
}

NameMerges NameMerges::of(std::unordered_map<std::string, std::string> into) {
    NameMerges m;
    m.into_ = std::move(into);
    m.index_members();
    return m;
}

NameMerges NameMerges::from_text(std::string_view text) {
    NameMerges m;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string_view::npos; start = nl + 1) {
        const size_t tab = text.find('\t', start);
        if (tab == std::string_view::npos || tab > nl) continue;
        m.into_.emplace(text.substr(start, tab - start), text.substr(tab + 1, nl - tab - 1));
    }
    m.index_members();
    return m;
}

std::string NameMerges::target(const std::string& key) const {
    auto it = into_.find(key);
    return it == into_.end() ? key : it->second;
}

std::vector<std::string> NameMerges::members(const std::string& target) const {
    std::vector<std::string> out{target};
    if (auto it = members_.find(target); it != members_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    return out;
}

}  // namespace news::searcher
