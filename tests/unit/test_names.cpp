#include "news/names.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace news;

namespace {

// The names of a text as "TYPE text" strings, in order.
std::vector<std::string> names_of(std::string_view text) {
    std::vector<std::string> out;
    for (const NameSpan& n : NameTagger::shipped().find_names(text)) {
        REQUIRE(n.begin < n.end);
        REQUIRE(n.end <= text.size());
        out.push_back(std::string(name_type_code(n.type)) + " " + std::string(text.substr(n.begin, n.end - n.begin)));
    }
    return out;
}

bool any_name_contains(std::string_view text, std::string_view part) {
    for (const auto& n : names_of(text))
        if (n.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("clear sentences give their people, organisations and places") {
    using V = std::vector<std::string>;
    auto [text, names] = GENERATE(table<std::string, V>({
        {"Tony Blair met Gerhard Schroeder in Berlin on Monday, the BBC said.",
         V{"PER Tony Blair", "PER Gerhard Schroeder", "LOC Berlin", "ORG BBC"}},
        {"Tony Blair met Helmut Kohl in Berlin on Monday, the BBC said.",
         V{"PER Tony Blair", "PER Helmut Kohl", "LOC Berlin", "ORG BBC"}},
        {"Samsung Electronics said on Tuesday it would build a plant in Vietnam.",
         V{"ORG Samsung Electronics", "LOC Vietnam"}},
        {"The European Commission said it disagreed with German advice to consumers.",
         V{"ORG European Commission", "MISC German"}},
    }));
    CAPTURE(text);
    CHECK(names_of(text) == names);
}

TEST_CASE("tokens are cut as CoNLL's: abbreviations whole, 's and punctuation apart") {
    CHECK(names_of("Mr. Blair's government spoke to the U.S. Treasury.") ==
          std::vector<std::string>{"PER Blair", "ORG U.S. Treasury"});
    CHECK(NameTagger::shipped().tag_tokens({"Peter", "Blackburn"}) == std::vector<std::string>{"B-PER", "I-PER"});
}

TEST_CASE("handles, hashtags, URLs and e-mail addresses are never names") {
    std::string text = "Thanks @BTS_twt and @Reuters for the show! #BTSARMY #London https://t.co/AbCd www.Example.com "
                       "Write to News@Example.com";
    for (const char* part : {"@", "#", "http", "www", "Example", "BTS_twt"}) {
        CAPTURE(part);
        CHECK_FALSE(any_name_contains(text, part));
    }
}

TEST_CASE("Korean, Japanese and Chinese words are never names") {
    std::string text = "방탄소년단 콘서트 서울 東京 ソウル in Seoul on Saturday";
    for (const auto& n : names_of(text)) CHECK(n == "LOC Seoul");
    CHECK(names_of("방탄소년단이 서울에서 콘서트를 열었다.").empty());
}

TEST_CASE("headlines in capitals give no junk") {
    auto names = names_of("EU REJECTS GERMAN CALL TO BOYCOTT BRITISH LAMB");
    for (const auto& n : names) {
        CAPTURE(n);
        for (const char* word : {"REJECTS", "CALL", "BOYCOTT", "LAMB"}) CHECK(n.find(word) == std::string::npos);
    }
    CHECK(names_of("STANDARD OIL <SRD> TO FORM FINANCIAL UNIT") != std::vector<std::string>{"PER SRD"});
    CHECK_FALSE(any_name_contains("STANDARD OIL <SRD> TO FORM FINANCIAL UNIT", "SRD"));
}

TEST_CASE("datelines give the place, not the date") {
    CHECK(names_of("LONDON 1996-08-30") == std::vector<std::string>{"LOC LONDON"});
    auto names = names_of("NEW YORK, Feb 26 - Standard Oil Co said it would form a financial unit.");
    CHECK_FALSE(any_name_contains("NEW YORK, Feb 26 - Standard Oil Co said it would form a financial unit.", "Feb"));
    REQUIRE_FALSE(names.empty());
    CHECK(names.front() == "LOC NEW YORK");
    CHECK_FALSE(any_name_contains("SEOUL, Dec 7 (Reuters) - Prices rose.", "Dec"));
}

TEST_CASE("a name across a wire line break is one name; a blank line ends a sentence") {
    CHECK(names_of("Prime Minister Tony\nBlair spoke.") == std::vector<std::string>{"PER Tony\nBlair"});
    auto names = names_of("He said\n\nBlair spoke");
    CHECK(names == std::vector<std::string>{"PER Blair"});
}

TEST_CASE("empty and blank texts have no names") {
    CHECK(names_of("").empty());
    CHECK(names_of(" \n\t ").empty());
    CHECK(NameTagger::shipped().tag_tokens({}).empty());
}

TEST_CASE("type codes are CoNLL's") {
    CHECK(name_type_code(NameType::person) == "PER");
    CHECK(name_type_code(NameType::organisation) == "ORG");
    CHECK(name_type_code(NameType::place) == "LOC");
    CHECK(name_type_code(NameType::misc) == "MISC");
}

TEST_CASE("a model that is not one is refused") {
    CHECK_THROWS_WITH(NameTagger("not a model"), Catch::Contains("scripts/train-ner"));
}
