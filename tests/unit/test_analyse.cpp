// What the indexer's analyse stage must (and must not) put in a document:
// terms, values and stored fields, for articles, posts and JSON records.
#include "analyse.hpp"
#include "pipeline.hpp"
#include "read.hpp"

#include "news/schema.hpp"
#include "news/doc_codec.hpp"

#include "news/error.hpp"

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
namespace fs = std::filesystem;

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
    CHECK(a->location == "r.jsonl:2");
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

// ---- packed document data (news/stored.hpp) ----------------------------------

namespace {

// Records like a news corpus's: the same keys, paths and phrasing in each,
// different text (a fixed pseudo-random draw from a small vocabulary).
std::vector<StoredDoc> sample_docs(size_t n) {
    static const char* words[] = {"the", "market", "shares", "rose", "fell", "percent", "company", "said", "oil",
                                  "prices", "bank", "rates", "analysts", "expected", "quarter", "profit", "year",
                                  "government", "trade", "dollar", "billion", "million", "week", "officials"};
    uint32_t seed = 12345;
    auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
    std::vector<StoredDoc> docs;
    for (size_t i = 0; i < n; ++i) {
        StoredDoc d;
        d.id = "reuters-" + std::to_string(i);
        d.type = "article";
        d.article = d.id;
        d.title = "REPORT " + std::to_string(i);
        d.date = "1987-03-" + std::to_string(10 + i % 18);
        d.location = "/data/corpora/reuters21578.jsonl:" + std::to_string(i + 1);
        d.publication = "Reuters";
        for (size_t w = 0; w < 150; ++w) d.text += std::string(words[(next() >> 16) % 24]) + (w % 12 == 11 ? ".\n" : " ");
        docs.push_back(d);
    }
    return docs;
}

void check_same(const StoredDoc& a, const StoredDoc& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.date == b.date);
    CHECK(a.location == b.location);
    CHECK(a.publication == b.publication);
    CHECK(a.text == b.text);
}

// A dictionary trained on these documents' records.
std::string trained_dictionary(const std::vector<StoredDoc>& docs) {
    std::vector<std::string> samples;
    for (const auto& d : docs) samples.push_back(encode(d));
    return DocCodec::train(samples);
}

}  // namespace

TEST_CASE("document data is packed against a dictionary trained on the corpus, and unpacked as it was") {
    std::vector<StoredDoc> docs = sample_docs(400);
    const std::string dict = trained_dictionary(docs);
    REQUIRE_FALSE(dict.empty());

    DocCodec codec(dict);
    size_t json = 0, packed = 0;
    for (const auto& d : docs) {
        std::string data = codec.pack(d);
        json += encode(d).size();
        packed += data.size();
        CHECK(DocCodec::dictionary_of(data) != 0);
        check_same(codec.unpack(data), d);
    }
    CHECK(packed * 3 < json);  // (zlib alone, as Xapian stores data: about half)

    // Another codec with the same dictionary (news-search) reads them; one
    // without it says what to do.
    std::string data = codec.pack(docs[7]);
    DocCodec reader;
    CHECK_FALSE(reader.knows(DocCodec::dictionary_of(data)));
    CHECK_THROWS_WITH(reader.unpack(data), Catch::Contains("rebuild with news-index --rebuild"));
    reader.add_dictionary(dict);
    CHECK(reader.knows(DocCodec::dictionary_of(data)));
    check_same(reader.unpack(data), docs[7]);
    // Damaged data is an error, not a crash or a wrong document.
    CHECK_THROWS_AS(reader.unpack(data.substr(0, data.size() / 2)), Error);
    // Plain JSON (an index without a dictionary) reads as before.
    CHECK(DocCodec::dictionary_of(encode(docs[3])) == 0);
    check_same(reader.unpack(encode(docs[3])), docs[3]);
    // No dictionary: a frame of its own, which any codec reads.
    DocCodec plain;
    const std::string alone = plain.pack(docs[3]);
    CHECK(DocCodec::dictionary_of(alone) == 0);
    CHECK(alone.size() < encode(docs[3]).size() / 2);
    check_same(reader.unpack(alone), docs[3]);
    check_same(DocCodec().unpack(alone), docs[3]);
}

