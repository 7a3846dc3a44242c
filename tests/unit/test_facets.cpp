// Facet counts (searcher/facets.cpp) from Xapian's ValueCountMatchSpy: dates
// summed into years and months with the undated counted apart, and entity
// combinations split into artists; the same over one database and over the
// same documents split between two (the spies merge, as over remote shards);
// the values of the fields that are facets (topic:, source:...) counted as
// their filters find them; only the facets asked for.
#include "facets.hpp"

#include "news/field_facets.hpp"
#include "news/schema.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace news;
using namespace news::searcher;

namespace {

struct Doc {
    std::string date;      // "" undated
    std::string type;
    std::string entities;  // names each followed by '\n'
    std::string platform;  // posts only
};

const std::vector<Doc> kDocs = {
    {"20230621", "post", "V\nLady Gaga\n", "x"},
    {"20230621", "post", "V\nLady Gaga\n", "instagram"},
    {"20230622", "article", "BTS\nV\nLady Gaga\nGrammy Awards\n", ""},
    {"20220415", "article", "BTS\nLady Gaga\n", ""},
    {"", "article", "BTS\nV\n", ""},
    {"", "post", "", "tiktok"},
    {"20230105", "post", "Lady Gaga\n", "x"},
};

Xapian::Document document(const Doc& d) {
    Xapian::Document doc;
    if (!d.date.empty()) doc.add_value(slot(Slot::Date), d.date);
    doc.add_value(slot(Slot::Type), type_value(d.type));
    if (!d.entities.empty()) doc.add_value(slot(Slot::Entities), d.entities);
    if (!d.platform.empty()) doc.add_value(slot(Slot::Platform), d.platform);
    doc.add_boolean_term("XTYPE" + d.type);
    return doc;
}

// What the facets of kDocs must be, counted document by document.
FacetCounts by_hand(const std::string& type = "") {
    FacetCounts c;
    for (const Doc& d : kDocs) {
        if (!type.empty() && d.type != type) continue;
        std::string year = d.date.empty() ? kUndated : d.date.substr(0, 4);
        std::string month = d.date.empty() ? kUndated : d.date.substr(0, 4) + "-" + d.date.substr(4, 2);
        c["year"][year]++;
        c["month"][month]++;
        c["type"][d.type]++;
        if (!d.platform.empty()) c["platform"][d.platform]++;
        size_t start = 0;
        for (size_t nl; (nl = d.entities.find('\n', start)) != std::string::npos; start = nl + 1)
            c["artist"][d.entities.substr(start, nl - start)]++;
    }
    return c;
}

FacetCounts spied(const Xapian::Database& db, const Xapian::Query& query) {
    FacetSpies spies;  // outlives the Enquire
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    spies.add(enquire);
    Xapian::MSet mset = enquire.get_mset(0, 1, db.get_doccount());
    (void)mset;
    return spies.counts();
}

}  // namespace

TEST_CASE("facet_counts sums dates into years and months, the undated apart") {
    FacetCounts c = facet_counts({{"20230621", 2}, {"20230622", 1}, {"20220415", 1}}, {}, {}, 6);
    CHECK(c["year"] == std::map<std::string, Xapian::doccount>{{"2022", 1}, {"2023", 3}, {kUndated, 2}});
    CHECK(c["month"] == std::map<std::string, Xapian::doccount>{{"2022-04", 1}, {"2023-06", 3}, {kUndated, 2}});
    CHECK(c.count("type") == 0);
    CHECK(c.count("artist") == 0);
}

TEST_CASE("facet_counts has no undated bucket when every document is dated, and nothing for no match") {
    FacetCounts c = facet_counts({{"20230621", 2}}, {{"post", 2}}, {}, 2);
    CHECK(c["year"].count(kUndated) == 0);
    CHECK(c["month"].count(kUndated) == 0);
    CHECK(facet_counts({}, {}, {}, 0).empty());
}

TEST_CASE("facet_counts counts a value that is not a date as undated") {
    FacetCounts c = facet_counts({{"2023", 1}, {"20230621", 1}}, {}, {}, 2);
    CHECK(c["year"] == std::map<std::string, Xapian::doccount>{{"2023", 1}, {kUndated, 1}});
}

TEST_CASE("facet_counts splits entity combinations and adds each one's count to every name in it") {
    FacetCounts c = facet_counts({}, {{"article", 3}, {"post", 4}},
                                 {{"V\nLady Gaga\n", 3}, {"BTS\nV\n", 2}, {"Lady Gaga\n", 1}}, 7);
    CHECK(c["artist"] == std::map<std::string, Xapian::doccount>{{"BTS", 2}, {"Lady Gaga", 4}, {"V", 5}});
    CHECK(c["type"] == std::map<std::string, Xapian::doccount>{{"article", 3}, {"post", 4}});
    CHECK(c["year"] == std::map<std::string, Xapian::doccount>{{kUndated, 7}});
    CHECK(c.count("platform") == 0);
}

TEST_CASE("facet_counts counts the posts' platforms; articles have none") {
    FacetCounts c = facet_counts({}, {{"article", 3}, {"post", 4}}, {}, 7, {{"x", 2}, {"instagram", 1}, {"tiktok", 1}});
    CHECK(c["platform"] == std::map<std::string, Xapian::doccount>{{"instagram", 1}, {"tiktok", 1}, {"x", 2}});
}

