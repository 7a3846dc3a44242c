#include "count.hpp"

#include "ranking.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace news::searcher {

// What a query matches as a set expression of its terms (set_of() below).
struct SetExpr {
    enum class Kind { Term, All, None, And, Or, AndNot } kind = Kind::None;
    std::string term;           // Term
    std::vector<SetExpr> sets;  // And, Or: operands (by key); AndNot: left, right
    std::string key;            // canonical: equal keys, equal sets
};

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

// --- The boolean walk --------------------------------------------------------
//
// The documents a query matches, in document id order, found by walking
// its terms' posting lists (Database::postlist_begin()) as a boolean
// matcher does: AND leaps from the rarest list with skip_to(), OR merges,
// AND_NOT skips the right side to each document of the left.  Xapian's
// matcher does the same, but for each match also builds the weight
// machinery and its MSet bookkeeping: most of a count's cost.  Only the
// operators whose matches are a plain set operation of their subqueries'
// are walked; anything else (phrases, NEAR, value ranges, wildcards, a
// posting source) is left to Xapian.

class Walk {
public:
    virtual ~Walk() = default;
    // Moves to the first document at or after `did` (staying where it is
    // when already there); false at the end.
    bool reach(Xapian::docid did) {
        if (ended_) return false;
        if (docid_ >= did) return true;
        if (!step(did)) {
            ended_ = true;
            return false;
        }
        return true;
    }
    Xapian::docid docid() const { return docid_; }
    // At most this many matches (AND takes its smallest subquery first).
    virtual Xapian::doccount most() const = 0;

protected:
    // Sets docid_ to the first match at or after `did` (> docid_); false at the end.
    virtual bool step(Xapian::docid did) = 0;
    Xapian::docid docid_ = 0;

private:
    bool ended_ = false;
};

using WalkPtr = std::unique_ptr<Walk>;

// A term's posting list; the empty term is the all-documents list (Query::MatchAll).
class TermWalk : public Walk {
public:
    TermWalk(const Xapian::Database& db, const std::string& term)
        : it_(db.postlist_begin(term)), most_(term.empty() ? db.get_doccount() : db.get_termfreq(term)) {}
    Xapian::doccount most() const override { return most_; }

private:
    bool step(Xapian::docid did) override {
        if (it_ == end_) return false;
        if (docid_ != 0 && did == docid_ + 1) ++it_;  // the next one: no seek
        if (it_ != end_ && *it_ < did) it_.skip_to(did);
        if (it_ == end_) return false;
        docid_ = *it_;
        return true;
    }
    Xapian::PostingIterator it_, end_;
    Xapian::doccount most_;
};

class AndWalk : public Walk {
public:
    explicit AndWalk(std::vector<WalkPtr> all) : all_(std::move(all)) {
        std::sort(all_.begin(), all_.end(), [](const WalkPtr& a, const WalkPtr& b) { return a->most() < b->most(); });
    }
    Xapian::doccount most() const override { return all_.front()->most(); }

private:
    bool step(Xapian::docid did) override {
        for (;;) {
            if (!all_.front()->reach(did)) return false;
            did = all_.front()->docid();
            bool agreed = true;
            for (size_t i = 1; i < all_.size() && agreed; ++i) {
                if (!all_[i]->reach(did)) return false;
                if (all_[i]->docid() != did) did = all_[i]->docid(), agreed = false;
            }
            if (agreed) {
                docid_ = did;
                return true;
            }
        }
    }
    std::vector<WalkPtr> all_;  // the smallest first
};

class OrWalk : public Walk {
public:
    explicit OrWalk(std::vector<WalkPtr> any) : any_(std::move(any)) {
        for (const WalkPtr& w : any_) most_ += w->most();
    }
    Xapian::doccount most() const override { return most_; }

private:
    bool step(Xapian::docid did) override {
        Xapian::docid first = 0;
        for (const WalkPtr& w : any_)
            if (w->reach(did) && (first == 0 || w->docid() < first)) first = w->docid();
        if (first == 0) return false;
        docid_ = first;
        return true;
    }
    std::vector<WalkPtr> any_;
    Xapian::doccount most_ = 0;
};

class AndNotWalk : public Walk {
public:
    AndNotWalk(WalkPtr left, WalkPtr right) : left_(std::move(left)), right_(std::move(right)) {}
    Xapian::doccount most() const override { return left_->most(); }

private:
    bool step(Xapian::docid did) override {
        for (;; ++did) {
            if (!left_->reach(did)) return false;
            did = left_->docid();
            if (!right_->reach(did) || right_->docid() != did) {
                docid_ = did;
                return true;
            }
        }
    }
    WalkPtr left_, right_;
};

