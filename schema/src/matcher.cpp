// Matcher: finds the catalogue's entities in a text (contract in entities.hpp).
//
// The text is split by split_words(), exactly as the indexer splits it, and an
// alias matches a run of words with the same folded keys.  The rules, with
// examples, are in doc/entities.md ("Recognition rules"); the code below
// cites them by number: 1 the longest alias wins, 2 what may separate an
// alias's words, 3 exact aliases match as written, 4 an ambiguous alias needs
// a related name, 5 a one-letter alias must stand as a name, 6 CJK aliases,
// 7 a solo artist's one-word name inside a longer name, 8 lower-case writing,
// 9 capitals and codes.
// Why so many: news and fans' posts are full of short, common aliases (V,
// Suga, Drake) whose every occurrence would fill the facets with people the
// text does not name.  A rule that changes what is recognised raises
// kRecognitionRules (news/schema.hpp).  How the text is written around a
// word (the tests the rules make, their word lists) is matcher_text.hpp's.
#include "news/entities.hpp"

#include "news/text.hpp"

#include "matcher_text.hpp"

#include <xapian.h>

#include <algorithm>
#include <unordered_map>

namespace news {
namespace {

using namespace matcher_text;

// A mention before rules 4, 7 and 8 have had their say.
struct Found {
    Mention mention;
    size_t entity;
    bool ambiguous;
    bool lower;      // rule 8: an exact alias found in lower case
    bool name_word;  // rule 7 applies
    size_t word;     // the index of its first word in the text's words
    size_t used;     // and the number of its words
};

// Rule 7: drops a solo artist's one-word name where it is part of a longer
// name.  First the words seen as first names before it in this text, then
// the mentions to drop.
void drop_name_parts(std::string_view text, const std::vector<Word>& words, std::vector<Found>& found) {
    if (std::none_of(found.begin(), found.end(), [](const Found& f) { return f.name_word; })) return;
    std::vector<char> in_mention(words.size(), 0);
    for (const Found& f : found) std::fill_n(in_mention.begin() + f.word, f.used, 1);
    auto name_part = [&](size_t k) {
        const Word& w = words[k];
        std::string_view raw = text.substr(w.begin, w.end - w.begin);
        return !in_mention[k] && !w.cjk && possessive(raw) == 0 && capitalised(raw) && !not_name_part(w.key);
    };
    auto before = [&](const Found& f) {  // the name part right before f, or words.size()
        size_t k = f.word;
        if (k == 0 || !spaced(text.substr(words[k - 1].end, words[k].begin - words[k - 1].end), false))
            return words.size();
        return name_part(k - 1) ? k - 1 : words.size();
    };
    auto after = [&](const Found& f) {  // whether a name part follows f
        size_t n = f.word + 1;
        const Word& w = words[f.word];
        return n < words.size() && w.end == f.mention.end &&  // not after a possessive
               spaced(text.substr(w.end, words[n].begin - w.end), false) && name_part(n) &&
               !title_case_line(text, w.begin);
    };

    std::vector<std::pair<size_t, std::string>> first_names;  // (entity, word key)
    for (const Found& f : found) {
        if (!f.name_word) continue;
        size_t k = before(f);
        if (k < words.size() && (is_title(words[k].key) || (!sentence_start(text, words[k].begin) &&
                                                                !title_case_line(text, words[k].begin))))
            first_names.emplace_back(f.entity, words[k].key);
    }
    // Once a text has shown such a name, the one word alone is its bearer
    // ("UAW president Owen Bieber ... Bieber said"), unless the artist is also
    // named another way ("Justin Bieber").
    std::vector<size_t> other_bearer;
    for (const auto& [entity, key] : first_names)
        if (std::none_of(found.begin(), found.end(),
                         [&, entity = entity](const Found& f) { return f.entity == entity && !f.name_word; }))
            other_bearer.push_back(entity);
    auto drop = [&](const Found& f) {
        if (!f.name_word) return false;
        if (in_title(text, words, f.word)) return true;
        if (std::find(other_bearer.begin(), other_bearer.end(), f.entity) != other_bearer.end()) return true;
        size_t k = before(f);
        if (k < words.size() &&
            std::find(first_names.begin(), first_names.end(), std::make_pair(f.entity, words[k].key)) !=
                first_names.end())
            return true;
        return after(f);
    };
    found.erase(std::remove_if(found.begin(), found.end(), drop), found.end());
}

// Rule 6: whether the one-word CJK alias matches at the start of the CJK
// word w (a particle may follow a one-syllable alias), and the end of the
// match.
bool cjk_match(const std::string& alias, const Word& w, size_t& end) {
    if (!w.cjk || w.key.compare(0, alias.size(), alias) != 0) return false;
    std::string_view rest = std::string_view(w.key).substr(alias.size());
    if (!rest.empty() && codepoints(alias) == 1 && !is_particle(rest)) return false;
    end = w.begin + alias.size();
    return true;
}

// Whether the words from words[i] on have the keys of an alias's words,
// joined as an alias's words may be (rule 2); not a code in angle brackets
// ("<TXT>": rule 9).
bool same_words(std::string_view text, const std::vector<Word>& words, size_t i, const std::vector<std::string>& keys) {
    const size_t n = keys.size();
    if (i + n > words.size() || (words[i].begin > 0 && text[words[i].begin - 1] == '<')) return false;
    for (size_t k = 0; k < n; ++k) {
        const Word& v = words[i + k];
        bool prefix = k + 1 == n && v.cjk;  // a particle may follow the last CJK word
        if (prefix ? v.key.compare(0, keys[k].size(), keys[k]) != 0 : v.key != keys[k]) return false;
        if (k > 0 && !joined(text, words[i + k - 1], v)) return false;
    }
    return true;
}

// Rules 3 and 8: whether the words from words[i] on are written as an exact
// alias's words (`exact`; none for an alias that is not exact), or in lower
// case (`lower_case`) in a line written in lower case: then `lower` is set.
bool written_as(std::string_view text, const std::vector<Word>& words, size_t i, const std::vector<std::string>& exact,
                const std::vector<std::string>& lower_case, LineCase& line, bool& lower) {
    for (size_t k = 0; k < exact.size(); ++k) {
        const Word& v = words[i + k];
        if (v.cjk) continue;
        const std::string written = as_written(text.substr(v.begin, v.end - v.begin));
        if (written == exact[k]) continue;
        if (written != lower_case[k] || !line.lower(v.begin)) return false;  // rule 8
        lower = true;
    }
    return true;
}

// Whether words[i] follows a number, a space apart ("5 V": a quantity).
bool after_number(std::string_view text, const std::vector<Word>& words, size_t i) {
    return i > 0 && is_digit(words[i - 1].key[0]) &&
           spaced(text.substr(words[i - 1].end, words[i].begin - words[i - 1].end), false);
}

// Related to each entity: itself, a fellow member of one of its groups, a
// group it is in, a member of it (sorted).  Looked up by name (every pair
// of entities compared was a tenth of a small re-run's time).
std::vector<std::vector<size_t>> related_entities(const std::vector<Entity>& entities) {
    std::unordered_map<std::string, std::vector<size_t>> named, members;
    for (size_t e = 0; e < entities.size(); ++e) {
        named[entities[e].name].push_back(e);
        for (const std::string& g : entities[e].groups) members[g].push_back(e);
    }
    auto add = [](std::vector<size_t>& to, const auto& map, const std::string& key) {
        auto it = map.find(key);
        if (it != map.end()) to.insert(to.end(), it->second.begin(), it->second.end());
    };
    std::vector<std::vector<size_t>> related(entities.size());
    for (size_t a = 0; a < entities.size(); ++a) {
        std::vector<size_t>& r = related[a];
        r.push_back(a);
        for (const std::string& g : entities[a].groups) {
            add(r, members, g);  // fellow members
            add(r, named, g);    // its groups
        }
        add(r, members, entities[a].name);  // its members
        std::sort(r.begin(), r.end());
        r.erase(std::unique(r.begin(), r.end()), r.end());
    }
    return related;
}

// Rule 4: an ambiguous mention needs a related entity named unambiguously;
// rule 8: one in lower case, the entity itself.  The mentions that count.
std::vector<Mention> confirmed(const std::vector<Found>& found, const std::vector<std::vector<size_t>>& related) {
    std::vector<char> named(related.size(), 0);
    for (const Found& f : found)
        if (!f.ambiguous) named[f.entity] = 1;
    std::vector<Mention> out;
    out.reserve(found.size());
    for (const Found& f : found) {
        const std::vector<size_t>& r = related[f.entity];
        if (f.lower ? named[f.entity] != 0
                    : !f.ambiguous || std::any_of(r.begin(), r.end(), [&](size_t e) { return named[e] != 0; }))
            out.push_back(f.mention);
    }
    return out;
}

}  // namespace

Matcher::Matcher(const Catalogue& catalogue)
    : catalogue_(&catalogue), related_(related_entities(catalogue.entities())) {
    const std::vector<Entity>& entities = catalogue.entities();
    for (size_t e = 0; e < entities.size(); ++e) {
        const Entity& entity = entities[e];
        bool member = !entity.groups.empty();
        for (const Alias& alias : entity.aliases) {
            std::vector<Word> words = split_words(alias.text);
            if (words.empty()) continue;
            Candidate c;
            c.entity = e;
            for (const Word& w : words) c.words.push_back(w.key);
            bool one_word = words.size() == 1;
            c.cjk = one_word && words[0].cjk;
            bool exact = alias.case_sensitive || all_capitals(alias.text) ||
                         (member && one_word && alias.text == entity.name);
            if (exact && !c.cjk)
                for (const Word& w : words) {
                    c.exact.push_back(as_written(std::string_view(alias.text).substr(w.begin, w.end - w.begin)));
                    c.lower.push_back(Xapian::Unicode::tolower(c.exact.back()));
                }
            c.lead = alias.text.substr(0, words[0].begin);
            c.one_letter = one_word && !c.cjk && codepoints(c.words[0]) == 1;
            // Rule 4, and a hyphenated alias joined ("idle" from "i-dle") is
            // as often another word.
            c.ambiguous = c.one_letter || (exact && one_word && member) || alias.joined;
            c.capitals = exact && !c.cjk && all_capitals(alias.text);
            c.name_word = one_word && !c.cjk && !c.one_letter && !member && entity.kind == "person";
            by_first_word_[words[0].cjk ? first_char(c.words[0]) : c.words[0]].push_back(std::move(c));
        }
    }
    // Rule 1: the longest alias first.
    auto length = [](const Candidate& c) {
        size_t n = 0;
        for (const auto& w : c.words) n += w.size();
        return n;
    };
    for (auto& entry : by_first_word_)
        std::stable_sort(entry.second.begin(), entry.second.end(), [&](const Candidate& a, const Candidate& b) {
            return a.words.size() != b.words.size() ? a.words.size() > b.words.size() : length(a) > length(b);
        });
}

std::vector<Mention> Matcher::find(std::string_view text) const {
    const std::vector<Word> words = split_words(text);
    std::vector<Found> found;

    LineCase line(text);

    // The number of words the candidate matches at words[i] (0: none), the
    // end of the match, and whether an exact alias matched in lower case.
    auto match = [&](const Candidate& c, size_t i, size_t& end, bool& lower) -> size_t {
        const Word& w = words[i];
        if (c.cjk) return cjk_match(c.words[0], w, end) ? 1 : 0;  // rule 6
        const size_t n = c.words.size();
        if (!same_words(text, words, i, c.words)) return 0;
        lower = false;
        if (!written_as(text, words, i, c.exact, c.lower, line, lower)) return 0;
        if (c.one_letter && !stands_as_name(text, words, i)) return 0;
        if (c.ambiguous && hyphen_syllable(text, w)) return 0;
        if (n == 1 && !c.exact.empty() && codepoints(c.words[0]) <= 2 && after_number(text, words, i)) return 0;
        const Word& last = words[i + n - 1];
        std::string_view raw = text.substr(last.begin, last.end - last.begin);
        end = last.cjk ? last.begin + c.words.back().size() : last.end - possessive(raw);
        return n;
    };

    for (size_t i = 0; i < words.size();) {
        size_t used = 0, end = 0;
        bool lower = false;
        auto list = by_first_word_.find(words[i].cjk ? first_char(words[i].key) : words[i].key);
        if (list != by_first_word_.end())
            for (const Candidate& c : list->second)
                if ((used = match(c, i, end, lower))) {
                    size_t begin = words[i].begin;
                    if (!c.lead.empty() && begin >= c.lead.size() && starts(text, begin - c.lead.size(), c.lead))
                        begin -= c.lead.size();
                    const bool ambiguous = c.ambiguous || lower || (c.capitals && line.capitals(begin));  // rule 9
                    found.push_back({{&catalogue_->entities()[c.entity], begin, end}, c.entity, ambiguous, lower,
                                     c.name_word, i, used});
                    break;
                }
        i += used ? used : 1;
    }

    drop_name_parts(text, words, found);
    return confirmed(found, related_);
}

}  // namespace news
