// The default ranking (searcher/parse.hpp kRanking, the title weight in
// indexer/analyse.cpp) is what bench/relevance measured on CISI and MED.
// These checks fail when any of it changes without the README's figures
// being measured again; cli.relevance_golden checks the resulting top 10 of
// one query of each collection.  Also: feedback never changes what a query
// matches, natural-language queries parse, and a query weighs the same over
// shards as on one database (wildcards, synonyms, ties).
#include "analyse.hpp"
#include "feedback.hpp"
#include "filters.hpp"
#include "parse.hpp"
#include "ranking.hpp"
#include "shard_query.hpp"
#include "workarounds.hpp"

#include "news/entities.hpp"
#include "news/schema.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace news;
using namespace news::searcher;

namespace {

Xapian::termcount wdf(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

// A small index: 30 documents about cats (with words that go with them) and
// 10 about dogs, each with a type term to filter on.
Xapian::WritableDatabase pets() {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    const char* cat_words[] = {"whiskers purr kitten milk", "litter box purr yarn", "kitten claws whiskers mouse",
                               "purr nap sun fish", "meow tabby fur", "catnip toy scratch"};
    for (int i = 0; i < 30; ++i) {
        Xapian::Document d;
        tg.set_document(d);
        tg.index_text(std::string("cat ") + cat_words[i % 6] + (i % 4 == 0 ? " cat" : "") + (i % 5 == 0 ? " dog" : ""));
        d.add_boolean_term(i % 2 ? "XTYPEpost" : "XTYPEarticle");
        db.add_document(d);
    }
    for (int i = 0; i < 10; ++i) {
        Xapian::Document d;
        tg.set_document(d);
        tg.index_text("dog bark walk leash");
        d.add_boolean_term("XTYPEarticle");
        db.add_document(d);
    }
    return db;
}

std::set<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire e(db);
    e.set_query(q);
    e.set_weighting_scheme(ranking_weight());
    Xapian::MSet m = e.get_mset(0, db.get_doccount());
    return {m.begin(), m.end()};
}

std::vector<std::string> query_terms(const Xapian::Query& q) { return {q.get_unique_terms_begin(), q.get_unique_terms_end()}; }

}  // namespace

TEST_CASE("the default ranking is BM25 k1 1.6, b 0.75, with feedback from the top 10 documents") {
    // Changing any of these changes every ranking: measure with bench/relevance
    // (all five collections), update bench/relevance.md, then this test and
    // the golden tests.
    CHECK(kRanking.bm25_k1 == 1.6);
    CHECK(kRanking.bm25_b == 0.75);
    CHECK(kRanking.feedback_docs == 10);
    CHECK(kRanking.feedback_terms == 15);
    CHECK(kRanking.feedback_share == 0.1);
    Xapian::BM25Weight w = ranking_weight();
    CHECK(w.name() == "Xapian::BM25Weight");
    CHECK(w.serialise() == Xapian::BM25Weight(1.6, 0, 1, 0.75, 0.5).serialise());
}

TEST_CASE("an article's title words count twice in its text and once in title:") {
    Catalogue cat = Catalogue::builtin();
    indexer::Analyser analyser(cat);
    indexer::Article a;
    a.id = "t1";
    a.title = "Jazz queen";
    a.body = "A melodious cover of a jazz standard.";
    a.location = a.file = "t1.txt";
    auto docs = analyser.analyse(a);
    REQUIRE(docs.size() == 1);
    const Xapian::Document& d = docs[0].doc;
    CHECK(wdf(d, "queen") == 2);  // title only
    CHECK(wdf(d, "jazz") == 3);   // title (2) and text (1)
    CHECK(wdf(d, "Zqueen") == 2);
    CHECK(wdf(d, "Squeen") == 1);
    CHECK(wdf(d, "melodious") == 1);
}

