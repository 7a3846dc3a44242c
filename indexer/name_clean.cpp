#include "name_clean.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

namespace news::indexer {
namespace {

using Words = std::unordered_set<std::string_view>;

// Words that say what someone is, before their name: "Mr Blair", "Treasury
// Secretary James Baker", "Prime Minister Yasuhiro Nakasone", which the
// tagger gives as a person, an organisation or even a place.
bool is_title(std::string_view w) {
    static const Words kTitles = {
        "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Lord", "Lady", "Dame", "Baroness", "Baron", "Prof", "Prof.",
        "Professor", "President", "Secretary", "Minister", "Chancellor", "Chairman", "Chairwoman", "Senator",
        "Sen.", "Rep.", "Gov.", "Governor", "Premier", "Ambassador", "Spokesman", "Spokeswoman", "Judge",
        "Commissioner", "PM"};
    return kTitles.count(w) > 0;
}

// Words that make a title with those above, but may start a name of
// their own ("General Motors", "Home Office"): a name of titles and these
// alone is a title ("Attorney General", "Prime Minister", "Home Secretary").
bool is_title_part(std::string_view w) {
    static const Words kParts = {"Prime", "Deputy", "Foreign", "Home", "Shadow", "Attorney", "General", "Solicitor",
                                 "Chief", "Executive", "Vice", "Defence", "Health", "Trade", "Culture", "Education",
                                 "Transport", "Environment", "Work", "Pensions", "State"};
    return is_title(w) || kParts.count(w) > 0;
}

// Words after a person's name that are no part of it ("Frank Field MP").
bool is_suffix(std::string_view w) {
    return w == "MP" || w == "MEP" || w == "QC" || w == "MPs" || w == "MEPs" || w == "MSP";
}

// Words of events and awards that the tagger gives as organisations or
// people ("the General Election", "an Oscar nomination": BBC's "Oscar" was
// a person in 52 documents); a name of these and titles' words alone is none.
bool is_event_word(std::string_view w) {
    static const Words kEvents = {"Election", "Elections", "Poll", "Polls", "Referendum", "By-election",
                                  "By-Election", "Oscar", "Oscars", "Grammy", "Grammys", "Emmy", "Emmys",
                                  "Bafta", "Baftas", "Bafta's"};
    return kEvents.count(w) > 0;
}

// Words that make a person's name something else: "the Reagan
// Administration" is no person.
bool is_not_person(std::string_view w) {
    return w == "Administration" || w == "administration" || w == "Government" || w == "government" ||
           w == "Cabinet" || w == "cabinet";
}

// Days, months and holidays: dates, not names, however the tagger reads
// "in time for Christmas" ("May" left out: a surname too).
bool is_date_word(std::string_view w) {
    static const Words kDates = {
        "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Christmas",
        "Xmas", "Easter", "Thanksgiving", "Halloween", "Hanukkah", "Ramadan", "Diwali", "Eid", "Passover", "Lent",
        "New", "Year", "Year's", "Year’s", "Eve", "Day", "Boxing", "Good"};
    return kDates.count(w) > 0;
}

// Pronouns and words that, written with a capital after a run's first
// word, make the run a work's title ("Born This Way", "Rain On Me", "Photos
// Of The Oscar-Winner"): names write them in lower case ("Bank of England").
// (Not "A", "I", "All", "Down": "Serie A", "World War I", "All Blacks",
// "County Down".)
bool is_title_case_word(std::string_view w) {
    static const Words kSmall = {"This", "That", "These", "Those", "On", "Me", "My", "Her", "His", "Your", "Our",
                                 "Their", "Its", "From", "For", "To", "With", "In", "At", "By", "Up", "Into",
                                 "Through", "Is", "Are", "Was", "Were", "Be", "You", "We", "It", "They", "She",
                                 "He", "Of", "The", "And", "Like", "I'm", "I’m"};
    return kSmall.count(w) > 0;
}

// Words that open a sentence and link it to the last ("Moreover, the
// bank said"), which the tagger reads as a surname (Reuters: "Moreover" a
// person in 26 documents, "Furthermore" 20, "Additionally" 16).
bool is_sentence_adverb(std::string_view w) {
    static const Words kLinks = {
        "Moreover",  "Furthermore",  "Additionally", "Firstly",      "Secondly",     "Thirdly",     "Finally",
        "Lastly",    "However",      "Meanwhile",    "Nevertheless", "Nonetheless",  "Therefore",   "Thus",
        "Hence",     "Also",         "Besides",      "Instead",      "Otherwise",    "Overall",     "Separately",
        "Indeed",    "Consequently", "Accordingly",  "Similarly",    "Likewise",     "Alternatively",
        "Initially", "Subsequently", "Previously",   "Currently",    "Recently",     "Earlier",     "Later",
        "Today",     "Yesterday",    "Tomorrow"};
    return kLinks.count(w) > 0;
}

bool is_pronoun(std::string_view w) { return w == "I" || w == "I'm" || w == "I’m" || w == "We" || w == "You"; }

// Lower-case words that join the capitalised words of one name or title
// ("Bank of England", "Breakfast with Frost").
bool is_connector(std::string_view w) {
    static const Words kJoin = {"of", "the", "and", "with", "on", "in", "at", "for", "from", "to", "de", "da",
                                "van", "von", "der", "du", "la", "le", "bin", "al", "el", "di", "des", "dos", "y", "upon"};
    return kJoin.count(w) > 0;
}

// Nouns that say the title before them is a work's ("the Christmas Tree
// hitmaker", "Radio 4's PM programme").
bool is_work_noun(std::string_view w) {
    return w == "hitmaker" || w == "hit-maker" || w == "hitmakers" || w == "programme" || w == "programmes";
}

bool starts_capital(std::string_view w) {
    if (w.empty()) return false;
    const auto c = static_cast<unsigned char>(w.front());
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == 0xC3 || c == 0xC4 || c == 0xC5;
}

// A word of the line without its quotes and punctuation; whether some were
// before it (a quotation opens) or after it (one closes, a clause ends) and
// whether it is a possessive ("BBC's": its owner, a name of its own).
struct Word {
    std::string_view core;
    bool before = false, after = false, possessive = false;
};

Word word_at(std::string_view w) {
    static constexpr std::string_view kOpen[] = {"\"", "'", "(", "[", "\xE2\x80\x9C", "\xE2\x80\x98"};
    static constexpr std::string_view kClose[] = {"\"", "'", ")", "]", ",", ".", ";", ":", "!", "?",
                                                  "\xE2\x80\x9D", "\xE2\x80\x99"};
    Word out;
    for (bool more = true; more && !w.empty();) {
        more = false;
        for (std::string_view p : kOpen)
            if (w.substr(0, p.size()) == p) w.remove_prefix(p.size()), out.before = more = true;
    }
    for (bool more = true; more && !w.empty();) {
        more = false;
        for (std::string_view p : kClose)
            if (w.size() >= p.size() && w.substr(w.size() - p.size()) == p)
                w.remove_suffix(p.size()), out.after = more = true;
    }
    for (std::string_view s : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
        if (w.size() > s.size() && w.substr(w.size() - s.size()) == s) out.possessive = true;
    out.core = w;
    return out;
}

// The word ending right before `at` (a space before `at`), or the one
// starting right after it; empty at the line's ends or next to punctuation.
std::string_view word_before(std::string_view line, size_t at) {
    if (at < 2 || line[at - 1] != ' ') return {};
    const size_t end = at - 1;
    const size_t sp = line.rfind(' ', end - 1);
    const size_t begin = sp == std::string_view::npos ? 0 : sp + 1;
    return line.substr(begin, end - begin);
}
std::string_view word_after(std::string_view line, size_t at) {
    if (at >= line.size() || line[at] != ' ') return {};
    const size_t begin = at + 1;
    return line.substr(begin, std::min(line.find(' ', begin), line.size()) - begin);
}

// Whether the span [begin, end) lies in a work's title: a run of capitalised
// words (lower-case connectors between them) around it that capitalises a
// title-case word after its first, or is followed by a work noun.
bool in_work_title(std::string_view line, size_t begin, size_t end) {
    bool title_case = false;
    size_t first = begin;  // where the run's first word starts
    for (std::string_view w = word_before(line, first); !w.empty(); w = word_before(line, first)) {
        const Word x = word_at(w);
        const bool join = is_connector(x.core) && starts_capital(word_at(word_before(line, w.data() - line.data())).core);
        if (x.possessive || x.after || (!starts_capital(x.core) && !join)) break;
        first = static_cast<size_t>(w.data() - line.data());
        if (x.before) break;
    }
    std::vector<std::string_view> run;
    for (size_t at = first; at < end;) {
        const std::string_view w = line.substr(at, std::min(line.find(' ', at), end) - at);
        run.push_back(word_at(w).core);
        at += w.size() + 1;
    }
    std::string_view next;
    bool closed = end < line.size() && line[end] != ' ';
    if (closed) {  // (a quotation that ends with the name: "the “Born This Way” singer")
        const std::string_view tail = line.substr(end, std::min(line.find(' ', end), line.size()) - end);
        const Word t = word_at(tail);
        if (t.core.empty() && tail.back() != ',' && tail.back() != '.' && tail.back() != ';' && tail.back() != ':')
            next = word_at(word_after(line, end + tail.size())).core;
    }
    for (size_t at = end; !closed;) {
        const std::string_view w = word_after(line, at);
        if (w.empty()) break;
        const Word x = word_at(w);
        const bool join = !x.after && is_connector(x.core) &&
                          starts_capital(word_at(word_after(line, at + 1 + w.size())).core);
        if (!starts_capital(x.core) && !join) {
            next = x.core;
            break;
        }
        run.push_back(x.core);
        at += 1 + w.size();
        closed = x.after || x.possessive;
        if (closed && !x.possessive && w.back() != ',' && w.back() != '.' && w.back() != ';' && w.back() != ':')
            next = word_at(word_after(line, at)).core;  // ("the “Born This Way” singer")
    }
    for (size_t i = 1; i < run.size(); ++i) title_case = title_case || is_title_case_word(run[i]);
    return title_case || is_work_noun(next);
}

std::vector<std::string_view> words_of(std::string_view form) {
    std::vector<std::string_view> words;
    for (size_t start = 0, sp = 0; start <= form.size(); start = sp + 1) {
        sp = std::min(form.find(' ', start), form.size());
        if (sp > start) words.push_back(form.substr(start, sp - start));
    }
    return words;
}

bool capitalised(std::string_view w) { return !w.empty() && w.front() >= 'A' && w.front() <= 'Z'; }

// Whether a name can be one: a capital (or a letter beyond ASCII), more
// than one letter, a capital in its first word (or a joining word), no
// ", " (a list), and after its first word no lower-case word but those
// that join names ("U" of "Love U", "horizon", "Cabinet allies" are the
// tagger's slips; "Bank of England", "Osama bin Laden" are names).
bool looks_like_name(std::string_view name) {
    if (name.size() < 2) return false;
    const std::vector<std::string_view> w = words_of(name);
    if (!is_connector(w[0]) && std::none_of(w[0].begin(), w[0].end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
        }))
        return false;  // ("high-definition TVs"; but "iPod", "eBay", "de Gaulle")
    if (name.find(", ") != std::string_view::npos) return false;  // a list ("Aviator, Million Dollar Baby")
    for (size_t i = 1; i < w.size(); ++i)
        if (w[i].front() >= 'a' && w[i].front() <= 'z' && !is_connector(w[i])) return false;
    return std::any_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    });
}

}  // namespace

