#include "news/entities.hpp"

#include "news/error.hpp"
#include "news/text.hpp"

#include <xapian.h>

#include <algorithm>
#include <cctype>

namespace news {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        size_t pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

size_t codepoints(std::string_view s) {
    size_t n = 0;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) ++n;
    return n;
}

// A name's words' keys joined by sep; "" if one is in CJK script and cjk
// is false.
std::string joined_keys(std::string_view name, char sep, bool cjk) {
    std::string key;
    for (const Word& w : split_words(name)) {
        if (w.cjk && !cjk) return {};
        if (!key.empty()) key += sep;
        key += w.key;
    }
    return key;
}

}  // namespace

std::string alias_key(std::string_view alias) { return joined_keys(alias, ' ', true); }

std::string synonym_key(std::string_view alias) { return joined_keys(alias, ' ', false); }  // CJK: n-grams, no synonym

std::string entity_slug(std::string_view name) { return joined_keys(name, '-', true); }

Catalogue Catalogue::builtin() {
    Catalogue c;
    c.add(builtin_text(), "schema/entities.tsv");
    return c;
}

namespace {

// "origin:line: ", before a message about a catalogue line.
std::string where(std::string_view origin, size_t line_no) {
    return std::string(origin) + ":" + std::to_string(line_no) + ": ";
}

// A catalogue line's columns: name, kind, the name's slug, the aliases
// (each with whether a '=' made it exact) and the groups, trimmed.
struct CatalogueLine {
    std::string name, kind, slug;
    std::vector<std::pair<std::string_view, bool>> aliases;  // (the name itself aside)
    std::vector<std::string_view> groups;
};

// The columns of a line that is no comment; throws news::Error (exit code 2)
// for a malformed one.
CatalogueLine parse_line(std::string_view line, std::string_view origin, size_t line_no) {
    std::vector<std::string_view> cols = split(line, '\t');
    if (cols.size() < 2 || cols.size() > 4)
        throw usage_error(where(origin, line_no) +
                          "expected 2 to 4 tab-separated columns (name, kind, aliases, member of), found " +
                          std::to_string(cols.size()));
    CatalogueLine l;
    l.name = std::string(trim(cols[0]));
    l.kind = std::string(trim(cols[1]));
    if (l.name.empty()) throw usage_error(where(origin, line_no) + "the name column is empty");
    if (l.kind.empty())
        throw usage_error(where(origin, line_no) + "the kind column is empty; use person, group, org, ...");
    l.slug = entity_slug(l.name);
    if (l.slug.empty())
        throw usage_error(where(origin, line_no) + "name \"" + l.name + "\" has no letters or digits");
    if (cols.size() >= 3)
        for (std::string_view a : split(cols[2], '|')) {
            a = trim(a);
            if (a.empty()) continue;
            bool exact = a.front() == '=';
            if (exact) a.remove_prefix(1);
            l.aliases.emplace_back(a, exact);
        }
    if (cols.size() == 4)
        for (std::string_view g : split(cols[3], '|')) {
            g = trim(g);
            if (!g.empty()) l.groups.push_back(g);
        }
    return l;
}

}  // namespace

void Catalogue::add(std::string_view text, std::string_view origin) {
    size_t line_no = 0;
    for (std::string_view line : split(text, '\n')) {
        ++line_no;
        std::string_view t = trim(line);
        if (t.empty() || t.front() == '#') continue;
        const CatalogueLine l = parse_line(line, origin, line_no);
        const size_t index = entity_named(l.name, l.kind, l.slug);
        add_alias(index, l.name, false, origin, line_no);
        for (auto [a, exact] : l.aliases) add_alias(index, a, exact, origin, line_no);
        add_joined_forms(index);
        Entity& e = entities_[index];
        for (std::string_view g : l.groups)
            if (std::find(e.groups.begin(), e.groups.end(), g) == e.groups.end()) e.groups.emplace_back(g);
    }
}