TEST_CASE("feedback re-ranks what a query matches and never adds or drops a document") {
    Xapian::WritableDatabase db = pets();
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    for (const char* text : {"cat", "cat NOT dog", "cat OR purr"}) {
        INFO(text);
        Xapian::Query q = qp.parse_query(text);
        Xapian::Query fb = with_feedback(db, q);
        CHECK(fb.get_type() == Xapian::Query::OP_AND_MAYBE);
        CHECK(fb.get_subquery(0).get_description() == q.get_description());
        CHECK(matches(db, fb) == matches(db, q));
        // Expansion terms are stemmed words, never another field's terms.
        for (const auto& t : query_terms(fb.get_subquery(1))) CHECK((t[0] == 'Z' && t[1] >= 'a' && t[1] <= 'z'));
    }
    // Filters keep filtering.
    Xapian::Query filtered(Xapian::Query::OP_FILTER, qp.parse_query("cat"), Xapian::Query("XTYPEpost"));
    CHECK(matches(db, with_feedback(db, filtered)) == matches(db, filtered));
    CHECK(matches(db, filtered).size() == 15);  // the odd ones of 30
}

TEST_CASE("feedback's expansion weighs a tenth of query and expansion together, bounds by idf") {
    Xapian::WritableDatabase db = pets();
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    const double n_docs = db.get_doccount();
    auto idf = [&](const std::string& t) {  // as Xapian 1.4's BM25Weight
        const double n = db.get_termfreq(t);
        double tw = (n_docs - n + 0.5) / (n + 0.5);
        return std::log(tw < 2 ? tw * 0.5 + 1 : tw);
    };
    // The expansion's terms as "factor * term" in its description.
    auto scaled = [](const std::string& d) {
        std::vector<std::pair<double, std::string>> out;
        for (size_t at = d.find(" * Z"); at != std::string::npos; at = d.find(" * Z", at + 1)) {
            const size_t from = d.find_last_of("( ", at - 1) + 1, end = d.find_first_of(" )", at + 3);
            out.emplace_back(std::stod(d.substr(from, at - from)), d.substr(at + 3, end - at - 3));
        }
        return out;
    };
    double short_bound = 0, long_bound = 0;
    for (const char* text : {"cat", "cat purr", "cat purr kitten whiskers milk"}) {
        Xapian::Query q = qp.parse_query(text);
        Xapian::Query fb = with_feedback(db, q);
        REQUIRE(fb.get_type() == Xapian::Query::OP_AND_MAYBE);
        const std::string d = fb.get_subquery(1).get_description();
        INFO(text << ": " << d);
        double own = 0, expansion = 0;
        for (const auto& t : query_terms(q)) own += idf(t);
        const auto terms = scaled(d);
        for (const auto& [factor, term] : terms) expansion += factor * idf(term);
        CHECK(terms.size() == fb.get_subquery(1).get_num_subqueries());
        CHECK(expansion / (own + expansion) == Approx(kRanking.feedback_share).epsilon(1e-3));
        (std::string(text) == "cat" ? short_bound : long_bound) = expansion;
    }
    CHECK(short_bound < long_bound / 2);  // a short query gets less of it
}

TEST_CASE("feedback leaves alone a query of filters only and one matching no more than the top documents") {
    Xapian::WritableDatabase db = pets();
    Xapian::Query filters(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("XTYPEarticle"), 0);
    CHECK(with_feedback(db, filters).get_description() == filters.get_description());
    Xapian::Query few("Zleash");  // 10 documents: all of them are the top 10
    CHECK(with_feedback(db, few).get_description() == few.get_description());
    CHECK(with_feedback(db, Xapian::Query()).empty());
}

