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
// kRecognitionRules (news/schema.hpp).
#include "news/entities.hpp"

#include "news/text.hpp"

#include <xapian.h>

#include <algorithm>
#include <unordered_map>

namespace news {
namespace {

// Words before which a one-letter alias is a numeral or a letter ("Part V").
constexpr std::string_view kNotAfter[] = {
    "act",      "amendment", "annex",   "apollo",  "appendix", "article", "auto",    "book",   "category",
    "chapter",  "charles",   "class",   "clause",  "day",      "edward",  "episode", "fantasy", "figure",
    "form",     "gen",       "george",  "grade",   "gregory",  "henry",   "item",    "james",  "john",
    "leo",      "level",     "louis",   "mark",    "mk",       "model",   "part",    "paul",   "phase",
    "philip",   "pius",      "plan",    "richard", "rocky",    "round",   "rule",    "saturn", "schedule",
    "season",   "section",   "series",  "stage",   "table",    "tier",    "title",   "type",   "vitamin",
    "vol",      "volume",    "war",     "william"};
// Words after which it is a shape ("V sign").
constexpr std::string_view kNotBefore[] = {"engine", "formation", "neck", "shape", "shaped", "sign", "signs"};
// Capitalised words that stand before or after a name without being part
// of it (rule 7): "on Monday Drake said", "in May Madonna".
constexpr std::string_view kNotNamePart[] = {
    "april", "august",   "december", "february", "friday", "january",  "july",    "june",   "march",
    "may",   "monday",   "november", "october",  "saturday", "september", "sunday", "thursday", "tuesday",
    "wednesday"};
// Words a title-case headline keeps in lower case (rule 7).
constexpr std::string_view kSmallWords[] = {"and",  "but", "for", "from", "into", "nor",  "off", "onto", "out",
                                            "over", "per", "than", "the", "upon", "via", "with", "yet"};
// Titles before a surname: "Mr Drake" is never the rapper (rule 7).
constexpr std::string_view kTitles[] = {"admiral", "captain", "dame", "doctor", "dr",       "father", "judge",
                                        "lord",    "miss",    "mr",   "mrs",    "ms",       "prof",   "professor",
                                        "rev",     "saint",   "sir",  "st",     "sergeant", "sgt"};
// Korean particles that may follow a one-syllable alias (뷔가).
constexpr std::string_view kParticles[] = {"은", "는", "이", "가", "을", "를", "의",  "와",
                                           "과", "도", "에게", "랑", "이랑", "님"};

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view s) {
    return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

size_t codepoints(std::string_view s) {
    size_t n = 0;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) ++n;
    return n;
}

// The first UTF-8 character of a CJK word.
std::string first_char(const std::string& s) {
    unsigned char c = s.empty() ? 0 : static_cast<unsigned char>(s[0]);
    return s.substr(0, c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1);
}

bool all_capitals(std::string_view s) {
    bool upper = false;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
        auto category = Xapian::Unicode::get_category(*it);
        if (category == Xapian::Unicode::LOWERCASE_LETTER) return false;
        upper |= category == Xapian::Unicode::UPPERCASE_LETTER;
    }
    return upper;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }
bool starts(std::string_view s, size_t at, std::string_view what) { return s.substr(at, what.size()) == what; }

// A word as written: possessive dropped, apostrophes and accents unified.
std::string as_written(std::string_view raw) {
    bool plain = std::all_of(raw.begin(), raw.end(), [](char c) { return c != '\'' && !(c & 0x80); });
    return plain ? std::string(raw) : normalise_text(raw);
}

// Bytes of a possessive 's / ’s ending a word.
size_t possessive(std::string_view raw) {
    if (raw.size() < 3 || (raw.back() != 's' && raw.back() != 'S')) return 0;
    if (raw[raw.size() - 2] == '\'') return 2;
    if (raw.size() > 4 && (starts(raw, raw.size() - 4, "\u2019") || starts(raw, raw.size() - 4, "\u2018"))) return 4;
    return 0;
}

// Whether the gap between two words holds only spaces (and a '.' when dot is true).
bool spaced(std::string_view gap, bool dot) {
    for (size_t k = 0; k < gap.size(); ++k) {
        if (gap[k] == ' ' || gap[k] == '\t' || (dot && gap[k] == '.')) continue;
        if (starts(gap, k, "\u00A0")) { ++k; continue; }
        return false;
    }
    return true;
}