// Nothing matches (Query(), MatchNothing).
class NoWalk : public Walk {
public:
    Xapian::doccount most() const override { return 0; }

private:
    bool step(Xapian::docid) override { return false; }
};

// --- The query as a set expression -------------------------------------------
//
// What a query matches, written as a set expression of its terms, made
// canonical (nested ANDs and ORs flattened, repeats and absorbed operands
// dropped, operands sorted), so that equal sets have equal keys and a
// count is made once.  AND_MAYBE and SCALE_WEIGHT match what their first
// subquery matches; FILTER what AND does; SYNONYM what OR does.

using Kind = SetExpr::Kind;

SetExpr leaf(Kind kind, std::string term = {}) {
    SetExpr e;
    e.kind = kind;
    e.key = kind == Kind::Term ? "T" + term : kind == Kind::All ? "*" : "0";
    e.term = std::move(term);
    return e;
}

// x ⊆ y, where the structure shows it (false: not shown).
bool subset(const SetExpr& x, const SetExpr& y) {
    if (x.key == y.key || y.kind == Kind::All || x.kind == Kind::None) return true;
    if (x.kind == Kind::Or)
        return std::all_of(x.sets.begin(), x.sets.end(), [&](const SetExpr& s) { return subset(s, y); });
    if (x.kind == Kind::And && std::any_of(x.sets.begin(), x.sets.end(), [&](const SetExpr& s) { return subset(s, y); }))
        return true;
    if (x.kind == Kind::AndNot && subset(x.sets[0], y)) return true;
    if (y.kind == Kind::Or && std::any_of(y.sets.begin(), y.sets.end(), [&](const SetExpr& s) { return subset(x, s); }))
        return true;
    if (y.kind == Kind::And)
        return std::all_of(y.sets.begin(), y.sets.end(), [&](const SetExpr& s) { return subset(x, s); });
    return false;
}

// AND (intersection) or OR (union) of `sets`.
SetExpr combine(Kind kind, std::vector<SetExpr> sets) {
    const bool is_and = kind == Kind::And;
    const Kind unit = is_and ? Kind::All : Kind::None, zero = is_and ? Kind::None : Kind::All;
    std::vector<SetExpr> flat;
    for (SetExpr& s : sets) {
        if (s.kind == zero) return leaf(zero);
        if (s.kind == unit) continue;
        if (s.kind != kind) flat.push_back(std::move(s));
        else for (SetExpr& t : s.sets) flat.push_back(std::move(t));
    }
    std::sort(flat.begin(), flat.end(), [](const SetExpr& a, const SetExpr& b) { return a.key < b.key; });
    flat.erase(std::unique(flat.begin(), flat.end(), [](const SetExpr& a, const SetExpr& b) { return a.key == b.key; }),
               flat.end());
    // Absorbed: in an AND an operand holding another (A AND (A OR B) = A
    // AND A), in an OR one inside another (A OR (A AND B) = A OR A).
    std::vector<bool> drop(flat.size());
    for (size_t i = 0; i < flat.size(); ++i)
        for (size_t j = 0; j < flat.size() && !drop[i]; ++j)
            if (i != j && !drop[j] && (is_and ? subset(flat[j], flat[i]) : subset(flat[i], flat[j]))) drop[i] = true;
    SetExpr e;
    for (size_t i = 0; i < flat.size(); ++i)
        if (!drop[i]) e.sets.push_back(std::move(flat[i]));
    if (e.sets.empty()) return leaf(unit);
    if (e.sets.size() == 1) return std::move(e.sets.front());
    e.kind = kind;
    e.key = "(";
    for (const SetExpr& s : e.sets) e.key += (e.key.size() > 1 ? (is_and ? " & " : " | ") : "") + s.key;
    e.key += ")";
    return e;
}

SetExpr without(SetExpr left, SetExpr right) {
    if (right.kind == Kind::None) return left;
    if (subset(left, right)) return leaf(Kind::None);
    SetExpr e;
    e.kind = Kind::AndNot;
    e.key = "(" + left.key + " - " + right.key + ")";
    e.sets.push_back(std::move(left));
    e.sets.push_back(std::move(right));
    return e;
}