TEST_CASE("natural-language queries parse: any case is stemmed, prose 'and'/'not' are words, a dangling operator is a word") {
    Xapian::WritableDatabase db = pets();
    Catalogue cat = Catalogue::builtin();
    QueryBuilder qb(db, cat);
    auto build = [&](const std::string& text) {
        Options o;
        o.words = {text};
        return qb.build(o);
    };
    // Capitalised and all-capitals words are stemmed like lower-case ones.
    for (const char* text : {"Kittens with Claws?", "KITTENS WITH CLAWS", "kittens with claws"}) {
        INFO(text);
        auto terms = query_terms(build(text).words);
        CHECK(std::find(terms.begin(), terms.end(), "Zkitten") != terms.end());
        CHECK(std::find(terms.begin(), terms.end(), "Zclaw") != terms.end());
    }
    // Lower-case "and", "not", "or" in prose are stop words, not operators.
    ParsedQuery prose = build("cats and dogs, not leashes (or litter)?");
    CHECK(prose.words.get_type() == Xapian::Query::OP_OR);
    CHECK(matches(db, prose.query).size() == 40);
    // An operator in capitals inside a lower-case query is honoured.
    CHECK(matches(db, build("cat NOT dog").query).size() == 24);
    // One with nothing on one side is read as a word, not a usage error.
    for (const char* text : {"kitten AND", "AND NOT kitten", "kitten OR", "NEAR kitten"}) {
        INFO(text);
        ParsedQuery p;
        REQUIRE_NOTHROW(p = build(text));
        CHECK(matches(db, p.query) == matches(db, build("kitten").query));
    }
}

namespace {

// Each document's weight for a query, by its position in pets() (value 0 of
// the copies in split()), in BM25 as ranked.
std::map<std::string, double> weights(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire e(db);
    e.set_query(q);
    e.set_weighting_scheme(ranking_weight());
    Xapian::MSet m = e.get_mset(0, db.get_doccount());
    std::map<std::string, double> w;
    for (auto it = m.begin(); it != m.end(); ++it) w[it.get_document().get_value(0)] = it.get_weight();
    return w;
}

// pets() again, each document numbered in value 0, as one database and as
// two shards (every third document in the first).
struct Split {
    Xapian::WritableDatabase one{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Xapian::WritableDatabase a{std::string(), Xapian::DB_BACKEND_INMEMORY}, b{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Xapian::Database both;
    Split() {
        Xapian::Database src = pets();
        for (Xapian::docid id = 1; id <= src.get_lastdocid(); ++id) {
            Xapian::Document d = src.get_document(id);
            Xapian::Document copy;
            for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
                copy.add_term(*t, t.get_wdf());
            }
            copy.add_value(0, std::to_string(id));
            one.add_document(copy);
            (id % 3 == 0 ? a : b).add_document(copy);
        }
        both.add_database(a);
        both.add_database(b);
    }
};

}  // namespace

TEST_CASE("a wildcard weighs the same over shards once expanded over them all, and as on one database") {
    Split s;
    Xapian::Query wild(Xapian::Query::OP_WILDCARD, "Zc", 0, Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_SYNONYM);
    // Xapian 1.4 expands it in each shard with that shard's terms only.
    CHECK(weights(s.both, wild) != weights(s.one, wild));
    Xapian::Query expanded = expand_for_shards(s.both, wild);
    CHECK(expanded.get_description().find("WILDCARD") == std::string::npos);
    CHECK(weights(s.both, expanded) == weights(s.one, wild));
    CHECK(weights(s.one, expand_for_shards(s.one, wild)) == weights(s.one, wild));
    // Under operators without parameters too; a wildcard expanding to nothing matches nothing.
    Xapian::Query nothing(Xapian::Query::OP_WILDCARD, "Zzzz", 0, Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_SYNONYM);
    Xapian::Query tree(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, wild, nothing), Xapian::Query("Zdog"));
    CHECK(weights(s.both, expand_for_shards(s.both, tree)) == weights(s.one, tree));
    CHECK(matches(s.both, expand_for_shards(s.both, nothing)).empty());
}

