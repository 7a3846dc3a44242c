#include "query_run.hpp"

#include "count.hpp"
#include "feedback.hpp"
#include "ranking.hpp"

#include "news/schema.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace news::searcher {
namespace {

// --quick counts exactly up to this many matches (checking them costs next to
// nothing), so a small total is never an estimate.
constexpr Xapian::doccount kQuickExactUpTo = 100;

// Every match's document id and weight, as the matcher finds them (in
// document id order, in a database of one part).
class WeightSpy : public Xapian::MatchSpy {
public:
    std::vector<std::pair<Xapian::docid, double>> seen;
    void operator()(const Xapian::Document& doc, double wt) override { seen.emplace_back(doc.get_docid(), wt); }
};

// The documents of a match already made, each with the weight it had there:
// the query's own part of the second, re-ranking match, which then reads no
// posting, position or document length of the query's terms again (a phrase
// is not checked twice).  The same weights to the bit, so the same ranking.
// Only in a database of one part: the document ids are the matcher's, and a
// posting source without clone() cannot go to the parts of a sharded index.
class KnownWeights : public Xapian::PostingSource {
public:
    explicit KnownWeights(std::vector<std::pair<Xapian::docid, double>> seen) : docs_(std::move(seen)) {
        if (!std::is_sorted(docs_.begin(), docs_.end())) std::sort(docs_.begin(), docs_.end());
        for (const auto& d : docs_) max_ = std::max(max_, d.second);
    }
    Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(docs_.size()); }
    Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(docs_.size()); }
    Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(docs_.size()); }
    void init(const Xapian::Database&) override {
        at_ = 0;
        started_ = false;
        set_maxweight(max_);
    }
    // (Documents whose weight is below min_wt may be skipped.)
    void next(double min_wt) override {
        if (started_) ++at_;
        started_ = true;
        skip_light(min_wt);
    }
    void skip_to(Xapian::docid did, double min_wt) override {
        started_ = true;
        if (at_ < docs_.size() && docs_[at_].first < did)
            at_ = static_cast<size_t>(std::lower_bound(docs_.begin() + static_cast<std::ptrdiff_t>(at_), docs_.end(),
                                                       std::make_pair(did, 0.0),
                                                       [](const auto& a, const auto& b) { return a.first < b.first; }) -
                                      docs_.begin());
        skip_light(min_wt);
    }
    bool at_end() const override { return at_ >= docs_.size(); }
    Xapian::docid get_docid() const override { return docs_[at_].first; }
    double get_weight() const override { return docs_[at_].second; }
    std::string get_description() const override { return "KnownWeights(" + std::to_string(docs_.size()) + ")"; }

private:
    void skip_light(double min_wt) {
        while (at_ < docs_.size() && docs_[at_].second < min_wt) ++at_;
    }
    std::vector<std::pair<Xapian::docid, double>> docs_;
    size_t at_ = 0;
    bool started_ = false;
    double max_ = 0;
};

void take(const Xapian::MSet& mset, std::vector<Xapian::MSetIterator>& items) {
    for (auto it = mset.begin(); it != mset.end(); ++it) items.push_back(it);
}

// spy: the facets to count during this match (none: empty).  Not with
// remote parts: in an order other than pure relevance, Xapian 1.4's matcher
// runs the spies a second time on some of the matches a remote shard sends
// back (those that sort below the current page), so their counts would be
// too high; see count_facets() (facets.hpp).
Run date_order_run(const Xapian::Database& db, const ParsedQuery& p, bool newest, const Options& o,
                   const FacetNames& spy, bool remote) {
    const auto offset = static_cast<Xapian::doccount>(o.offset), limit = static_cast<Xapian::doccount>(o.limit);
    FacetSpies spies(spy);  // declared first: it outlives the Enquire that holds it
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(ranking_weight());
    enquire.set_query(p.complete);
    if (!spy.empty()) spies.add(enquire);
    Run r;
    // Every order is total (the date keys end with the unique id), so a
    // sharded index lists documents exactly as one database does, whatever
    // their document ids; values, not KeyMakers, which remote shards lack.
    if (newest) {
        enquire.set_sort_by_value_then_relevance(slot(Slot::Newest), true);
        Xapian::MSet mset = enquire.get_mset(offset, limit, db.get_doccount());  // every match checked: exact total and facets
        r.total = r.ranked = mset.get_matches_estimated();
        take(mset, r.items);
        r.complete_items = r.items.size();
        if (!spy.empty()) r.facets = spies.counts();
        return r;
    }
    // Oldest first, undated last.  Ascending Newest order puts the
    // undated first ("!" + id): the order wanted is that order turned
    // round by their count, the dated from there on, then the undated.
    enquire.set_sort_by_value_then_relevance(slot(Slot::Newest), false);
    const Xapian::doccount undated =
        count_exactly(db, Xapian::Query(Xapian::Query::OP_FILTER, p.complete, p.undated), remote);
    Xapian::MSet mset = enquire.get_mset(undated + offset, limit, db.get_doccount());  // exact total and facets
    r.total = r.ranked = mset.get_matches_estimated();
    take(mset, r.items);
    if (!spy.empty()) r.facets = spies.counts();
    const Xapian::doccount dated = r.total - std::min(undated, r.total);
    // Where the page reaches the undated: they follow, in ascending order.
    const Xapian::doccount from = std::max(offset, dated) - dated;  // the first undated on the page
    const Xapian::doccount end = std::min(offset + limit - std::min(offset + limit, dated), undated);
    if (from < end) {
        enquire.clear_matchspies();  // (counted once, above)
        take(enquire.get_mset(from, end - from), r.items);
    }
    r.complete_items = r.items.size();
    return r;
}

