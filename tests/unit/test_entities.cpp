// The entity catalogue (parsing, lookup, the built-in data) and the matcher
// that finds entities in text, down to the three seed articles.
#include "news/entities.hpp"
#include "news/error.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace news;

namespace {

const Catalogue& builtin() {
    static const Catalogue catalogue = Catalogue::builtin();
    return catalogue;
}

// The canonical names found in a text, each once.
std::set<std::string> names_in(const std::string& text) {
    static const Matcher matcher(builtin());
    std::set<std::string> names;
    for (const Mention& m : matcher.find(text)) names.insert(m.entity->name);
    return names;
}

// Each mention in order as "name=matched text": "V=V", "BTS=BTS".
std::vector<std::string> mentions_in(const std::string& text) {
    static const Matcher matcher(builtin());
    std::vector<std::string> out;
    for (const Mention& m : matcher.find(text))
        out.push_back(m.entity->name + "=" + text.substr(m.begin, m.end - m.begin));
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

using Names = std::set<std::string>;

}  // namespace

TEST_CASE("a malformed catalogue line is reported with its source and line") {
    auto [text, message] = GENERATE(table<std::string, std::string>({
        {"# ok\nBTS\tgroup\n\nV", "test.tsv:4: expected 2 to 4 tab-separated columns"},
        {"V\tperson\tTae\tBTS\textra", "test.tsv:1: expected 2 to 4"},
        {"BTS\tgroup\n \tperson\tTae", "test.tsv:2: the name column is empty"},
        {"V\t\tTae", "test.tsv:1: the kind column is empty"},
        {"V\tperson\t---", "test.tsv:1: alias \"---\" has no letters or digits"},
    }));
    Catalogue c;
    INFO(text);
    CHECK_THROWS_WITH(c.add(text, "test.tsv"), Catch::StartsWith(message));
    try {
        c.add(text, "test.tsv");
    } catch (const Error& e) {
        CHECK(e.exit_code() == kExitUsage);
    }
}

TEST_CASE("a catalogue finds an entity by any alias in any case, by name or by slug") {
    auto [alias, name] = GENERATE(table<std::string, std::string>({
        {"kim taehyung", "V"},
        {"Kim Tae-hyung", "V"},
        {"v", "V"},
        {"tae", "V"},
        {"LADY GAGA", "Lady Gaga"},
        {"lady-gaga", "Lady Gaga"},
        {"방탄소년단", "BTS"},
        {"bangtan boys", "BTS"},
        {"j-hope", "J-Hope"},
        {"JHope", ""},
        {"hobi", "J-Hope"},
        {"min yoongi", "Suga"},
        {"beyonce", "Beyoncé"},
        {"rose", "Rosé"},
        {"twice", "TWICE"},
        {"(G)I-DLE", "(G)I-DLE"},
        {"grammys", "Grammy Awards"},
        {"nobody at all", ""},
    }));
    const Entity* e = builtin().find(alias);
    INFO(alias);
    if (name.empty()) {
        CHECK(e == nullptr);
    } else {
        REQUIRE(e != nullptr);
        CHECK(e->name == name);
    }
}

TEST_CASE("an entity's slug is its name folded, words joined by hyphens") {
    auto [name, slug] = GENERATE(table<std::string, std::string>({
        {"Lady Gaga", "lady-gaga"},
        {"J-Hope", "j-hope"},
        {"V", "v"},
        {"Beyoncé", "beyonce"},
        {"Girls' Generation", "girls-generation"},
        {"(G)I-DLE", "g-i-dle"},
        {"방탄소년단", "방탄소년단"},
    }));
    CHECK(entity_slug(name) == slug);
}

TEST_CASE("a later catalogue line adds aliases and groups to the same entity") {
    Catalogue c;
    c.add("V\tperson\tTae\tBTS\nV\tperson\tTaehyung|Tae\tBTS|Solo\n", "a.tsv");
    REQUIRE(c.entities().size() == 1);
    const Entity& v = c.entities()[0];
    CHECK(v.aliases.size() == 3);
    CHECK(v.groups == std::vector<std::string>{"BTS", "Solo"});
    CHECK(v.aliases[0].case_sensitive);  // "V": one letter
    CHECK(c.find("TAEHYUNG") == &v);
}

TEST_CASE("the built-in catalogue parses, and every alias and group resolves") {
    const Catalogue& c = builtin();
    CHECK(c.entities().size() >= 150);
    std::set<std::string> kinds;
    for (const Entity& e : c.entities()) {
        kinds.insert(e.kind);
        INFO(e.name);
        CHECK(c.find(e.name) == &e);
        CHECK(c.find(e.slug) == &e);
        for (const Alias& a : e.aliases) {
            INFO(a.text);
            CHECK(c.find(a.text) == &e);
        }
        for (const std::string& g : e.groups) {
            INFO("group " << g);
            const Entity* group = c.find(g);
            REQUIRE(group != nullptr);
            CHECK(group->name == g);
            CHECK(group->kind == "group");
        }
    }
    CHECK(kinds == std::set<std::string>{"person", "group", "org", "event"});
    // What the indexer stores reads back the same.
    Catalogue again;
    again.add(c.text(), "stored");
    CHECK(again.text() == c.text());
}

TEST_CASE("the matcher finds aliases, longest first, every occurrence") {
    auto [text, expected] = GENERATE(table<std::string, std::vector<std::string>>({
        {"Lady Gaga met Gaga fans", {"Lady Gaga=Lady Gaga", "Lady Gaga=Gaga"}},
        {"BTS’ V aka Kim Taehyung", {"BTS=BTS", "V=V", "V=Kim Taehyung"}},
        {"V's cover, BTS' tour", {"V=V", "BTS=BTS"}},
        {"J-Hope’s caption and j-hope's post", {"J-Hope=J-Hope", "J-Hope=j-hope"}},
        {"LADY GAGA and lady gaga", {"Lady Gaga=LADY GAGA", "Lady Gaga=lady gaga"}},
        {"Beyonce and Beyoncé", {"Beyoncé=Beyonce", "Beyoncé=Beyoncé"}},
        {"Lady\nGaga", {"Lady Gaga=Gaga"}},
        {"a lady. Gaga", {"Lady Gaga=Gaga"}},
        {"J. Cole and T.O.P of BIGBANG", {"J. Cole=J. Cole", "T.O.P=T.O.P", "BIGBANG=BIGBANG"}},
        {"(G)I-DLE sang", {"(G)I-DLE=(G)I-DLE"}},
        {"NCT 127 and NCT", {"NCT 127=NCT 127", "NCT=NCT"}},
        {"the 64th Grammy Awards; the Grammys", {"Grammy Awards=Grammy Awards", "Grammy Awards=Grammys"}},
        {"Taehyung on V Live", {"V=Taehyung", "V Live=V Live"}},
    }));
    INFO(text);
    CHECK(mentions_in(text) == expected);
}

TEST_CASE("exact aliases match only as written") {
    auto [text, expected] = GENERATE(table<std::string, Names>({
        {"Tae and Taehyung", {"V"}},
        {"tae and BTS", {"BTS"}},
        {"Tae and BTS", {"V", "BTS"}},
        {"bts", {}},
        {"TWICE sold out", {"TWICE"}},
        {"Twice a year, twice a day", {}},
        {"SEVENTEEN won; seventeen people", {"SEVENTEEN"}},
        {"she went gaga over it", {}},
        {"Rosé of BLACKPINK", {"Rosé", "BLACKPINK"}},
        {"BLACKPINK shares rose 5%", {"BLACKPINK"}},
        {"ROSE, JENNIE and LISA of Blackpink", {"Rosé", "Jennie", "Lisa", "BLACKPINK"}},
        {"Psy and PSY", {"PSY"}},
    }));
    INFO(text);
    CHECK(names_in(text) == expected);
}

TEST_CASE("a one-letter alias counts only as a name, with context") {
    auto [text, expected] = GENERATE(table<std::string, Names>({
        {"BTS’ V", {"BTS", "V"}},
        {"V himself posted it. BTS thanked fans.", {"V", "BTS"}},
        {"J-Hope said V went to take a photo", {"J-Hope", "V"}},
        {"V, who is a huge fan of Taehyung", {"V"}},
        {"V, who is a huge fan", {}},
        {"Part V of the BTS series", {"BTS"}},
        {"Henry V with BTS", {"BTS"}},
        {"a V-neck like BTS", {"BTS"}},
        {"the V8 engine, BTS", {"BTS"}},
        {"V/H and BTS", {"BTS"}},
        {"U.S.V. and BTS", {"BTS"}},
        {"BTS made a V sign", {"BTS"}},
        {"BTS vitamin V", {"BTS"}},
        {"BTS, 220 V", {"BTS"}},
        {"Grand Theft Auto V by BTS fans", {"BTS"}},
        {"BTS and v", {"BTS"}},
        {"BTS met V.", {"BTS", "V"}},
    }));
    INFO(text);
    CHECK(names_in(text) == expected);
}

TEST_CASE("a group member's ambiguous name needs context") {
    auto [text, expected] = GENERATE(table<std::string, Names>({
        {"Prime Minister Yoshihide Suga said", {}},
        {"prod by Suga, BTS", {"Suga", "BTS"}},
        {"Suga and Min Yoongi", {"Suga"}},
        {"Jin Liqun, president of the bank", {}},
        {"Jin and Jungkook of BTS", {"Jin", "Jungkook", "BTS"}},
        {"Lisa said on Tuesday", {}},
        {"Lisa and Lalisa", {"Lisa"}},
        {"Lee Tae-yong and BTS", {"BTS"}},
        {"Tae-yong and BTS", {"BTS"}},
        {"RM, BTS leader", {"RM", "BTS"}},
        {"1,000 IU of vitamin D", {}},
        {"IU sang", {"IU"}},
    }));
    INFO(text);
    CHECK(names_in(text) == expected);
}

TEST_CASE("Korean aliases match with particles attached") {
    auto [text, expected] = GENERATE(table<std::string, std::vector<std::string>>({
        {"방탄소년단은 뷔가", {"BTS=방탄소년단", "V=뷔"}},
        {"방탄소년단 뷔의 노래", {"BTS=방탄소년단", "V=뷔"}},
        {"뷔는 방탄소년단", {"V=뷔", "BTS=방탄소년단"}},
        {"뷔", {}},
        {"방탄소년단 뷔페", {"BTS=방탄소년단"}},
        {"BTS 슈가와 제이홉", {"BTS=BTS", "Suga=슈가", "J-Hope=제이홉"}},
        {"아이유가", {"IU=아이유"}},
        {"레이디 가가는", {"Lady Gaga=레이디 가가"}},
    }));
    INFO(text);
    CHECK(mentions_in(text) == expected);
}

TEST_CASE("ordinary news prose names nobody") {
    std::string text = GENERATE(as<std::string>{},
        "The U.S. Treasury said on Tuesday that vitamin sales rose, while rain and hope lifted markets.",
        "Part V of the report, Henry V, Type V, a V-shaped recovery and the V8 engine.",
        "Twice a week, seventeen people said the winter was a big hit and a sting to Joy.",
        "Prime Minister Yoshihide Suga met Lisa Murkowski; Chen said Kai and Jin agreed.",
        "Investors went gaga over a red rose, the key and the sugar.",
        "Doses of 1,000 IU; a 12 V battery; Section V; Article V; Title V; World War V.");
    INFO(text);
    CHECK(names_in(text).empty());
}

TEST_CASE("the matcher finds the beat in the seed articles") {
    auto [file, expected] = GENERATE(table<std::string, Names>({
        {"000_94794d201c4013cb", {"BTS", "Lady Gaga", "J-Hope", "V", "Grammy Awards", "Jingle Ball"}},
        {"001_a3c739b97393af1b",
         {"BTS", "V", "Lady Gaga", "J-Hope", "Suga", "Olivia Rodrigo", "Arooj Aftab", "Doja Cat", "SZA",
          "Grammy Awards", "V Live"}},
        {"002_621f14e393696cc3", {"BTS", "V", "Lady Gaga", "Grammy Awards", "Bing Crosby", "Fred Astaire", "V Live"}},
    }));
    std::string text = read_file(NEWS_SOURCE_DIR "/corpus/" + file + ".txt");
    INFO(file);
    CHECK(names_in(text) == expected);
    // Every mention's range holds text that resolves to its entity.
    static const Matcher matcher(builtin());
    for (const Mention& m : matcher.find(text)) {
        std::string matched = text.substr(m.begin, m.end - m.begin);
        INFO(matched);
        CHECK(builtin().find(matched) == m.entity);
    }
}

TEST_CASE("the matcher keeps nothing from one text to the next") {
    // (Its speed is bench/'s business, not a test's.)
    const std::string a = read_file(NEWS_SOURCE_DIR "/corpus/001_a3c739b97393af1b.txt");
    const std::string b = read_file(NEWS_SOURCE_DIR "/corpus/000_94794d201c4013cb.txt");
    static const Matcher matcher(builtin());
    auto names = [&](const std::string& text) {
        std::vector<std::string> out;
        for (const Mention& m : matcher.find(text)) out.push_back(m.entity->name + "@" + std::to_string(m.begin));
        return out;
    };
    const auto first_a = names(a), first_b = names(b);
    CHECK(!first_a.empty());
    CHECK(!first_b.empty());
    for (int i = 0; i < 3; ++i) {
        CHECK(names(a) == first_a);
        CHECK(names(b) == first_b);
    }
}