TEST_CASE("a synonym of many becomes pairs in a balanced tree, weighing the same over shards") {
    Split s;
    std::vector<Xapian::Query> many;
    for (const char* t : {"Zcat", "Zkitten", "Zpurr", "Zwhisker", "Zmeow", "Ztabbi", "Zdog"}) many.emplace_back(t);
    Xapian::Query flat(Xapian::Query::OP_SYNONYM, many.begin(), many.end());
    Xapian::Query pairs = expand_for_shards(s.both, flat);
    CHECK(pairs.get_type() == Xapian::Query::OP_SYNONYM);
    CHECK(pairs.get_num_subqueries() == 2);
    CHECK(matches(s.one, pairs) == matches(s.one, flat));
    CHECK(weights(s.both, pairs) == weights(s.one, pairs));
    // A synonym of two, and a query without synonyms or wildcards, are left as they are.
    Xapian::Query two(Xapian::Query::OP_SYNONYM, Xapian::Query("Zcat"), Xapian::Query("Zdog"));
    CHECK(expand_for_shards(s.both, two).get_description() == two.get_description());
    Xapian::Query plain(Xapian::Query::OP_OR, Xapian::Query("Zcat"), Xapian::Query("Zdog"));
    CHECK(expand_for_shards(s.both, plain).get_description() == plain.get_description());
}

TEST_CASE("relevance order breaks ties newest first by the Newest value, not by document id") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const char* key : {"20230101a", "20230301b", "!c", "20230201d"}) {
        Xapian::Document d;
        d.add_term("Zsame");
        d.add_value(slot(Slot::Newest), key);
        db.add_document(d);
    }
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query("Zsame"));
    set_relevance_order(e);
    std::vector<Xapian::docid> order;
    for (Xapian::docid id : e.get_mset(0, 10)) order.push_back(id);
    CHECK(order == std::vector<Xapian::docid>{2, 4, 1, 3});  // March, February, January, undated
}

TEST_CASE("rank_by_relevance lists every range as set_relevance_order does, ties straddling its edges or not") {
    // Documents in groups of equal weight (the same words, the same length),
    // their Newest keys out of document order: ties everywhere, inside the
    // ranges asked for and across their edges; groups of 10 (seen whole in
    // the room matched beyond a range) and of 40 (not: matched again).
    size_t straddled = 0, clean = 0;
    for (const int groups : {6, 3}) {
        const int docs = groups == 6 ? 60 : 120;
        Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
        for (int d = 0; d < docs; ++d) {
            Xapian::Document doc;
            const int group = d % groups;
            doc.add_term("Zword", static_cast<Xapian::termcount>(1 + group));
            doc.add_term("Zother", 7);
            doc.add_value(slot(Slot::Newest), std::to_string(20230000 + (d * 37) % 101) + "id" + std::to_string(d));
            db.add_document(doc);
        }
        Xapian::Enquire want(db);
        want.set_query(Xapian::Query("Zword"));
        want.set_weighting_scheme(ranking_weight());
        set_relevance_order(want);
        std::vector<Xapian::docid> all;
        for (Xapian::docid id : want.get_mset(0, 200)) all.push_back(id);
        REQUIRE(all.size() == static_cast<size_t>(docs));
        for (Xapian::doccount first : {0u, 1u, 5u, 9u, 10u, 11u, 30u, 55u, 59u, 60u, 70u, 119u}) {
            for (Xapian::doccount count : {1u, 3u, 10u, 20u, 100u}) {
                // (0: counted apart; 5: Xapian's estimate wanted, one rank of room)
                for (Xapian::doccount check_at_least : {db.get_doccount(), 0u, 5u}) {
                    Xapian::Enquire e(db);
                    e.set_query(Xapian::Query("Zword"));
                    e.set_weighting_scheme(ranking_weight());
                    Ranked r = rank_by_relevance(db, e, first, count, check_at_least);
                    std::vector<Xapian::docid> got, expected;
                    for (const auto& it : r.items) got.push_back(*it);
                    for (Xapian::doccount i = first; i < all.size() && i < first + count; ++i) expected.push_back(all[i]);
                    INFO(docs << " documents, first " << first << ", count " << count << ", check " << check_at_least);
                    CHECK(got == expected);
                    if (check_at_least == db.get_doccount()) CHECK(r.matches == static_cast<Xapian::doccount>(docs));
                    ++(r.rematched ? straddled : clean);
                }
            }
        }
    }
    // Both ways were taken: ranges whose edges cut a group of ties not seen
    // whole (matched again) and the others (ordered afterwards).
    CHECK(straddled > 0);
    CHECK(clean > 0);
}