// Whether two words may belong to one alias (rule 2).
bool joined(std::string_view text, const Word& a, const Word& b) {
    std::string_view gap = text.substr(a.end, b.begin - a.end);
    bool space = false, dot = false, bracket = false;
    for (size_t k = 0; k < gap.size(); ++k) {
        char c = gap[k];
        if (c == ' ' || c == '\t') space = true;
        else if (c == '.') dot = true;
        else if (c == '(' || c == ')') bracket = true;
        else if (c == '-' || c == '\'') continue;
        else if (starts(gap, k, "\u00A0")) space = true, k += 1;
        else if (starts(gap, k, "\u2019") || starts(gap, k, "\u2018") || starts(gap, k, "\u2010") ||
                 starts(gap, k, "\u2011")) k += 2;
        else return false;
    }
    return (!dot || codepoints(a.key) == 1) && !(bracket && space);
}

// Rule 5: a one-letter alias at words[i] stands as a name.
bool stands_as_name(std::string_view text, const std::vector<Word>& words, size_t i) {
    const Word& w = words[i];
    auto glued = [](char c) { return c == '-' || c == '/' || c == '&' || c == '+' || c == '.' || is_digit(c); };
    if (w.begin > 0 && glued(text[w.begin - 1])) return false;
    if (w.end < text.size() && glued(text[w.end])) {
        // "V." ending a sentence is a name; "V.I.P." is not.
        bool initialism = text[w.end] != '.' || (w.end + 1 < text.size() && is_letter(text[w.end + 1]));
        if (initialism) return false;
    }
    if (i > 0 && spaced(text.substr(words[i - 1].end, w.begin - words[i - 1].end), true) &&
        in(kNotAfter, words[i - 1].key))
        return false;
    if (i + 1 < words.size() && spaced(text.substr(w.end, words[i + 1].begin - w.end), false) &&
        in(kNotBefore, words[i + 1].key))
        return false;
    return true;
}

// Rule 7: whether a word is written as a name: a capital, then not only
// capitals ("Vera", "McCartney"; not "BTS", "I").
bool capitalised(std::string_view raw) {
    Xapian::Utf8Iterator it(raw.data(), raw.size());
    if (it == Xapian::Utf8Iterator() || Xapian::Unicode::get_category(*it) != Xapian::Unicode::UPPERCASE_LETTER)
        return false;
    for (++it; it != Xapian::Utf8Iterator(); ++it)
        if (Xapian::Unicode::get_category(*it) == Xapian::Unicode::LOWERCASE_LETTER) return true;
    return false;
}

