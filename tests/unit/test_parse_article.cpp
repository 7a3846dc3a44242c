// Stage 1's pure part (indexer/parse_article.cpp): an Article from a text
// file or a JSON Lines record, and the diagnostics of bad input.
#include "read.hpp"

#include "news/error.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace news;
using namespace news::indexer;

TEST_CASE("an invalid date header is a warning and the article is undated") {
    std::vector<Diagnostic> diags;
    Article a = parse_text_article("date 2021-02-30 Text.", "x", "x.txt", diags);
    CHECK_FALSE(a.date);
    CHECK(a.bad_date);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].where == "x.txt:1");
    CHECK(diags[0].message.find("2021-02-30") != std::string::npos);
}

TEST_CASE("a short first line before a blank line is the title") {
    std::vector<Diagnostic> diags;
    Article a = parse_text_article("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant.", "b", "b.txt", diags);
    CHECK(a.title == "Ad sales boost Time Warner profit");
    CHECK(a.body == "Quarterly profits at US media giant.");
    Article s = parse_text_article("A sentence that ends. Then more.\n\nNext paragraph.", "c", "c.txt", diags);
    CHECK(s.title == "A sentence that ends.");
    CHECK(s.body.rfind("A sentence that ends.", 0) == 0);
}

TEST_CASE("malformed JSON lines and bad dates are diagnostics with file:line") {
    std::vector<Diagnostic> diags;
    CHECK_FALSE(parse_json_article("{\"id\": \"x\", ", "r.jsonl", 7, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].severity == Severity::Error);
    CHECK(diags[0].where == "r.jsonl:7");
    diags.clear();
    CHECK_FALSE(parse_json_article(R"({"id":"a","body":1e999})", "r.jsonl", 9, diags));  // a number out of range
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].severity == Severity::Error);
    CHECK(diags[0].where == "r.jsonl:9");
    diags.clear();
    auto a = parse_json_article(R"({"id": "y", "date": "2022-13-45", "body": "b"})", "r.jsonl", 8, diags);
    REQUIRE(a);
    CHECK_FALSE(a->date);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].severity == Severity::Warning);
    CHECK(diags[0].message.find("2022-13-45") != std::string::npos);
}