// The index of the entity with this slug, added with its name as its first
// alias if new.
size_t Catalogue::entity_named(const std::string& name, const std::string& kind, const std::string& slug) {
    auto found = by_key_.find("slug:" + slug);
    if (found != by_key_.end()) return found->second;
    const size_t index = entities_.size();
    Entity e;
    e.name = name;
    e.slug = slug;
    e.kind = kind;
    e.aliases.push_back({name, codepoints(name) <= 3});
    entities_.push_back(std::move(e));
    by_key_["slug:" + slug] = index;
    return index;
}

// An alias of entities_[index] (exact: written with '='), which must name
// no other entity; one it has already becomes an alias of its own.
void Catalogue::add_alias(size_t index, std::string_view a, bool exact, std::string_view origin, size_t line_no) {
    std::string key = alias_key(a);
    if (key.empty())
        throw usage_error(where(origin, line_no) + "alias \"" + std::string(a) + "\" has no letters or digits");
    // An alias names one entity only.
    auto [it, added] = by_key_.emplace(key, index);
    if (!added && it->second != index)
        throw usage_error(where(origin, line_no) + "alias \"" + std::string(a) + "\" already names \"" +
                          entities_[it->second].name + "\"; an alias may name one entity only");
    Entity& e = entities_[index];
    auto same = std::find_if(e.aliases.begin(), e.aliases.end(), [&](const Alias& x) { return x.text == a; });
    if (same == e.aliases.end())
        e.aliases.push_back({std::string(a), exact || codepoints(a) <= 3});
    else {
        same->joined = false;                  // written out: an alias of its own
        if (exact) same->case_sensitive = true;  // "=TWICE" makes the name itself case-sensitive
    }
}

// A hyphenated alias is also found written as one word ("J-Hope" as
// "JHope", typed `jhope`, tagged #jhope), unless that names another entity;
// the joined form becomes an alias of its own, with the same case rule.
void Catalogue::add_joined_forms(size_t index) {
    const std::vector<Alias> aliases = entities_[index].aliases;
    for (const Alias& a : aliases) {
        std::string joined;
        const std::string& t = a.text;
        for (size_t i = 0; i < t.size(); ++i)
            if (!(t[i] == '-' && i > 0 && i + 1 < t.size() && std::isalnum(static_cast<unsigned char>(t[i - 1])) &&
                  std::isalnum(static_cast<unsigned char>(t[i + 1]))))
                joined += t[i];
        if (joined == t) continue;
        const std::string key = alias_key(joined);
        if (key.empty() || !by_key_.emplace(key, index).second) continue;  // (already an alias, or another's)
        entities_[index].aliases.push_back({joined, a.case_sensitive, true});
    }
}

const Entity* Catalogue::find(std::string_view alias) const {
    auto it = by_key_.find(alias_key(alias));
    if (it == by_key_.end()) it = by_key_.find("slug:" + std::string(alias));
    if (it == by_key_.end()) it = by_key_.find("slug:" + entity_slug(alias));
    return it == by_key_.end() ? nullptr : &entities_[it->second];
}

std::string Catalogue::line(const Entity& e) {
    std::string out = e.name + '\t' + e.kind + '\t';
    bool first = true;
    for (const Alias& a : e.aliases) {
        if (a.joined) continue;  // (derived again when the line is read)
        if (!first) out += '|';
        first = false;
        // Keep an explicit '=' where the case rule would not imply it.
        if (a.case_sensitive && codepoints(a.text) > 3) out += '=';
        out += a.text;
    }
    out += '\t';
    for (size_t i = 0; i < e.groups.size(); ++i) out += (i ? "|" : "") + e.groups[i];
    out += '\n';
    return out;
}

std::string Catalogue::text() const {
    std::string out = "# name\tkind\taliases\tmember of\n";
    for (const Entity& e : entities_) out += line(e);
    return out;
}

// Matcher: see schema/src/matcher.cpp.

}  // namespace news