// Rule 7: whether the text at `at` starts a sentence or a line (quotes and
// brackets before it aside).
bool sentence_start(std::string_view text, size_t at) {
    while (at > 0) {
        unsigned char c = static_cast<unsigned char>(text[at - 1]);
        if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[') { --at; continue; }
        if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
        if (c & 0x80) {  // a quote, NBSP or ellipsis: step over the whole character
            size_t k = at - 1;
            while (k > 0 && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;
            std::string_view ch = text.substr(k, at - k);
            if (ch == "\u2026") return true;
            if (ch == "\u201C" || ch == "\u2018" || ch == "\u00A0" || ch == "\u00AB") { at = k; continue; }
        }
        return false;
    }
    return true;
}

// Rule 7: whether the line around `at` is in title case ("Fans Slam Drake
// Over Tour Dates", "Happy Birthday Jimin"): two capitalised words or more,
// and no word of three letters or more in lower case but the small words
// such headlines keep in lower case.
bool title_case_line(std::string_view text, size_t at) {
    size_t begin = text.rfind('\n', at);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    size_t end = std::min(text.find('\n', at), text.size());
    size_t capitals = 0;
    for (size_t k = begin; k < end;) {
        while (k < end && !is_letter(text[k]) && !(text[k] & 0x80)) ++k;
        size_t start = k;
        while (k < end && (is_letter(text[k]) || (text[k] & 0x80))) ++k;
        if (start == k) continue;
        if (text[start] >= 'A' && text[start] <= 'Z') ++capitals;
        else if (is_lower(text[start]) && k - start >= 3 && !in(kSmallWords, text.substr(start, k - start)))
            return false;
    }
    return capitals >= 2;
}

// Rule 8: whether the line from `begin` to `end` is written in lower case:
// a lower-case letter, and no capital outside links, @handles and
// #hashtags.
bool lower_case_line(std::string_view text, size_t begin, size_t end) {
    bool lower = false;
    for (size_t k = begin; k < end;) {
        while (k < end && (text[k] == ' ' || text[k] == '\t')) ++k;
        size_t start = k;
        while (k < end && text[k] != ' ' && text[k] != '\t') ++k;
        std::string_view token = text.substr(start, k - start);
        if (token.empty() || token[0] == '@' || token[0] == '#' || token.find("://") != std::string_view::npos ||
            token.find("pic.twitter.com/") != std::string_view::npos)
            continue;
        for (Xapian::Utf8Iterator it(token.data(), token.size()); it != Xapian::Utf8Iterator(); ++it) {
            auto category = Xapian::Unicode::get_category(*it);
            if (category == Xapian::Unicode::UPPERCASE_LETTER || category == Xapian::Unicode::TITLECASE_LETTER)
                return false;
            lower |= category == Xapian::Unicode::LOWERCASE_LETTER;
        }
    }
    return lower;
}

// Rule 9: whether the line from `begin` to `end` is written in capitals
// (a headline, a wire's slug line: "TEXTRON <TXT> UNIT STRIKE ENDS"): three
// words of two letters or more, and no lower-case letter.
bool capitals_line(std::string_view text, size_t begin, size_t end) {
    size_t words = 0, letters = 0;
    for (Xapian::Utf8Iterator it(text.data() + begin, end - begin); it != Xapian::Utf8Iterator(); ++it) {
        auto category = Xapian::Unicode::get_category(*it);
        if (category == Xapian::Unicode::LOWERCASE_LETTER) return false;
        letters = category == Xapian::Unicode::UPPERCASE_LETTER ? letters + 1 : 0;
        words += letters == 2;
    }
    return words >= 3;
}

// Rules 8 and 9: how the line holding text[at] is written (the last line
// asked about is remembered: words come in order).
class LineCase {
public:
    explicit LineCase(std::string_view text) : text_(text) {}
    bool lower(size_t at) {
        at_line(at);
        if (lower_ < 0) lower_ = lower_case_line(text_, begin_, end_);
        return lower_ > 0;
    }
    bool capitals(size_t at) {
        at_line(at);
        if (upper_ < 0) upper_ = capitals_line(text_, begin_, end_);
        return upper_ > 0;
    }

private:
    void at_line(size_t at) {
        if (begin_ != std::string_view::npos && at >= begin_ && at < end_) return;
        size_t b = at == 0 ? std::string_view::npos : text_.rfind('\n', at - 1);
        begin_ = b == std::string_view::npos ? 0 : b + 1;
        end_ = std::min(text_.find('\n', at), text_.size());
        lower_ = upper_ = -1;
    }
    std::string_view text_;
    size_t begin_ = std::string_view::npos, end_ = 0;
    int lower_ = -1, upper_ = -1;  // -1: not known yet
};

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

// Rule 7: whether words[i] is followed by "of the" and a capitalised word,
// a work's title ("Raphael's Madonna of the Pinks").
bool in_title(std::string_view text, const std::vector<Word>& words, size_t i) {
    if (i + 3 >= words.size() || words[i + 1].key != "of" || words[i + 2].key != "the") return false;
    for (size_t j = i; j < i + 3; ++j)
        if (!spaced(text.substr(words[j].end, words[j + 1].begin - words[j].end), false)) return false;
    return capitalised(text.substr(words[i + 3].begin, words[i + 3].end - words[i + 3].begin));
}

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
        return !in_mention[k] && !w.cjk && possessive(raw) == 0 && capitalised(raw) && !in(kNotNamePart, w.key);
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
        if (k < words.size() && (in(kTitles, words[k].key) || (!sentence_start(text, words[k].begin) &&
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

// Rule 4: "Tae" in "Tae-yong", "Jin" in "Seok-jin".
bool hyphen_syllable(std::string_view text, const Word& w) {
    return (w.end + 1 < text.size() && text[w.end] == '-' && is_lower(text[w.end + 1])) ||
           (w.begin >= 2 && text[w.begin - 1] == '-' && is_lower(text[w.begin - 2]));
}

}  // namespace

Matcher::Matcher(const Catalogue& catalogue) : catalogue_(&catalogue) {
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
    auto length = [](const Candidate& c) {
        size_t n = 0;
        for (const auto& w : c.words) n += w.size();
        return n;
    };
    for (auto& entry : by_first_word_)
        std::stable_sort(entry.second.begin(), entry.second.end(), [&](const Candidate& a, const Candidate& b) {
            return a.words.size() != b.words.size() ? a.words.size() > b.words.size() : length(a) > length(b);
        });

    // Related: itself, a fellow member of one of its groups, a group it is in,
    // a member of it.  Looked up by name (every pair of entities compared was
    // a tenth of a small re-run's time).
    std::unordered_map<std::string, std::vector<size_t>> named, members;
    for (size_t e = 0; e < entities.size(); ++e) {
        named[entities[e].name].push_back(e);
        for (const std::string& g : entities[e].groups) members[g].push_back(e);
    }
    auto add = [](std::vector<size_t>& to, const auto& map, const std::string& key) {
        auto it = map.find(key);
        if (it != map.end()) to.insert(to.end(), it->second.begin(), it->second.end());
    };
    related_.resize(entities.size());
    for (size_t a = 0; a < entities.size(); ++a) {
        std::vector<size_t>& r = related_[a];
        r.push_back(a);
        for (const std::string& g : entities[a].groups) {
            add(r, members, g);  // fellow members
            add(r, named, g);    // its groups
        }
        add(r, members, entities[a].name);  // its members
        std::sort(r.begin(), r.end());
        r.erase(std::unique(r.begin(), r.end()), r.end());
    }
}

std::vector<Mention> Matcher::find(std::string_view text) const {
    const std::vector<Word> words = split_words(text);
    std::vector<Found> found;

    LineCase line(text);

    // The number of words the candidate matches at words[i] (0: none), the
    // end of the match, and whether an exact alias matched in lower case.
    auto match = [&](const Candidate& c, size_t i, size_t& end, bool& lower) -> size_t {
        const Word& w = words[i];
        if (c.cjk) {  // rule 6
            const std::string& alias = c.words[0];
            if (!w.cjk || w.key.compare(0, alias.size(), alias) != 0) return 0;
            std::string_view rest = std::string_view(w.key).substr(alias.size());
            if (!rest.empty() && codepoints(alias) == 1 && !in(kParticles, rest)) return 0;
            end = w.begin + alias.size();
            return 1;
        }
        size_t n = c.words.size();
        if (i + n > words.size() || (w.begin > 0 && text[w.begin - 1] == '<')) return 0;  // rule 9: <TXT>
        for (size_t k = 0; k < n; ++k) {
            const Word& v = words[i + k];
            bool prefix = k + 1 == n && v.cjk;  // a particle may follow the last CJK word
            if (prefix ? v.key.compare(0, c.words[k].size(), c.words[k]) != 0 : v.key != c.words[k]) return 0;
            if (k > 0 && !joined(text, words[i + k - 1], v)) return 0;
        }
        lower = false;
        for (size_t k = 0; k < c.exact.size(); ++k) {
            const Word& v = words[i + k];
            if (v.cjk) continue;
            const std::string written = as_written(text.substr(v.begin, v.end - v.begin));
            if (written == c.exact[k]) continue;
            if (written != c.lower[k] || !line.lower(v.begin)) return 0;  // rule 8
            lower = true;
        }
        if (c.one_letter && !stands_as_name(text, words, i)) return 0;
        if (c.ambiguous && hyphen_syllable(text, w)) return 0;
        if (n == 1 && !c.exact.empty() && codepoints(c.words[0]) <= 2 && i > 0 && is_digit(words[i - 1].key[0]) &&
            spaced(text.substr(words[i - 1].end, w.begin - words[i - 1].end), false))
            return 0;
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

    // Rule 4: an ambiguous mention needs a related entity named
    // unambiguously; rule 8: one in lower case, the entity itself.
    std::vector<char> named(catalogue_->entities().size(), 0);
    for (const Found& f : found)
        if (!f.ambiguous) named[f.entity] = 1;
    std::vector<Mention> out;
    out.reserve(found.size());
    for (const Found& f : found) {
        const std::vector<size_t>& related = related_[f.entity];
        if (f.lower ? named[f.entity] != 0
                    : !f.ambiguous ||
                          std::any_of(related.begin(), related.end(), [&](size_t e) { return named[e] != 0; }))
            out.push_back(f.mention);
    }
    return out;
}

}  // namespace news
