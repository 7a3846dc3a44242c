// The indexer's analyse stage (indexer/analyse.hpp): what it must (and must
// not) put in a document: terms, values and stored fields, for articles,
// posts and JSON records; the dictionary a fresh build trains.
#include "analyse.hpp"
#include "read.hpp"
#include "samples.hpp"

#include "news/doc_codec.hpp"
#include "news/schema.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

using namespace news;
using namespace news::indexer;
using news::test::sample_docs;
using news::test::text_article;
namespace fs = std::filesystem;

namespace {

std::set<std::string> terms(const Xapian::Document& doc) { return {doc.termlist_begin(), doc.termlist_end()}; }

}  // namespace

TEST_CASE("an article document carries its id, type, date, file and entity terms") {
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(text_article(" date 2022-04-15 Fans of BTS and Lady Gaga are going wild #BTS."));
    REQUIRE(docs.size() == 1);
    auto t = terms(docs[0].doc);
    CHECK(t.count(file_term("corpus/x1.txt")));
    for (const char* must : {"Qx1", "XTYPEarticle", "XY2022", "XM2022-04",
                             "XD20220415", "XEbts", "XElady-gaga", "XHASHbts", "Sfans", "fans", "Zfan", "gaga"})
        CHECK(t.count(must));
    CHECK_FALSE(t.count("XUNDATED"));
    CHECK_FALSE(t.count("XARTICLEx1"));  // its Q term says it (schema 3)
    CHECK_FALSE(t.count("date"));  // the header is not text
    CHECK(docs[0].doc.get_value(slot(Slot::Date)) == "20220415");
    CHECK(docs[0].doc.get_value(slot(Slot::Newest)).rfind("20220415", 0) == 0);
    CHECK(docs[0].doc.get_value(slot(Slot::Type)) == "a");
    CHECK(type_of_value("a") == "article");
    CHECK(type_of_value(type_value(kTypePost)) == "post");
    CHECK(docs[0].doc.get_value(slot(Slot::Entities)) == "BTS\nLady Gaga\n");
    StoredDoc s = DocCodec().unpack(stored_record(docs[0].doc));
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
    CHECK(docs[0].doc.get_value(slot(Slot::Newest)).rfind("!", 0) == 0);
    CHECK(docs[0].doc.get_value(4).empty());  // (schema 2's Oldest slot)
    CHECK_FALSE(DocCodec().unpack(stored_record(docs[0].doc)).date);
}

TEST_CASE("JSON Lines records give dates, codes and entity facets") {
    std::vector<Diagnostic> diags;
    auto a = parse_json_article(
        R"({"id": "reuters-2", "date": "1987-02-26T15:02:20Z", "title": "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT", "body": "Standard Oil Co and BP said.", "source": "Reuters", "places": ["usa"], "people": ["james-baker"], "orgs": ["opec"], "exchanges": ["nyse"], "topics": ["crude"]})",
        "r.jsonl", 2, diags);
    REQUIRE(a);
    CHECK(diags.empty());
    CHECK(a->location == "r.jsonl:2");
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(*a);
    auto t = terms(docs[0].doc);
    for (const char* must : {"Qreuters-2", "XY1987", "XM1987-02", "XPLACEusa", "XPEOPLEjames-baker", "XORGopec",
                             "XEXCHnyse", "XTOPICcrude", "XSOURCEreuters", "XEjames-baker", "XEopec", "Sstandard"})
        CHECK(t.count(must));
}

TEST_CASE("a fresh build's dictionary comes from the corpus's first records, and the analyser packs with it") {
    fs::path dir = fs::temp_directory_path() / ("news-dict-" + std::to_string(getpid()));
    fs::create_directories(dir);
    {
        std::ofstream out(dir / "big.jsonl");
        for (const auto& d : sample_docs(DocCodec::kSamples + 100))
            out << nlohmann::json{{"id", d.id}, {"title", d.title}, {"body", d.text}, {"date", *d.date},
                                  {"source", "Reuters"}}.dump()
                << "\n";
        std::ofstream small(dir / "a.txt");
        small << "A short article\n\nNothing much to train on.\n";
    }
    const std::string dict = train_dictionary({dir.string()});
    CHECK_FALSE(dict.empty());
    CHECK(train_dictionary({(dir / "a.txt").string()}).empty());

    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat, dict);
    auto docs = analyser.analyse(text_article(" date 2022-04-15 Fans of BTS and Lady Gaga are going wild #BTS."));
    REQUIRE(docs.size() == 1);
    const std::string data = stored_record(docs[0].doc);
    CHECK(docs[0].doc.get_data().empty());  // (kept in Slot::Stored)
    CHECK(DocCodec::dictionary_of(data) != 0);
    DocCodec reader(dict);
    StoredDoc s = reader.unpack(data);
    CHECK(s.id == "x1");
    CHECK(s.entities == std::vector<std::string>{"BTS", "Lady Gaga"});
    fs::remove_all(dir);
}