TEST_CASE("a closed date range filters exactly as the range of the date value, through year, month and day terms") {
    // Articles analysed as news-index does, dated over three years around a
    // leap day (and a few undated), against ranges that start and end on
    // every kind of boundary.
    Catalogue cat = Catalogue::builtin();
    indexer::Analyser analyser(cat);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::mt19937 rng(20261201);
    auto random_date = [&](int from_year, int years) {
        for (;;) {
            Date d{from_year + static_cast<int>(rng() % years), 1 + static_cast<int>(rng() % 12),
                   1 + static_cast<int>(rng() % 31)};
            if (is_valid_date(d.year, d.month, d.day)) return d;
        }
    };
    for (int i = 0; i < 400; ++i) {
        std::vector<indexer::Diagnostic> diags;
        std::string header = i % 50 == 0 ? "" : "date " + random_date(1999, 3).iso() + " ";
        if (i % 40 == 1) header = "date 2000-02-29 ";
        indexer::Article a = indexer::parse_text_article(header + "Words of article " + std::to_string(i) + ".",
                                                         "a" + std::to_string(i), "a.txt", diags);
        a.file = "a.txt";
        for (auto& d : analyser.analyse(a)) db.add_document(d.doc);
    }
    // And one on the first and the last day of every month.
    for (int y = 1999; y <= 2001; ++y)
        for (int m = 1; m <= 12; ++m)
            for (int day : {1, 28, 29, 30, 31}) {
                if (!is_valid_date(y, m, day) || (day < 31 && day > 1 && is_valid_date(y, m, day + 1))) continue;
                std::vector<indexer::Diagnostic> diags;
                indexer::Article a = indexer::parse_text_article(
                    "date " + Date{y, m, day}.iso() + " Edge of a month.", "e" + Date{y, m, day}.key(), "e.txt", diags);
                a.file = "e.txt";
                for (auto& d : analyser.analyse(a)) db.add_document(d.doc);
            }
    auto matches = [&](const Xapian::Query& q) {
        Xapian::Enquire e(db);
        e.set_query(q);
        std::set<Xapian::docid> ids;
        for (Xapian::docid id : e.get_mset(0, db.get_doccount())) ids.insert(id);
        return ids;
    };
    std::vector<std::pair<std::string, std::string>> ranges{
        {"1999", "1999"}, {"1999", "2001"}, {"2000-02", "2000-02"}, {"2000-02-29", "2000-03-01"},
        {"1999-12-31", "2000-01-01"}, {"1999-03-15", "2000-11-02"}, {"1998", "2002"}, {"2000-01", "2000-12"},
        {"2001-02-01", "2001-02-28"}, {"1999-06", "2001-06-30"}};
    for (int i = 0; i < 200; ++i) {
        Date x = random_date(1998, 5), y = random_date(1998, 5);
        if (y < x) std::swap(x, y);
        ranges.emplace_back(x.iso(), y.iso());
    }
    size_t non_empty = 0;
    for (const auto& [from, to] : ranges) {
        INFO(from << " .. " << to);
        Xapian::Query filter = date_filter(from, to, "date");
        CHECK(filter.get_type() != Xapian::Query::OP_VALUE_RANGE);  // terms, not a value range
        const std::string lo = parse_date_bound(from).index() == 0 ? std::get<DateBound>(parse_date_bound(from)).first.key() : "";
        const std::string hi = std::get<DateBound>(parse_date_bound(to)).last.key();
        const auto want = matches(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot(Slot::Date), lo, hi));
        CHECK(matches(filter) == want);
        non_empty += !want.empty();
    }
    CHECK(non_empty > 150);
    // Open ends and centuries stay value ranges.
    CHECK(date_filter("2000", "", "date").get_type() == Xapian::Query::OP_VALUE_GE);
    CHECK(date_filter("0001", "9999", "date").get_type() == Xapian::Query::OP_VALUE_RANGE);
    CHECK(matches(date_filter("0001", "9999", "date")).size() == db.get_doccount() - 8);  // all but the 8 undated
}