bool is_number_word(std::string_view w) {
    static const Words kNumbers = {"one",     "two",      "three",   "four",    "five",  "six",    "seven",
                                   "eight",   "nine",     "ten",     "eleven",  "twelve", "twenty", "thirty",
                                   "forty",   "fifty",    "hundred", "thousand", "million", "billion", "first",
                                   "second",  "third",    "fourth"};
    if (w.empty() || w.size() > 8) return false;
    std::string lower(w);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return kNumbers.count(lower) > 0;
}

bool is_designator(std::string_view w) {
    static const Words kCompany = {"Corp", "Corp.", "Co", "Co.", "Cos", "Inc", "Inc.", "Ltd", "Ltd.", "Plc", "PLC",
                                   "plc", "LLC", "SA", "AG", "NV", "BV", "GmbH", "Corporation", "Company", "Limited",
                                   "CORP", "CO", "COS", "INC", "LTD", "CORPORATION", "COMPANY", "LIMITED"};
    return kCompany.count(w) > 0;
}

std::string_view company_head(std::string_view name) {
    const std::vector<std::string_view> w = words_of(name);
    size_t n = w.size();
    while (n > 0 && is_designator(w[n - 1])) --n;
    if (n == 0 || n == w.size()) return {};
    return name.substr(0, static_cast<size_t>(w[n - 1].data() + w[n - 1].size() - name.data()));
}

