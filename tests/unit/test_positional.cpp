#include "positional.hpp"

#include "news/text.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>

#include <string>

using namespace news;
using namespace news::searcher;

namespace {

// An index of a few texts, made as news-index makes its free-text terms.
Xapian::WritableDatabase index_of(std::initializer_list<std::string> texts) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(text_stemmer());
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    tg.set_stopper(&stopper());
    tg.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
    for (const auto& t : texts) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(normalise_text(t));
        db.add_document(doc);
    }
    return db;
}

Xapian::doccount matches(const Xapian::Database& db, const std::string& query) {
    Xapian::QueryParser qp;
    qp.set_stemmer(text_stemmer());
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(&stopper());
    qp.set_database(db);
    Xapian::Enquire e(db);
    e.set_query(positional_stems(db, qp.parse_query(normalise_query(query))));
    return e.get_mset(0, 100).get_matches_estimated();
}

}  // namespace

TEST_CASE("NEAR, ADJ and phrases match the same stems as plain words") {
    const auto db = index_of({"stock markets and shares fell", "the market for a share", "shares in markets",
                              "marketing of the shared flat", "markets rose while the mayor shares a joke"});
    auto [query, expected] = GENERATE(table<std::string, Xapian::doccount>({
        {"markets NEAR/3 shares", 4},  // "marketing of the shared" too: the same stems
        {"market NEAR/3 share", 4},
        {"market ADJ/3 share", 3},     // in that order
        {"shares ADJ/3 markets", 1},
        {"\"stock market\"", 1},
        {"\"the markets\"", 1},       // "the market"
        {"\"a shares\"", 0},          // a phrase with a one-letter word is a name, as written
        {"\"an share\"", 0},          // a stop word is looked for as typed
    }));
    INFO(query);
    CHECK(matches(db, query) == expected);
}

TEST_CASE("NEAR keeps its window and the rest of the query") {
    const auto db = index_of({"markets a b c d e f g h shares", "markets opened and shares"});
    CHECK(matches(db, "markets NEAR/3 shares") == 1);
    CHECK(matches(db, "markets NEAR/12 shares") == 2);
    CHECK(matches(db, "(markets NEAR/3 shares) OR opened") == 1);
    CHECK(matches(db, "(markets NEAR/3 shares) AND NOT opened") == 0);
}
