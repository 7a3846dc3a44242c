#include "count.hpp"

#include "ranking.hpp"

#include <string>

namespace news::searcher {
namespace {

// A weight of 0 for every match, which asks Xapian for each term's wdf but
// for no document length.  Not Xapian::BoolWeight: a weight that needs no
// wdf lets Xapian 1.4.22 read a term that indexes every document as its
// all-documents list, which meets its bug (full_terms_as_match_all());
// asking for the wdf keeps the query's terms read as BM25 reads them, so
// exactly the same documents match.
class CountWeight : public Xapian::Weight {
public:
    CountWeight() { need_stat(WDF); }
    CountWeight* clone() const override { return new CountWeight; }
    std::string name() const override { return "news::CountWeight"; }
    void init(double) override {}
    double get_sumpart(Xapian::termcount, Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxpart() const override { return 0; }
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxextra() const override { return 0; }
};

}  // namespace

Xapian::doccount count_exactly(const Xapian::Database& db, const Xapian::Query& query, bool remote) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    if (remote) enquire.set_weighting_scheme(ranking_weight());
    else enquire.set_weighting_scheme(CountWeight());
    // Every match checked (check_at_least: all documents), none kept.
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

Xapian::Query partial_matches(const ParsedQuery& p) {
    return Xapian::Query(Xapian::Query::OP_AND_NOT, p.query, p.all_words);
}

}  // namespace news::searcher