TEST_CASE("a post names its article (XARTICLE), the article names only itself (Q)") {
    std::ifstream in(std::string(NEWS_SOURCE_DIR "/corpus/001_a3c739b97393af1b.txt"), std::ios::binary);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<Diagnostic> diags;
    Article a = parse_text_article(text.str(), "001_a3c739b97393af1b", "corpus/001_a3c739b97393af1b.txt", diags);
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(a);
    REQUIRE(docs.size() > 1);
    CHECK(terms(docs[0].doc).count("Q001_a3c739b97393af1b"));
    CHECK_FALSE(terms(docs[0].doc).count("XARTICLE001_a3c739b97393af1b"));
    for (size_t i = 1; i < docs.size(); ++i) {
        auto t = terms(docs[i].doc);
        CHECK(t.count("XARTICLE001_a3c739b97393af1b"));
        CHECK(t.count("Q001_a3c739b97393af1b#" + std::to_string(i)));
    }
}

TEST_CASE("no phrase spans the title and the text") {
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(text_article("Airport crowds\n\nFans were waiting at the airport."));
    REQUIRE(docs.size() == 1);
    const Xapian::Document& d = docs[0].doc;
    auto positions = [&](const std::string& t) {
        auto it = d.termlist_begin();
        it.skip_to(t);
        REQUIRE(it != d.termlist_end());
        REQUIRE(*it == t);
        return std::vector<Xapian::termpos>(it.positionlist_begin(), it.positionlist_end());
    };
    // "crowds" ends the title (in the text, its words count twice), "fans" starts the text.
    const auto crowds = positions("crowds"), fans = positions("fans");
    REQUIRE(crowds.size() == 1);
    REQUIRE(fans.size() == 1);
    CHECK(fans[0] > crowds[0] + 1);  // "crowds fans" is no phrase
    CHECK(fans[0] < crowds[0] + 10);  // ...but the gap is small (positions cost space)
}

TEST_CASE("a post records its platform: a term (and its alias), a value for the facet, the stored field") {
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(text_article(
        "Lisa posted.\n\nParis mornings 🥐\n\nView this post on Instagram\n\n"
        "A post shared by LISA (@lalalalisa_m) on Nov 1, 2023 at 4:12am PDT\n\n"
        "wow pic.x.com/Ab3— lisa updates (@lalisaupdates_) November 1, 2023"));
    REQUIRE(docs.size() == 3);
    auto article = terms(docs[0].doc);
    CHECK(std::none_of(article.begin(), article.end(), [](const std::string& t) { return t.rfind("XPLATFORM", 0) == 0; }));
    CHECK(docs[0].doc.get_value(slot(Slot::Platform)).empty());
    CHECK(DocCodec().unpack(stored_record(docs[0].doc)).platform.empty());

    const struct { std::string platform; std::vector<std::string> platform_terms; } want[] = {
        {"instagram", {"XPLATFORMinstagram"}}, {"x", {"XPLATFORMtwitter", "XPLATFORMx"}}};
    for (size_t i = 0; i < 2; ++i) {
        const Xapian::Document& doc = docs[i + 1].doc;
        std::vector<std::string> platform_terms;
        for (const auto& t : terms(doc))
            if (t.rfind("XPLATFORM", 0) == 0) platform_terms.push_back(t);
        CHECK(platform_terms == want[i].platform_terms);
        CHECK(doc.get_value(slot(Slot::Platform)) == want[i].platform);
        StoredDoc s = DocCodec().unpack(stored_record(doc));
        CHECK(s.platform == want[i].platform);
        CHECK(s.date == std::optional<std::string>("2023-11-01"));
    }
    StoredDoc lisa = DocCodec().unpack(stored_record(docs[1].doc));
    CHECK(lisa.author == "@lalalalisa_m");
    CHECK(lisa.author_name == "LISA");
    CHECK(lisa.text == "Paris mornings 🥐");
}

TEST_CASE("a post of any platform is found by its display name (weightless) and its handle, dots and all") {
    Catalogue cat = Catalogue::builtin();
    Analyser analyser(cat);
    auto docs = analyser.analyse(text_article(
        "Fans made edits.\n\n@blinkparis.edits the way she looks #lisa ♬ Rockstar - LISA\n\n"
        "wow pic.x.com/Ab3— lisa updates (@lalisaupdates_) November 1, 2023"));
    REQUIRE(docs.size() == 3);
    auto wdf = [](const Xapian::Document& doc, const std::string& term) -> std::optional<Xapian::termcount> {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        if (it == doc.termlist_end() || *it != term) return std::nullopt;
        return it.get_wdf();
    };
    auto positions = [](const Xapian::Document& doc, const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it == doc.termlist_end() || *it != term ? 0 : it.positionlist_count();
    };
    const Xapian::Document& tiktok = docs[1].doc;
    CHECK(wdf(tiktok, "XAUTHORblinkparis.edits"));
    // "@blinkparis.edits" is read as the phrase of its parts: they have positions.
    CHECK(positions(tiktok, "XATblinkparis") == 1);
    CHECK(positions(tiktok, "XATedits") == 1);
    CHECK(wdf(tiktok, "rockstar") == std::optional<Xapian::termcount>(1));

    const Xapian::Document& x = docs[2].doc;
    CHECK(wdf(x, "lisa") == std::optional<Xapian::termcount>(0));
    CHECK(wdf(x, "updates") == std::optional<Xapian::termcount>(0));
    CHECK(wdf(x, "wow") == std::optional<Xapian::termcount>(1));
    CHECK(positions(x, "XATlalisaupdates_") == 0);  // a handle without dots is one term
    CHECK(wdf(x, "XATlalisaupdates_"));
}