namespace {

// A record as `read` reads it, or nullopt for an error.
std::optional<StoredDoc> read_with(StoredDoc (*read)(const std::string&), const std::string& data) {
    try {
        return read(data);
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<StoredDoc> decoded(const std::string& data) { return read_with(decode_stored, data); }

// decode_stored() as nlohmann::json alone reads a record (what it did before
// it had a reader of its own for the records encode() writes).
std::optional<StoredDoc> reference_decode(const std::string& data) { return read_with(decode_stored_json, data); }

bool same_doc(const std::optional<StoredDoc>& a, const std::optional<StoredDoc>& b) {
    if (!a || !b) return !a && !b;
    for (const StoredField& f : kStoredFields) {
        const bool same = f.text ? (*a).*f.text == (*b).*f.text
                          : f.date ? (*a).*f.date == (*b).*f.date
                                   : (*a).*f.list == (*b).*f.list;
        if (!same) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("stored records read the same as nlohmann::json reads them, escapes, damage and all") {
    StoredDoc d;
    d.id = "a#1";
    d.type = "post";
    d.title = "Quotes \"in\" a title, a back\\slash and a tab\there";
    d.date = "2023-06-21";
    d.location = "corpus/a.txt";
    d.article = "a";
    d.author = "@HappyTae95";
    d.author_name = "ⱽ";
    d.entities = {"V", "Lady Gaga", "방탄소년단"};
    d.text = "Line one\nline two\r\n\x01\x1f control, é 뷔 😀 and \xff (not UTF-8)";
    const std::string rec = encode(d);
    StoredDoc back = decode_stored(rec);
    CHECK(back.title == d.title);
    CHECK(back.author_name == d.author_name);
    CHECK(back.entities == d.entities);
    CHECK(back.text == "Line one\nline two\r\n\x01\x1f control, é 뷔 😀 and \xEF\xBF\xBD (not UTF-8)");
    CHECK(same_doc(back, reference_decode(rec)));

    // Escapes that encode() does not write, values it does not write, and
    // damage: read as nlohmann::json reads them.
    const std::string others[] = {
        R"({"id":"\u00e9\u20ac\/\b\f","text":"\ud83d\ude00","date":null,"entities":[]})",
        R"({"id":"x","extra":12,"text":"t"})",                // a number: nlohmann::json reads it
        R"({"id":"x","id":"y"})",                             // a key twice
        R"({"title":"a","title":null,"date":"2023","date":[],"entities":["A"],"entities":"B","url":"u","url":["v"]})",
        R"( {"id" : "x" , "entities" : [ "A" , "B" ] , "date" : ["2023"] , "url" : null } )",
        R"({"id":"x","entities":["A",1]})",                   // not a string in entities
        R"({"id":"x","title":{"a":"b"}})",                    // an object
        R"({"id":"\ud800"})",                                 // a lone surrogate: damaged
        R"({"id":"x")",                                       // cut short
        R"({"id":"x"} trailing)",
        "{\"id\":\"a\x01\"}",                                 // a raw control character
        "{\"id\":\"\xC0\x80\"}",                              // overlong UTF-8
        R"([])",
        R"({})",
    };
    for (const std::string& r : others) {
        INFO(r);
        CHECK(same_doc(decoded(r), reference_decode(r)));
    }
    CHECK(decoded(others[0])->id == "é€/\b\f");
    CHECK(decoded(others[0])->text == "😀");
    CHECK(decoded(others[1])->text == "t");
    CHECK(decoded(others[3])->title.empty());  // the last value counts, null or not
    CHECK_FALSE(decoded(others[3])->date);
    CHECK(decoded(others[3])->entities.empty());
    CHECK(decoded(others[3])->url.empty());
    CHECK(decoded(others[4])->entities == std::vector<std::string>{"A", "B"});
    CHECK_FALSE(decoded(others[4])->date);
    CHECK_FALSE(decoded(others[7]));

    // Every record one byte shorter, and one byte changed, reads as
    // nlohmann::json reads it (or is an error for both).
    const std::string bytes[] = {"\\", "\"", "\x01", "\xff", "1", "[", "]", "{", ",", ":", " ", "n"};
    for (size_t at = 0; at < rec.size(); ++at) {
        std::string shorter = rec;
        shorter.erase(at, 1);
        INFO(shorter);
        CHECK(same_doc(decoded(shorter), reference_decode(shorter)));
        for (const std::string& b : bytes) {
            std::string changed = rec;
            changed.replace(at, 1, b);
            INFO(changed);
            CHECK(same_doc(decoded(changed), reference_decode(changed)));
        }
    }
}

TEST_CASE("the dictionary's copy in a file is mapped, and a file that is not it is left alone") {
    std::vector<StoredDoc> docs = sample_docs(400);
    const std::string dict = trained_dictionary(docs);
    REQUIRE_FALSE(dict.empty());
    DocCodec codec(dict);
    const std::string data = codec.pack(docs[11]);
    const unsigned id = DocCodec::dictionary_of(data);

    const std::string dir = std::filesystem::temp_directory_path() / ("news-dict-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/" + std::string(news::kDocDictFile);
    news::write_dictionary_file(path, dict);
    CHECK(std::filesystem::file_size(path) == dict.size());
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));

    DocCodec reader;
    CHECK(reader.map_dictionary(path));
    CHECK(reader.knows(id));
    CHECK(reader.mapped(id));
    check_same(reader.unpack(data), docs[11]);
    CHECK_FALSE(reader.map_dictionary(path));  // (known already)

    // Not there, not a dictionary, or its tables damaged: not taken.
    DocCodec other;
    CHECK_FALSE(other.map_dictionary(dir + "/missing"));
    news::write_dictionary_file(dir + "/text", std::string(1000, 'x'));
    CHECK_FALSE(other.map_dictionary(dir + "/text"));
    news::write_dictionary_file(dir + "/cut", dict.substr(0, 64));
    CHECK_FALSE(other.map_dictionary(dir + "/cut"));
    CHECK_FALSE(other.knows(id));
    // The metadata's copy (add_dictionary) is not a mapped one.
    other.add_dictionary(dict);
    CHECK(other.knows(id));
    CHECK_FALSE(other.mapped(id));

    // An empty dictionary removes the file.
    news::write_dictionary_file(path, "");
    CHECK_FALSE(std::filesystem::exists(path));
    news::write_dictionary_file(path, "");  // (and no file is no error)
    std::filesystem::remove_all(dir);
}

TEST_CASE("a corpus too small for a dictionary gets none") {
    std::vector<std::string> samples;
    for (const auto& d : sample_docs(20)) samples.push_back(encode(d));
    CHECK(DocCodec::train(samples).empty());
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

TEST_CASE("a record's digest is stored in 8 bytes and read back as written") {
    const std::string hex = digest_of("one JSON line");
    REQUIRE(hex.size() == 16);
    CHECK(digest_value(hex).size() == 8);
    CHECK(digest_hex(digest_value(hex)) == hex);
    CHECK(digest_hex(digest_value("00ff00ff00ff00ff")) == "00ff00ff00ff00ff");
    CHECK(digest_value("not a digest") == "not a digest");  // kept as it is
    CHECK(digest_hex("not a digest") == "not a digest");
}

TEST_CASE("a file's term is a hash of its key, the same whatever the case") {
    const std::string t = file_term("/data/news/a.jsonl");
    CHECK(t.rfind("XFILE", 0) == 0);
    CHECK(t.size() == 5 + 13);
    CHECK(file_term("/Data/News/A.jsonl") == t);  // as term() lower-cases every value
    CHECK(file_term("/data/news/b.jsonl") != t);
    CHECK(file_term("/data/news/a.jsonl2") != t);
    CHECK(path_key("corpus/../corpus/x.txt") == path_key("corpus/x.txt"));
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

TEST_CASE("an update packs its first articles on their own and reads the dictionary only after them") {
    std::vector<std::string> samples;
    for (const auto& d : sample_docs(400)) samples.push_back(encode(d));
    const std::string dict = DocCodec::train(samples);
    REQUIRE_FALSE(dict.empty());
    Catalogue cat = Catalogue::builtin();
    for (size_t articles : {size_t(0), size_t(3), size_t(8)}) {
        size_t asked = 0;
        std::vector<unsigned> packed_with;
        {
            AnalysePipeline pipeline(
                cat, [&] { ++asked; return dict; }, DocCodec::kQuickLevel, 5,
                [&](Article&&, std::vector<IndexDoc>&& docs) {
                    for (const auto& d : docs) packed_with.push_back(DocCodec::dictionary_of(stored_record(d.doc)));
                });
            for (size_t i = 0; i < articles; ++i) {
                Article a = text_article("Article " + std::to_string(i) + "\n\nSome text about markets and banks.");
                a.id = "a" + std::to_string(i);
                pipeline.push(std::move(a));
            }
            pipeline.drain();
        }
        INFO(articles << " articles");
        CHECK(asked == (articles > 5 ? 1u : 0u));
        REQUIRE(packed_with.size() == articles);
        // From the sixth article on, against the dictionary (those before may
        // be too, once it is there); with five or fewer, never.
        for (size_t i = 5; i < articles; ++i) CHECK(packed_with[i] != 0);
        if (articles <= 5)
            for (unsigned id : packed_with) CHECK(id == 0);
    }
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