// The ranks [offset, offset + limit) of the relevance order, where a tiered
// query lists its complete matches (`ranked` filtered by p.all_words, or
// `complete_ranked`, ranked the same) first and its partial ones (the rest
// of `ranked`) after them.  `complete` is the
// number of complete matches, or nothing when not counted yet (--quick and
// the default): then the complete matches are counted exactly, by `counter`
// where it walks them, else in their own match, and the partial ones too
// where `exact` (the default) and `counter` walks them (then their match
// runs only where the page reaches them), else they are Xapian's estimate
// from a match that stops early.
void relevance_page(const Xapian::Database& db, const ParsedQuery& p, const Xapian::Query& ranked,
                    const Xapian::Query& complete_ranked, Xapian::doccount offset, Xapian::doccount limit, std::optional<Xapian::doccount> complete,
                    ExactCounter& counter, bool exact, Run& r) {
    auto page_of = [&](const Xapian::Query& q, Xapian::doccount first, Xapian::doccount count,
                       Xapian::doccount check_at_least) {
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(ranking_weight());
        enquire.set_query(q);
        return rank_by_relevance(db, enquire, first, count, check_at_least);
    };
    if (!p.tiered) {
        Ranked page = page_of(ranked, offset, limit, 0);
        r.items = std::move(page.items);
        r.complete_items = r.items.size();
        return;
    }
    Xapian::doccount have = 0;
    // Not counted yet: walked (no weight, no MSet), or in this match.
    const std::optional<Xapian::doccount> walked = complete ? std::nullopt : counter.walked(p.complete);
    if (!complete || offset < *complete) {
        Ranked page = page_of(complete_ranked, offset, limit, complete || walked ? 0 : db.get_doccount());
        have = static_cast<Xapian::doccount>(page.items.size());
        r.items = std::move(page.items);
        if (!complete) r.total = walked ? *walked : page.matches;
    }
    r.complete_items = r.items.size();
    const std::optional<Xapian::doccount> partials =
        complete || !exact ? std::nullopt : counter.walked(partial_matches(p));
    if (partials) r.some_words = *partials;
    if ((complete || partials) && have == limit) return;
    const Xapian::Query partial(Xapian::Query::OP_AND_NOT, ranked, p.all_words);
    const Xapian::doccount c = complete ? *complete : r.total;
    Ranked rest = page_of(partial, offset + have - std::min(offset + have, c), limit - have,
                          complete || partials ? 0 : kQuickExactUpTo);
    if (have < limit)
        for (auto& it : rest.items) r.items.push_back(it);
    if (!complete && !partials) {
        r.some_words = rest.matches;
        r.some_words_exact = rest.exact;
    }
}

// --quick (and no facets to count): the page alone, from matches that stop
// as soon as no other document can reach it (Xapian's bounds on the
// weights) and kQuickExactUpTo matches were seen, so a total above that is
// Xapian's estimate (exact when its bounds meet); no feedback (it needs the
// top documents first).  exact (the default): the totals that `counter`
// walks are counted so, and the matches stop as soon as the page is known.
Run quick_relevance_run(const Xapian::Database& db, const ParsedQuery& p, Xapian::doccount offset,
                        Xapian::doccount limit, ExactCounter& counter, bool exact) {
    Run r;
    if (p.tiered) {
        relevance_page(db, p, p.query, p.complete_ranked, offset, limit, std::nullopt, counter, exact, r);
    } else {
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(ranking_weight());
        enquire.set_query(p.query);
        const std::optional<Xapian::doccount> walked = exact ? counter.walked(p.query) : std::nullopt;
        Ranked page = rank_by_relevance(db, enquire, offset, limit, walked ? 0 : kQuickExactUpTo);
        r.total = walked ? *walked : page.matches;
        r.exact = walked || page.exact;
        r.nothing_to_rank = r.total > 0 && page.mset.get_max_possible() == 0;
        r.items = std::move(page.items);
        r.complete_items = r.items.size();
    }
    r.ranked = r.total + r.some_words;
    return r;
}

