#include "workarounds.hpp"

#include <string>
#include <utility>

namespace news::searcher {
namespace {

// A term's documents read through its own posting list
// (Database::postlist_begin()), which Xapian 1.4.22 reads correctly in any
// part: what stands for a term that indexes every document of some parts
// of an index but not of all (full_terms_as_match_all()).  Weighs nothing.
// Local parts only: a remote server would not know the class.
class TermSource : public Xapian::PostingSource {
public:
    explicit TermSource(std::string term) : term_(std::move(term)) {}
    TermSource* clone() const override { return new TermSource(term_); }
    std::string name() const override { return "news::TermSource"; }
    std::string get_description() const override { return "news::TermSource(" + term_ + ")"; }
    void init(const Xapian::Database& db) override {
        db_ = db;
        it_ = db_.postlist_begin(term_);
        started_ = false;
        tf_ = db_.get_termfreq(term_);
        set_maxweight(0);
    }
    Xapian::doccount get_termfreq_min() const override { return tf_; }
    Xapian::doccount get_termfreq_est() const override { return tf_; }
    Xapian::doccount get_termfreq_max() const override { return tf_; }
    void next(double) override {
        if (started_) ++it_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started_ = true;
        if (it_ != Xapian::PostingIterator()) it_.skip_to(did);
    }
    bool at_end() const override { return started_ && it_ == Xapian::PostingIterator(); }
    Xapian::docid get_docid() const override { return *it_; }

private:
    std::string term_;
    Xapian::Database db_;
    Xapian::PostingIterator it_;
    Xapian::doccount tf_ = 0;
    bool started_ = false;
};

// The leaf a term that weighs nothing is matched as (see the header).
Xapian::Query unweighted_term(const Xapian::Database& db, const std::vector<Xapian::Database>& parts,
                              const Xapian::Query& leaf) {
    const std::string t = *leaf.get_unique_terms_begin();
    const Xapian::doccount n = db.get_doccount(), tf = db.get_termfreq(t);
    if (n > 0 && tf == n) return Xapian::Query::MatchAll;
    if (tf > 0 && parts.size() > 1)
        for (const Xapian::Database& part : parts)
            if (part.get_doccount() > 0 && part.get_termfreq(t) == part.get_doccount())
                return Xapian::Query((new TermSource(t))->release());
    return leaf;
}

Xapian::Query full_terms_as_match_all(const Xapian::Database& db, const std::vector<Xapian::Database>& parts,
                                      const Xapian::Query& q, bool weighted, bool& changed) {
    using Q = Xapian::Query;
    auto again = [&](const Q& sub, bool w, bool& below) { return full_terms_as_match_all(db, parts, sub, w, below); };
    const auto op = q.get_type();
    if (op == Q::LEAF_TERM) {
        if (weighted) return q;
        Q r = unweighted_term(db, parts, q);
        if (r.get_type() != Q::LEAF_TERM) changed = true;
        return r;
    }
    if (op == Q::OP_SCALE_WEIGHT) {
        bool below = false;
        if (!weighted) {  // no weight to scale: the subquery alone matches the same
            Q sub = again(q.get_subquery(0), false, below);
            if (below) changed = true;
            return below ? sub : q;
        }
        // A factor of 0 (the parser's pure filter, "0 * XY1987"); any other
        // is not readable from Xapian 1.4's Query, so its subquery stays.
        if (q.get_description().rfind("Query(0 * ", 0) != 0) return q;
        Q sub = again(q.get_subquery(0), false, below);
        if (!below) return q;
        changed = true;
        return Q(Q::OP_SCALE_WEIGHT, sub, 0.0);
    }
    if (op != Q::OP_AND && op != Q::OP_OR && op != Q::OP_XOR && op != Q::OP_AND_MAYBE && op != Q::OP_FILTER &&
        op != Q::OP_AND_NOT)
        return q;  // a synonym's terms count their wdf; a phrase needs positions; the rest has parameters
    bool below = false;
    std::vector<Q> subs;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
        // The filters of FILTER and the exclusions of AND_NOT weigh nothing.
        const bool w = weighted && (i == 0 || (op != Q::OP_FILTER && op != Q::OP_AND_NOT));
        subs.push_back(again(q.get_subquery(i), w, below));
    }
    if (!below) return q;
    changed = true;
    return Q(op, subs.begin(), subs.end());
}

}  // namespace

Xapian::Query full_terms_as_match_all(const Xapian::Database& db, const Xapian::Query& query, bool weighted,
                                      const std::vector<Xapian::Database>& parts) {
    bool changed = false;
    return full_terms_as_match_all(db, parts, query, weighted, changed);
}

}  // namespace news::searcher
