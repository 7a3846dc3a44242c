#include "facets.hpp"
#include "name_index.hpp"
#include "../../searcher/names.hpp"  // (not the indexer's names.hpp, first on the include path)

#include "news/schema.hpp"

#include "news/name_aliases.hpp"

#include <catch2/catch.hpp>

#include <set>

#include <string>
#include <vector>

using namespace news;
using namespace news::searcher;

namespace {

using Names = std::vector<NameFreq>;

}  // namespace

TEST_CASE("a surname counts as the full name that clearly owns it") {
    const NameMerges m(FieldId::Person,
                       Names{{"reagan", 528}, {"ronald-reagan", 23}, {"nancy-reagan", 2},
                             {"brown", 40}, {"gordon-brown", 10}, {"james-brown", 8},
                             {"kohl", 5}, {"helmut-kohl", 1},
                             {"drake", 9}, {"david-drake", 4}},
                       {"drake"});
    CHECK(m.target("reagan") == "ronald-reagan");  // 23 of 25 full-name documents
    CHECK(m.target("ronald-reagan") == "ronald-reagan");
    CHECK(m.target("nancy-reagan") == "nancy-reagan");  // only one-word names take a full one
    CHECK(m.target("brown") == "brown");                 // 10 of 18: no clear winner
    CHECK(m.target("kohl") == "kohl");                   // a full name of one document takes nothing
    CHECK(m.target("drake") == "drake");                 // the catalogue's name stays its own
    CHECK(m.members("ronald-reagan") == std::vector<std::string>{"ronald-reagan", "reagan"});
    CHECK(m.members("brown") == std::vector<std::string>{"brown"});
    CHECK(m.merged() == 1);
}

TEST_CASE("an organisation's variants, clipped words and acronyms count as its full name") {
    const NameMerges m(FieldId::Organisation,
                       Names{{"labour", 29}, {"labour-party", 11}, {"conservative", 9}, {"conservatives", 12},
                             {"liberal-democrats", 12}, {"lib-dems", 7}, {"lib-dem", 4},
                             {"imf", 30}, {"international-monetary-fund", 6},
                             {"eu", 90}, {"european-union", 20}, {"eastern-utilities", 2},
                             {"opec", 40}, {"organisation-of-petroleum-exporting-countries", 5},
                             {"ec", 50}, {"european-community", 9}, {"european-commission", 8},
                             {"bts", 5}, {"big-tech-society", 3}, {"news", 4},
                             {"ukip", 12}, {"uk-independence-party", 11},
                             {"fed", 400}, {"fuerzas-electricas-de", 30}, {"frontier-exploration-department", 32}},
                       {"bts"});
    CHECK(m.target("labour-party") == "labour");  // the most frequent variant
    CHECK(m.target("labour") == "labour");
    CHECK(m.target("conservative") == "conservatives");
    CHECK(m.target("lib-dems") == "liberal-democrats");
    CHECK(m.target("lib-dem") == "liberal-democrats");  // through its variant "lib-dems"
    CHECK(m.target("imf") == "international-monetary-fund");
    CHECK(m.target("eu") == "european-union");  // 20 of 22
    CHECK(m.target("opec") == "organisation-of-petroleum-exporting-countries");  // "of" left out
    CHECK(m.target("ec") == "ec");    // two full names, neither with two thirds
    CHECK(m.target("ukip") == "uk-independence-party");  // a word of two letters kept whole
    CHECK(m.target("bts") == "bts");  // the catalogue's
    CHECK(m.target("news") == "news");
    CHECK(m.target("fed") == "fed");  // a name cut after "de" has no initials; the other is too rare
    CHECK(m.members("liberal-democrats") == std::vector<std::string>{"liberal-democrats", "lib-dem", "lib-dems"});
}

TEST_CASE("a place's acronym, with or without its dots, counts as its full name") {
    const NameMerges m(FieldId::Location, Names{{"us", 300}, {"u-s", 40}, {"u_s", 400}, {"united-states", 150}, {"iraq", 57},
                                                {"uk", 12}, {"united-kingdom", 1}},
                       {});
    CHECK(m.target("us") == "united-states");
    CHECK(m.target("u-s") == "united-states");
    CHECK(m.target("u_s") == "united-states");  // (news/text.hpp's key of "U.S.")
    CHECK(m.target("uk") == "uk");  // "United Kingdom" in one document takes nothing
    CHECK(m.target("iraq") == "iraq");
}