// A tiered query's complete matches (r.total), counted in a match of their
// own with the facets of `spy`.
void count_complete(const Xapian::Database& db, const ParsedQuery& p, const FacetNames& spy, Run& r) {
    FacetSpies complete_spies(spy);  // (outlives the Enquire that holds it)
    Xapian::Enquire count(db);
    count.set_weighting_scheme(ranking_weight());  // (not BoolWeight: see CountWeight in count.cpp)
    count.set_query(p.complete);
    if (!spy.empty()) complete_spies.add(count);
    r.total = count.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
    if (!spy.empty()) r.facets = complete_spies.counts();
}

// In relevance order the query is matched twice.  First as it is, checking
// every match (the exact numbers of complete and partial matches, and the
// facets of the complete ones), which gives the top documents for
// pseudo-relevance feedback; then, with the feedback's expansion terms, for
// the page of hits only, which lets Xapian skip the documents that cannot
// reach the page (in a database of one part the query's own weights come
// from the first match: KnownWeights).  Feedback never changes what
// matches, so the counts of the first match hold.  A tiered query's
// complete matches are counted (with the facets) in a match of their own.
// Without --expand (and no facets to count) the query is matched for the
// page only, and the default counts apart (count.hpp); with --quick there
// is never feedback, so --facets does not change its hits.  Both in relevance order alone, ties ordered
// afterwards (rank_by_relevance()).
// remote: some part is (or may hold) a remote shard; single: the index is
// one local database.
Run relevance_run(const Xapian::Database& db, const ParsedQuery& p, const Options& o, const FacetNames& spy,
                  bool remote, bool single) {
    const auto offset = static_cast<Xapian::doccount>(o.offset), limit = static_cast<Xapian::doccount>(o.limit);
    ExactCounter counter(db, remote);
    if ((o.quick || !o.expand) && !o.facets) {
        Run r = quick_relevance_run(db, p, offset, limit, counter, !o.quick);
        if (!o.quick) {  // the default: the same page, its totals counted apart where estimated
            if (!r.exact) r.total = counter.exactly(p.complete);
            if (!r.some_words_exact) r.some_words = counter.exactly(partial_matches(p));
            r.exact = r.some_words_exact = true;
            r.ranked = r.total + r.some_words;
        }
        return r;
    }
    Run r;
    FacetSpies spies(spy);  // declared first: it outlives the Enquire that holds it
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(ranking_weight());
    enquire.set_query(p.query);
    if (!spy.empty() && !p.tiered) spies.add(enquire);
    // The top documents for feedback and, without feedback, the page.
    const Xapian::doccount top = std::max<Xapian::doccount>(kRanking.feedback_docs, offset + limit);
    WeightSpy weights;  // (outlives the Enquire that holds it)
    const bool feedback = o.expand && !o.quick;  // (--quick with --facets: this match, no feedback)
    const bool reuse = single && feedback && p.feedback_words > 0;
    if (reuse) enquire.add_matchspy(&weights);
    Ranked first = rank_by_relevance(db, enquire, 0, top, db.get_doccount());
    const Xapian::doccount matched = first.matches;  // exact: every match was checked
    r.nothing_to_rank = matched > 0 && first.mset.get_max_possible() == 0;
    r.total = matched;
    if (p.tiered)
        count_complete(db, p, spy, r);
    else if (!spy.empty())
        r.facets = spies.counts();
    r.some_words = matched - std::min(matched, r.total);
    r.ranked = matched;
    std::optional<Xapian::Query> expansion =
        !feedback ? std::nullopt
                  : feedback_expansion(db, p.query, p.feedback_words, first.items, first.mset.get_max_possible(),
                                       matched, remote);
    if (!expansion && !p.tiered) {
        for (Xapian::doccount i = offset; i < first.items.size() && i < offset + limit; ++i)
            r.items.push_back(first.items[i]);
        r.complete_items = r.items.size();
        return r;
    }
    // The query's own weights as the first match found them (every match
    // seen: the spy ran on each), or the query matched again.
    Xapian::Query ranked = p.query;
    if (reuse && weights.seen.size() == matched)
        ranked = Xapian::Query((new KnownWeights(std::move(weights.seen)))->release());  // (the query owns it)
    if (expansion) ranked = Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked, *expansion);
    relevance_page(db, p, ranked, Xapian::Query(Xapian::Query::OP_FILTER, ranked, p.all_words), offset, limit, r.total,
                   counter, true, r);
    return r;
}

}  // namespace

Run run_query(const Xapian::Database& db, const ParsedQuery& p, Sort sort, const Options& o, const FacetNames& spy,
              bool remote, bool single) {
    if (sort == Sort::Relevance) return relevance_run(db, p, o, spy, remote, single);
    return date_order_run(db, p, sort == Sort::Newest, o, spy, remote);
}

}  // namespace news::searcher