TEST_CASE("the spies count as the documents say, over one database and over two") {
    Xapian::WritableDatabase one(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::WritableDatabase a(std::string(), Xapian::DB_BACKEND_INMEMORY), b(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (size_t i = 0; i < kDocs.size(); ++i) {
        one.add_document(document(kDocs[i]));
        (i % 3 == 0 ? a : b).add_document(document(kDocs[i]));
    }
    Xapian::Database both;
    both.add_database(a);
    both.add_database(b);

    CHECK(spied(one, Xapian::Query::MatchAll) == by_hand());
    CHECK(spied(both, Xapian::Query::MatchAll) == by_hand());
    CHECK(spied(one, Xapian::Query("XTYPEpost")) == by_hand("post"));
    CHECK(spied(both, Xapian::Query("XTYPEpost")) == by_hand("post"));
    CHECK(spied(both, Xapian::Query("XTYPEnone")).empty());
}

TEST_CASE("facet_counts splits field facet lines, a value's spellings in one bucket") {
    FacetCounts c = facet_counts({}, {}, {}, 6, {},
                                 {{"topic:crude\nplace:usa\nsource:Reuters\n", 3},
                                  {"topic:crude\ntopic:ship\nsource:REUTERS\n", 2},
                                  {"place:uk\nnot a line\nnofacet:x\n", 1}});
    CHECK(c["topic"] == std::map<std::string, Xapian::doccount>{{"crude", 5}, {"ship", 2}});
    CHECK(c["place"] == std::map<std::string, Xapian::doccount>{{"uk", 1}, {"usa", 3}});
    CHECK(c["source"] == std::map<std::string, Xapian::doccount>{{"Reuters", 5}});  // (the first spelling, in order)
    CHECK(c.count("nofacet") == 0);
}

TEST_CASE("a document's field values: each a filter term, once a line in the slot") {
    Xapian::Document doc;
    FieldFacetValues values;
    for (const char* v : {"crude", "ship", "crude", "", "Crude"}) values.add(doc, FieldId::Topic, v);
    values.add(doc, FieldId::Source, "Reuters");
    values.add(doc, FieldId::Id, "not-a-facet");  // a term only
    values.write(doc);
    CHECK(doc.get_value(slot(Slot::FieldFacets)) == "topic:crude\ntopic:ship\nsource:Reuters\n");
    std::vector<std::string> terms(doc.termlist_begin(), doc.termlist_end());
    CHECK(terms == std::vector<std::string>{"Qnot-a-facet", "XSOURCEreuters", "XTOPICcrude", "XTOPICship"});
    const std::string slot_value = doc.get_value(slot(Slot::FieldFacets));  // (the values view into it)
    const std::vector<FieldFacetValue> read = field_facet_values(slot_value);
    REQUIRE(read.size() == 3);
    CHECK((read[2].field == FieldId::Source && read[2].value == "Reuters"));

    Xapian::Document none;
    FieldFacetValues().write(none);
    CHECK(none.get_value(slot(Slot::FieldFacets)).empty());
}

TEST_CASE("top_buckets keeps the biggest, ties in order; 0 keeps all") {
    const std::map<std::string, Xapian::doccount> b{{"a", 1}, {"b", 3}, {"c", 3}, {"d", 2}};
    CHECK(top_buckets(b, 2) == std::map<std::string, Xapian::doccount>{{"b", 3}, {"c", 3}});
    CHECK(top_buckets(b, 3) == std::map<std::string, Xapian::doccount>{{"b", 3}, {"c", 3}, {"d", 2}});
    CHECK(top_buckets(b, 0) == b);
    CHECK(top_buckets(b, 9) == b);
}

TEST_CASE("the spies count the field facets, and only the facets shown") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const std::vector<std::vector<std::string>> topics = {{"crude", "ship"}, {"crude"}, {}, {"earn", "crude"}};
    for (const auto& list : topics) {
        Xapian::Document doc = document(kDocs[0]);
        FieldFacetValues values;
        for (const auto& t : list) values.add(doc, FieldId::Topic, t);
        values.write(doc);
        db.add_document(doc);
    }
    FacetSpies all;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    all.add(enquire);
    (void)enquire.get_mset(0, 0, db.get_doccount());
    CHECK(all.counts()["topic"] == std::map<std::string, Xapian::doccount>{{"crude", 3}, {"earn", 1}, {"ship", 1}});
    CHECK(all.counts()["artist"]["V"] == 4);

    const FacetCounts some = count_facets(db, Xapian::Query("XTOPICcrude"), {"topic", "year"});
    CHECK(some == FacetCounts{{"topic", {{"crude", 3}, {"earn", 1}, {"ship", 1}}}, {"year", {{"2023", 3}}}});
    CHECK(count_facets(db, Xapian::Query("XTOPICcrude"), {}).empty());
}

TEST_CASE("the facets shown: those named, in order, else every one the index has") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document doc = document(kDocs[0]);
    FieldFacetValues values;
    values.add(doc, FieldId::Place, "usa");
    values.add(doc, FieldId::Exchange, "nyse");
    values.write(doc);
    db.add_document(doc);
    CHECK(facets_shown({}, db) == FacetNames{"artist", "person", "organisation", "location", "year", "month", "type",
                                             "platform", "place", "exchange"});
    CHECK(facets_shown({"topic", "year", "topic"}, db) == FacetNames{"year", "topic"});
    Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
    CHECK(facets_shown({}, empty) ==
          FacetNames{"artist", "person", "organisation", "location", "year", "month", "type", "platform"});
    CHECK(facet_names().size() == 8 + std::size(kFieldFacets));
}