TEST_CASE("a name counts under the kind most documents give it, or the alias table's") {
    const std::vector<std::pair<FieldId, Names>> names = {
        {FieldId::Person, Names{{"sony", 11}, {"dell", 3}, {"lib-dem", 28}, {"tony-blair", 40}, {"v", 5},
                                {"sprinkel", 1}, {"beryl-sprinkel", 2}, {"phillips", 1}, {"susan-phillips", 8}}},
        {FieldId::Organisation, Names{{"sony", 30}, {"sony-corp", 4}, {"dell", 3}, {"lib-dem", 8}, {"phillips", 7},
                                      {"liberal-democrats", 60}, {"conservatives", 80}, {"conservative-party", 9}, {"tories", 39},
                                      {"v", 1}}},
        {FieldId::Location, Names{{"sony", 16}, {"tories", 18}, {"sprinkel", 2}, {"phillips", 9}, {"britain", 250}, {"uk", 480}, {"united-kingdom", 12}}},
    };
    const NameMerges m = index_merges(names, {"v"});
    CHECK(m.target("psony") == "osony");  // 30 of 57 documents
    CHECK(m.target("lsony") == "osony");
    CHECK(m.target("osony-corp") == "osony");  // then the kind's own merges
    CHECK(m.target("pdell") == "pdell");       // 3 and 3: no kind wins
    CHECK(m.target("odell") == "odell");
    CHECK(m.target("lsprinkel") == "pberyl-sprinkel");  // 1 + 2 documents of the full name against 2
    CHECK(m.target("pphillips") == "lphillips");         // 1 + 8 against 9 + 7: the plain vote
    CHECK(m.target("plib-dem") == "oliberal-democrats");  // the table's kind, though most say person
    CHECK(m.target("ltories") == "oconservatives");  // the table's full name, then its most frequent variant
    CHECK(m.target("otories") == "oconservatives");
    CHECK(m.target("lbritain") == "lunited-kingdom");
    CHECK(m.target("luk") == "lunited-kingdom");  // (the table: its documents would fail kAcronymShare)
    CHECK(m.target("pv") == "pv");                // the catalogue's keep their kind
    CHECK(m.target("ov") == "ov");
    const std::vector<std::string> sony = m.members("osony");
    CHECK(std::set<std::string>(sony.begin(), sony.end()) ==
          std::set<std::string>{"osony", "psony", "lsony", "osony-corp"});
}

TEST_CASE("the alias table reads") {
    bool tories = false;
    for (const NameAlias& a : name_aliases()) {
        CHECK(!a.key.empty());  // (aliases may be none: a line may only say a name's kind)
        for (const std::string& alias : a.aliases) tories = tories || (alias == "tories" && a.key == "conservative-party");
    }
    CHECK(tories);
    CHECK(name_alias_kind("instagram") == FieldId::Organisation);
}

namespace {

// A document naming people, as news-index writes them (indexer/names.cpp).
void add(Xapian::WritableDatabase& db, const std::vector<std::pair<std::string, std::string>>& people) {
    Xapian::Document doc;
    std::string value;
    for (const auto& [key, form] : people) {
        doc.add_boolean_term(term(FieldId::Person, key));
        value += name_kind_letter(FieldId::Person) + key + '\t' + form + '\n';
    }
    doc.add_boolean_term("Qall");
    doc.add_value(slot(Slot::Names), value);
    db.add_document(doc);
}

Xapian::doccount count(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire e(db);
    e.set_query(q);
    return e.get_mset(0, db.get_doccount()).size();
}

}  // namespace

TEST_CASE("merged names: a filter finds both forms, a facet counts a document once and shows the full form") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    add(db, {{"reagan", "Reagan"}});
    add(db, {{"reagan", "Reagan"}, {"ronald-reagan", "Ronald Reagan"}});  // (news-index resolves this one itself)
    add(db, {{"ronald-reagan", "Ronald Reagan"}});
    add(db, {{"ronald-reagan", "RONALD REAGAN"}});
    add(db, {{"baker", "Baker"}});
    add(db, {{"once", "Once"}});
    const Catalogue none;
    IndexCatalogue catalogue(none);
    CHECK(count(db, name_filter(catalogue, db, FieldId::Person, "Reagan")) == 4);
    CHECK(count(db, name_filter(catalogue, db, FieldId::Person, "ronald reagan")) == 4);
    CHECK(count(db, name_filter(catalogue, db, FieldId::Person, "baker")) == 1);

    FacetCounts all = count_facets(db, Xapian::Query("Qall"), {"person"});
    resolve_name_facets(all, db);
    CHECK(all["person"] == std::map<std::string, Xapian::doccount>{{"Ronald Reagan", 4}});  // "Once": one document

    FacetCounts only_short = count_facets(db, Xapian::Query(term(FieldId::Person, "baker")), {"person"});
    resolve_name_facets(only_short, db);
    CHECK(only_short["person"].empty());  // Baker: named in one document

    // Matches that write only "Reagan": shown as the index writes the full name.
    const Xapian::Query surname_only(Xapian::Query::OP_AND_NOT, Xapian::Query(term(FieldId::Person, "reagan")),
                                     Xapian::Query(term(FieldId::Person, "ronald-reagan")));
    FacetCounts short_form = count_facets(db, surname_only, {"person"});
    resolve_name_facets(short_form, db);
    CHECK(short_form["person"] == std::map<std::string, Xapian::doccount>{{"Ronald Reagan", 1}});
}
