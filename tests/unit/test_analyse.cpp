// What the indexer's analyse stage must (and must not) put in a document:
// terms, values and stored fields, for articles, posts and JSON records.
#include "analyse.hpp"
#include "read.hpp"

#include "news/schema.hpp"
#include "news/stored.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace news;
using namespace news::indexer;

namespace {

std::set<std::string> terms(const Xapian::Document& doc) { return {doc.termlist_begin(), doc.termlist_end()}; }

Article text_article(const std::string& text) {
    std::vector<Diagnostic> diags;
    Article a = parse_text_article(text, "x1", "corpus/x1.txt", diags);
    a.file = "corpus/x1.txt";
    return a;
}

}  // namespace

TEST_CASE("an article document carries its id, type, date, file and entity terms") {
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(text_article(" date 2022-04-15 Fans of BTS and Lady Gaga are going wild #BTS."));
    REQUIRE(docs.size() == 1);
    auto t = terms(docs[0].doc);
    for (const char* must : {"Qx1", "XTYPEarticle", "XARTICLEx1", "XFILEcorpus/x1.txt", "XY2022", "XM2022-04",
                             "XD20220415", "XEbts", "XElady-gaga", "XHASHbts", "Sfans", "fans", "Zfan", "gaga"})
        CHECK(t.count(must));
    CHECK_FALSE(t.count("XUNDATED"));
    CHECK_FALSE(t.count("date"));  // the header is not text
    CHECK(docs[0].doc.get_value(slot(Slot::Date)) == "20220415");
    CHECK(docs[0].doc.get_value(slot(Slot::Oldest)).rfind("20220415", 0) == 0);
    CHECK(docs[0].doc.get_value(slot(Slot::Newest)).rfind("20220415", 0) == 0);
    CHECK(docs[0].doc.get_value(slot(Slot::Type)) == "article");
    CHECK(docs[0].doc.get_value(slot(Slot::Entities)) == "BTS\nLady Gaga\n");
    StoredDoc s = decode_stored(docs[0].doc.get_data());
    CHECK(s.date == std::optional<std::string>("2022-04-15"));
    CHECK(s.entities == std::vector<std::string>{"BTS", "Lady Gaga"});
}

TEST_CASE("stop words are indexed as typed, with positions, but not stemmed") {
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(text_article("Airport crowds\n\nThe fans were waiting for the band at the airport."));
    REQUIRE(docs.size() == 1);
    auto t = terms(docs[0].doc);
    for (const char* must : {"the", "were", "for", "at", "fans", "Zfan", "waiting", "Zwait", "Zairport"})
        CHECK(t.count(must));
    for (const char* never : {"Zthe", "Zwere", "Zfor", "Zat"}) CHECK_FALSE(t.count(never));
    // "the" at three positions: a phrase with it matches.
    auto it = docs[0].doc.termlist_begin();
    it.skip_to("the");
    REQUIRE(it != docs[0].doc.termlist_end());
    CHECK(it.positionlist_count() == 3);
}

TEST_CASE("an article without a date is undated, never given another date") {
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(text_article("No date here.\n\nJust text."));
    auto t = terms(docs[0].doc);
    CHECK(t.count("XUNDATED"));
    for (const auto& term : t) CHECK(term.rfind("XY", 0) != 0);
    CHECK(docs[0].doc.get_value(slot(Slot::Date)).empty());
    CHECK(docs[0].doc.get_value(slot(Slot::Oldest)).rfind("~", 0) == 0);
    CHECK(docs[0].doc.get_value(slot(Slot::Newest)).rfind("!", 0) == 0);
    CHECK_FALSE(decode_stored(docs[0].doc.get_data()).date);
}

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

TEST_CASE("JSON Lines records give dates, codes and entity facets") {
    std::vector<Diagnostic> diags;
    auto a = parse_json_article(
        R"({"id": "reuters-2", "date": "1987-02-26T15:02:20Z", "title": "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT", "body": "Standard Oil Co and BP said.", "source": "Reuters", "places": ["usa"], "people": ["james-baker"], "orgs": ["opec"], "exchanges": ["nyse"], "topics": ["crude"]})",
        "r.jsonl", 2, diags);
    REQUIRE(a);
    CHECK(diags.empty());
    CHECK(a->source == "r.jsonl:2");
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(*a);
    auto t = terms(docs[0].doc);
    for (const char* must : {"Qreuters-2", "XY1987", "XM1987-02", "XPLACEusa", "XPEOPLEjames-baker", "XORGopec",
                             "XEXCHnyse", "XTOPICcrude", "XSOURCEreuters", "XEjames-baker", "XEopec", "Sstandard"})
        CHECK(t.count(must));
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

TEST_CASE("a folder entry's key is the key of its whole path, built name by name") {
    // child_key(path_key(folder), name) == path_key(folder + "/" + name): the
    // keys in the index (XFILE terms, file records) must not depend on which
    // way the walk built them.
    for (const std::string folder : {"corpus", "corpus/", "./corpus", "a/../corpus", "/", "/tmp", "/tmp/", "/a//b/./c/",
                                     "../x", "."}) {
        for (const std::string name : {"001.txt", "sub", ".hidden", "a b.jsonl", "é.txt"}) {
            INFO(folder << " + " << name);
            CHECK(child_key(path_key(folder), name) == path_key(folder + "/" + name));
        }
    }
    // Names that are not plain (never met in a walk) still get the whole path's key.
    CHECK(child_key(path_key("corpus"), "..") == path_key("corpus/.."));
    CHECK(child_key(path_key("corpus"), "x/../y") == path_key("corpus/x/../y"));
}