// The set expression of `q`, or nothing where some part is not a plain
// set operation of terms.
std::optional<SetExpr> set_of(const Xapian::Query& q) {
    using Q = Xapian::Query;
    std::vector<SetExpr> sets;
    auto subs = [&](size_t from) {
        for (size_t i = from; i < q.get_num_subqueries(); ++i) {
            std::optional<SetExpr> s = set_of(q.get_subquery(i));
            if (!s) return false;
            sets.push_back(std::move(*s));
        }
        return true;
    };
    switch (q.get_type()) {
        case Q::LEAF_TERM: {
            std::string t = *q.get_terms_begin();
            return t.empty() ? leaf(Kind::All) : leaf(Kind::Term, std::move(t));
        }
        case Q::LEAF_MATCH_ALL: return leaf(Kind::All);
        case Q::LEAF_MATCH_NOTHING: return leaf(Kind::None);
        case Q::OP_AND:
        case Q::OP_FILTER:
            if (q.get_num_subqueries() == 0 || !subs(0)) return std::nullopt;
            return combine(Kind::And, std::move(sets));
        case Q::OP_OR:
        case Q::OP_SYNONYM:
            if (q.get_num_subqueries() == 0 || !subs(0)) return std::nullopt;
            return combine(Kind::Or, std::move(sets));
        case Q::OP_AND_NOT: {  // the first subquery's matches that no other has
            if (q.get_num_subqueries() < 2 || !subs(0)) return std::nullopt;
            SetExpr left = std::move(sets.front());
            sets.erase(sets.begin());
            return without(std::move(left), combine(Kind::Or, std::move(sets)));
        }
        case Q::OP_AND_MAYBE:
        case Q::OP_SCALE_WEIGHT:
            if (q.get_num_subqueries() == 0) return std::nullopt;
            return set_of(q.get_subquery(0));
        default: return std::nullopt;
    }
}

WalkPtr walk_of(const Xapian::Database& db, const SetExpr& e) {
    std::vector<WalkPtr> ws;
    for (const SetExpr& s : e.sets) ws.push_back(walk_of(db, s));
    switch (e.kind) {
        case Kind::Term: return std::make_unique<TermWalk>(db, e.term);
        case Kind::All: return std::make_unique<TermWalk>(db, std::string());
        case Kind::None: return std::make_unique<NoWalk>();
        case Kind::And: return std::make_unique<AndWalk>(std::move(ws));
        case Kind::Or: return std::make_unique<OrWalk>(std::move(ws));
        case Kind::AndNot: return std::make_unique<AndNotWalk>(std::move(ws[0]), std::move(ws[1]));
    }
    return nullptr;
}

}  // namespace

// How many documents `e` holds: terms and the whole database by their
// frequencies; |L - R| as |L| - |L AND R|; |A OR B| as |A| + |B| - |A AND
// B|; the rest (ANDs, wider ORs) walked.
Xapian::doccount ExactCounter::count(const SetExpr& e) {
    if (e.kind == Kind::Term) return db_.get_termfreq(e.term);
    if (e.kind == Kind::All) return db_.get_doccount();
    if (e.kind == Kind::None) return 0;
    if (auto known = counted_.find(e.key); known != counted_.end()) return known->second;
    Xapian::doccount n = 0;
    if (e.kind == Kind::AndNot) {
        n = count(e.sets[0]) - count(combine(Kind::And, e.sets));
    } else if (e.kind == Kind::Or && e.sets.size() == 2) {
        n = count(e.sets[0]) + count(e.sets[1]) - count(combine(Kind::And, e.sets));
    } else {
        WalkPtr walk = walk_of(db_, e);
        for (Xapian::docid did = 1; walk->reach(did); did = walk->docid() + 1) {
            ++n;
            if (walk->docid() == Xapian::docid(-1)) break;  // (the last possible id)
        }
    }
    counted_.emplace(e.key, n);
    return n;
}

std::optional<Xapian::doccount> ExactCounter::walked(const Xapian::Query& query) {
    if (remote_) return std::nullopt;
    std::optional<SetExpr> e = set_of(query);
    if (!e) return std::nullopt;
    return count(*e);
}

Xapian::doccount ExactCounter::exactly(const Xapian::Query& query) {
    if (std::optional<Xapian::doccount> n = walked(query)) return *n;
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    if (remote_) enquire.set_weighting_scheme(ranking_weight());
    else enquire.set_weighting_scheme(CountWeight());
    // Every match checked (check_at_least: all documents), none kept.
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
}

Xapian::doccount count_exactly(const Xapian::Database& db, const Xapian::Query& query, bool remote) {
    return ExactCounter(db, remote).exactly(query);
}

Xapian::Query partial_matches(const ParsedQuery& p) {
    return Xapian::Query(Xapian::Query::OP_AND_NOT, p.query, p.all_words);
}

}  // namespace news::searcher