std::optional<std::pair<FieldId, std::string_view>> cleaned(FieldId f, std::string_view line, size_t begin,
                                                            size_t end) {
    const std::string_view form = line.substr(begin, end - begin);
    const std::vector<std::string_view> words = words_of(form);
    if (words.empty() ||
        std::all_of(words.begin(), words.end(),
                    [](std::string_view w) { return is_title_part(w) || is_suffix(w) || is_event_word(w); }) ||
        std::all_of(words.begin(), words.end(), is_designator) ||
        std::all_of(words.begin(), words.end(),
                    [](std::string_view w) {
                        return is_date_word(w) || is_pronoun(w) || is_number_word(w) || is_sentence_adverb(w);
                    }) ||
        in_work_title(line, begin, end))
        return std::nullopt;
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
    if (first >= last || std::all_of(words.begin() + static_cast<long>(first), words.begin() + static_cast<long>(last),
                                     is_title_part))
        return std::nullopt;
    const size_t b = static_cast<size_t>(words[first].data() - form.data());
    const size_t e = static_cast<size_t>(words[last - 1].data() + words[last - 1].size() - form.data());
    const std::string_view name = form.substr(b, e - b);
    if (!looks_like_name(name)) return std::nullopt;
    return std::pair{f, name};
}

}  // namespace news::indexer
