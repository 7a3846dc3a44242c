// searcher/feedback.cpp: the expansion terms of pseudo-relevance feedback.
// expand_terms() looks up term frequencies only for the candidates whose
// upper bound can still win; these checks compare it with looking up every
// candidate (the same formula, written out here) and with Xapian's own
// Enquire::get_eset(), on an index whose words follow a Zipf-like law, for
// many queries, both ways of fetching term frequencies (local and the
// batched one used with remote shards), and with fewer top documents than
// asked for.
#include "feedback.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using news::searcher::expand_terms;
using news::searcher::ExpandTerm;

namespace {

// 600 documents of 20 to 120 words drawn from 400, the word of rank k with
// weight 1/k, so that some words are in most documents and many in few.
Xapian::WritableDatabase zipf_index() {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::mt19937 rng(20261130);
    std::vector<double> weights;
    for (int k = 1; k <= 400; ++k) weights.push_back(1.0 / k);
    std::discrete_distribution<int> word(weights.begin(), weights.end());
    std::uniform_int_distribution<int> length(20, 120);
    for (int d = 0; d < 600; ++d) {
        Xapian::Document doc;
        const int n = length(rng);
        for (int i = 0; i < n; ++i) doc.add_term("Zw" + std::to_string(word(rng)));
        doc.add_boolean_term("XTYPEarticle");
        db.add_document(doc);
    }
    db.commit();
    return db;
}

bool stemmed_word(const std::string& t) { return t.size() >= 3 && t[0] == 'Z'; }

// The documents of the first n hits.
std::vector<Xapian::Document> first_documents(const Xapian::MSet& top, size_t n) {
    std::vector<Xapian::Document> docs;
    for (auto it = top.begin(); it != top.end() && docs.size() < n; ++it) docs.push_back(it.get_document());
    return docs;
}

// Every candidate's exact weight (TradEWeight, k = 1), best max_terms first.
std::vector<ExpandTerm> every_candidate(const Xapian::Database& db, const Xapian::MSet& top, Xapian::doccount docs,
                                        const Xapian::Query& query, size_t max_terms) {
    const std::set<std::string> in_query(query.get_unique_terms_begin(), query.get_unique_terms_end());
    std::map<std::string, std::pair<double, double>> stats;  // r, multiplier
    const double avlen = db.get_average_length();
    Xapian::doccount seen = 0;
    for (auto it = top.begin(); it != top.end() && seen < docs; ++it, ++seen) {
        Xapian::Document doc = it.get_document();
        Xapian::termcount doclen = 0;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) doclen += t.get_wdf();
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            if (in_query.count(*t) || !stemmed_word(*t)) continue;
            double wdf = std::max<Xapian::termcount>(t.get_wdf(), 1);
            auto& s = stats[*t];
            s.first += 1;
            s.second += 2 * wdf / (doclen / avlen + wdf);
        }
    }
    const double N = db.get_doccount(), R = seen;
    std::vector<ExpandTerm> out;
    for (const auto& [name, s] : stats) {
        const double n = db.get_termfreq(name), r = s.first;
        double w = s.second * std::log((r + 0.5) * (N - n - (R - r) + 0.5) / ((n - r + 0.5) * (R - r + 0.5)));
        if (w > 0) out.push_back({name, w, static_cast<Xapian::doccount>(n)});
    }
    std::sort(out.begin(), out.end(), [](const ExpandTerm& a, const ExpandTerm& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
    });
    if (out.size() > max_terms) out.resize(max_terms);
    return out;
}

}  // namespace

TEST_CASE("expand_terms finds the terms, weights and term frequencies of looking up every candidate, and get_eset()'s weights") {
    Xapian::Database db = zipf_index();
    size_t queries = 0, compared = 0;
    for (int a = 1; a <= 120; a += 7) {
        for (int b : {a + 1, a + 40, a + 150}) {
            Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("Zw" + std::to_string(a)),
                                Xapian::Query("Zw" + std::to_string(b)));
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            Xapian::MSet top = enquire.get_mset(0, 10);
            if (top.size() < 10) continue;
            ++queries;
            for (size_t max_terms : {5u, 20u, 60u}) {
                for (Xapian::doccount docs : {10u, 4u}) {
                    const auto want = every_candidate(db, top, docs, query, max_terms);
                    for (bool batched : {false, true}) {
                        INFO("query " << query.get_description() << ", " << max_terms << " terms, " << docs
                                      << " documents, " << (batched ? "batched" : "one by one"));
                        const auto got = expand_terms(db, first_documents(top, docs), query, max_terms, stemmed_word, batched);
                        REQUIRE(got.size() == want.size());
                        for (size_t i = 0; i < got.size(); ++i) {
                            CHECK(got[i].term == want[i].term);
                            CHECK(got[i].weight == want[i].weight);
                            CHECK(got[i].termfreq == want[i].termfreq);
                        }
                        ++compared;
                    }
                }
            }
            // Xapian's expand set over the same documents: the same weights
            // (its order among equal weights is its own).
            Xapian::RSet rset;
            for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
            struct Decider : Xapian::ExpandDecider {
                bool operator()(const std::string& t) const override { return stemmed_word(t); }
            } decider;
            Xapian::ESet eset = enquire.get_eset(20, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
            const auto got = expand_terms(db, first_documents(top, 10), query, 20, stemmed_word, false);
            REQUIRE(got.size() == eset.size());
            size_t i = 0;
            for (auto it = eset.begin(); it != eset.end(); ++it, ++i)
                CHECK(got[i].weight == Approx(it.get_weight()).epsilon(1e-12));
        }
    }
    CHECK(queries >= 40);
    CHECK(compared >= 40 * 12);
}
