// The entity catalogue (artists, groups and other people and organisations
// of the beat, with their aliases) and the matcher that finds them in text.
//
// The catalogue is a data file, schema/entities.tsv, built into the library;
// users add their own with `news-index --entities FILE` (same format).  The
// indexer stores the catalogue it used in the database (kMetaCatalogue), so
// news-search resolves exactly the aliases the index was built with.
//
// File format: UTF-8, one entity per line, tab-separated columns
//     name <TAB> kind <TAB> aliases <TAB> member of
// where aliases and "member of" are lists separated by '|' (either may be
// empty; the canonical name is always an alias).  '#' starts a comment line;
// blank lines are ignored.  An alias written with a leading '=' matches only
// with exactly that case ("=Rain"); aliases of one to three characters
// ("V", "Tae", "RM") always match only as written.  A later line with the same
// name adds aliases and groups to the earlier entity.  A hyphenated alias
// brings its joined form ("J-Hope": "JHope") unless that names another.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace news {

struct Alias {
    std::string text;             // as written in the catalogue, '=' removed
    bool case_sensitive = false;  // match only with this exact case
    bool joined = false;          // a hyphenated alias joined ("JHope"): not in the entity's line
};

struct Entity {
    std::string name;                 // canonical display name: "V", "Lady Gaga"
    std::string slug;                 // the XE term value: "v", "lady-gaga"
    std::string kind;                 // "person", "group", "org", ...
    std::vector<Alias> aliases;       // includes the name itself
    std::vector<std::string> groups;  // canonical names of the groups it belongs to
};

// Lower-case, accent-folded, words joined by '-': "Lady Gaga" → "lady-gaga",
// "J-Hope" → "j-hope", "방탄소년단" → "방탄소년단".
std::string entity_slug(std::string_view name);

// The folded key of an alias, under which Catalogue::find() knows it: its
// words' keys joined by one space ("Kim Tae-hyung" → "kim tae hyung",
// "방탄소년단" → "방탄소년단").
std::string alias_key(std::string_view alias);

// The key of an alias in an index's synonym table (news/index_catalogue.hpp):
// its words' keys joined by one space ("Kim Taehyung" → "kim taehyung"), as
// the query parser looks a query's words up; "" for an alias with a word in
// CJK script (indexed as n-grams, which no synonym key can name).
std::string synonym_key(std::string_view alias);

class Catalogue {
public:
    // The catalogue built into the library (schema/entities.tsv).
    static Catalogue builtin();
    static std::string_view builtin_text();

    // Parse and add a catalogue text.  Throws news::Error (exit code 2) with
    // "origin:line: message" for a malformed line.
    void add(std::string_view text, std::string_view origin);

    // The entity with this alias (any case, accents folded; a case-sensitive
    // alias also matches in any case here: this is for what users type), or
    // with this canonical name or slug; nullptr if none.
    const Entity* find(std::string_view alias) const;

    const std::vector<Entity>& entities() const { return entities_; }

    // The catalogue as text in the file format (what the indexer stores),
    // and one entity's line of it (with its '\n').
    std::string text() const;
    static std::string line(const Entity& entity);

private:
    size_t entity_named(const std::string& name, const std::string& kind, const std::string& slug);
    void add_alias(size_t index, std::string_view alias, bool exact, std::string_view origin, size_t line_no);
    void add_joined_forms(size_t index);

    std::vector<Entity> entities_;
    std::unordered_map<std::string, size_t> by_key_;  // folded alias / slug → index
};

// An entity found in a text: byte range of the matched alias.
struct Mention {
    const Entity* entity = nullptr;
    size_t begin = 0;
    size_t end = 0;
};

// Finds catalogue entities in a text.  Prefers the longest alias at each
// position ("Kim Taehyung" over "Kim"); matches whole words only; respects
// case-sensitive aliases; and a one-letter alias ("V") counts only where it
// stands as a name: not after words such as "Part", "Chapter", "Henry",
// not joined to a hyphen or digit ("V-neck", "V8"), and only in a text that
// also names the entity another way or names one of its groups or fellow
// members ("BTS", "Taehyung", "J-Hope"); a solo artist's one-word alias
// ("Drake") does not count inside a longer name ("the film Vera Drake");
// in a line written all in lower case, an alias that must match as written
// also matches in lower case where the text names the entity another way
// ("gaga" in a fan's post, read with an article naming Lady Gaga).
// The rules are numbered in schema/src/matcher.cpp; when they change what is
// recognised, kRecognitionRules (news/schema.hpp) takes the next number.
class Matcher {
public:
    explicit Matcher(const Catalogue& catalogue);
    std::vector<Mention> find(std::string_view text) const;

private:
    // An alias ready to compare: its folded words, and how it may match
    // (the rules are in schema/src/matcher.cpp).
    struct Candidate {
        std::vector<std::string> words;  // folded word keys
        std::vector<std::string> exact;  // the words as written, for an exact alias; else empty
        std::vector<std::string> lower;  // and in lower case (rule 8)
        std::string lead;                // punctuation before the first word: "(" of "(G)I-DLE"
        size_t entity = 0;
        bool cjk = false;         // one CJK word: matches at the start of a CJK run
        bool one_letter = false;  // "V": must stand as a name
        bool ambiguous = false;   // counts only with context
        bool name_word = false;   // a solo artist's one-word alias: not inside a longer name
        bool capitals = false;    // exact because written in capitals ("TXT"): ambiguous in a line in capitals
    };
    const Catalogue* catalogue_;
    // first word key (a CJK alias: its first character) → candidates, longest first
    std::unordered_map<std::string, std::vector<Candidate>> by_first_word_;
    std::vector<std::vector<size_t>> related_;  // per entity: itself, its groups, fellow members (sorted)
};

}  // namespace news
