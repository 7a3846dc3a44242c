#include "match.hpp"

#include "collapse.hpp"
#include "count.hpp"
#include "feedback.hpp"
#include "names.hpp"
#include "parse.hpp"
#include "ranking.hpp"
#include "shard_query.hpp"
#include "workarounds.hpp"

#include "news/entities.hpp"
#include "news/error.hpp"
#include "news/record_lines.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace news::searcher {
namespace {

constexpr int kRetries = 10;  // reopen and retry when news-index commits meanwhile (each flush is a commit)

// --quick counts exactly up to this many matches (checking them costs next to
// nothing), so a small total is never an estimate.
constexpr Xapian::doccount kQuickExactUpTo = 100;

// How many documents match (exactly).  Weighted as a search is, not with
// BoolWeight: unweighted, a word that indexes every document meets Xapian
// 1.4.22's all-documents bug (see full_terms_as_match_all()).
Xapian::doccount count_matches(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

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

struct Run {
    std::vector<Xapian::MSetIterator> items;  // the ranks asked for, in order (each holds its MSet)...
    size_t complete_items = 0;                // ...of which the first are complete matches
    Xapian::doccount total = 0;               // complete matches: exact...
    bool exact = true;                        // ...but with --quick
    Xapian::doccount some_words = 0;          // partial matches (relevance order of a tiered query)...
    bool some_words_exact = true;             // ...exact, or Xapian's estimate (--quick)
    Xapian::doccount ranked = 0;              // the ranks there are: total, and some_words in relevance order
    bool nothing_to_rank = false;             // relevance order of filters alone (no weights)
    std::optional<FacetCounts> facets;
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
                   const FacetNames& spy) {
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
    const Xapian::doccount undated = count_matches(db, Xapian::Query(Xapian::Query::OP_FILTER, p.complete, p.undated));
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
// query lists its complete matches (`ranked` filtered by p.all_words) first
// and its partial ones (the rest of `ranked`) after them.  `complete` is the
// number of complete matches, or nothing when not counted yet (--quick):
// then the complete matches are counted in their own match, exactly (the
// all-words query walks only its rarest word's documents), and the partial
// ones are Xapian's estimate from a match that stops early.
void relevance_page(const Xapian::Database& db, const ParsedQuery& p, const Xapian::Query& ranked,
                    Xapian::doccount offset, Xapian::doccount limit, std::optional<Xapian::doccount> complete, Run& r) {
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
    if (!complete || offset < *complete) {
        Ranked page = page_of(Xapian::Query(Xapian::Query::OP_FILTER, ranked, p.all_words), offset, limit,
                              complete ? 0 : db.get_doccount());
        have = static_cast<Xapian::doccount>(page.items.size());
        r.items = std::move(page.items);
        if (!complete) r.total = page.matches;
    }
    r.complete_items = r.items.size();
    if (complete && have == limit) return;
    const Xapian::Query partial(Xapian::Query::OP_AND_NOT, ranked, p.all_words);
    const Xapian::doccount c = complete ? *complete : r.total;
    Ranked rest = page_of(partial, offset + have - std::min(offset + have, c), limit - have,
                          complete ? 0 : kQuickExactUpTo);
    if (have < limit)
        for (auto& it : rest.items) r.items.push_back(it);
    if (!complete) {
        r.some_words = rest.matches;
        r.some_words_exact = rest.exact;
    }
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
    Run r;
    if ((o.quick || !o.expand) && !o.facets) {
        // --quick: the page alone, from matches that stop as soon as no
        // other document can reach it (Xapian's bounds on the weights) and
        // kQuickExactUpTo matches were seen, so a total above that is
        // Xapian's estimate (exact when its bounds meet); no feedback (it
        // needs the top documents first).  The default (no --expand) ranks
        // the same, then counts where the bounds did not meet (count.hpp).
        if (p.tiered) {
            relevance_page(db, p, p.query, offset, limit, std::nullopt, r);
        } else {
            Xapian::Enquire enquire(db);
            enquire.set_weighting_scheme(ranking_weight());
            enquire.set_query(p.query);
            Ranked page = rank_by_relevance(db, enquire, offset, limit, kQuickExactUpTo);
            r.total = page.matches;
            r.exact = page.exact;
            r.nothing_to_rank = r.total > 0 && page.mset.get_max_possible() == 0;
            r.items = std::move(page.items);
            r.complete_items = r.items.size();
        }
        if (!o.quick) {
            if (!r.exact) r.total = count_exactly(db, p.complete, remote);
            if (!r.some_words_exact) r.some_words = count_exactly(db, partial_matches(p), remote);
            r.exact = r.some_words_exact = true;
        }
        r.ranked = r.total + r.some_words;
        return r;
    }
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
    if (p.tiered) {
        FacetSpies complete_spies(spy);  // (outlives the Enquire that holds it)
        Xapian::Enquire count(db);
        count.set_weighting_scheme(ranking_weight());  // (not BoolWeight: see count_matches())
        count.set_query(p.complete);
        if (!spy.empty()) complete_spies.add(count);
        r.total = count.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
        if (!spy.empty()) r.facets = complete_spies.counts();
    } else if (!spy.empty()) {
        r.facets = spies.counts();
    }
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
    relevance_page(db, p, ranked, offset, limit, r.total, r);
    return r;
}

Run run_query(const Xapian::Database& db, const ParsedQuery& p, Sort sort, const Options& o, const FacetNames& spy,
              bool remote, bool single) {
    if (sort == Sort::Relevance) return relevance_run(db, p, o, spy, remote, single);
    return date_order_run(db, p, sort == Sort::Newest, o, spy);
}

// A correction that changes more words than this must find documents
// holding all of its words to be offered (a pasted passage of words the
// index lacks would otherwise be "corrected" word by word into nonsense).
constexpr size_t kMostCorrectedWords = 3;

std::optional<std::string> suggestion(QueryBuilder& builder, const Xapian::Database& db, const ParsedQuery& p) {
    std::string corrected = builder.corrected();
    if (corrected.empty() || corrected == p.normalised) return std::nullopt;
    auto finds = [&](const Xapian::Query& words) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, words, p.filters));
        return !enquire.get_mset(0, 1).empty();
    };
    // Best, it finds documents holding all its words; else, for a few
    // corrected words, documents holding some (gagga tour: gaga tour).
    if (p.tiered && finds(builder.parse_all_words(corrected))) return corrected;
    const std::vector<Word> before = split_words(p.normalised), after = split_words(corrected);
    size_t changed = 0;
    for (size_t i = 0; i < after.size(); ++i)
        changed += i >= before.size() || before[i].key != after[i].key;
    if (changed > kMostCorrectedWords || !finds(builder.parse_words(corrected))) return std::nullopt;
    return corrected;
}

Hit hit_of(const Xapian::MSetIterator& it, Index& index) {
    Hit h;
    h.score = it.get_weight();
    const Xapian::Document doc = it.get_document();
    h.doc = index.stored(stored_record(doc));
    h.doc.location = current_location(index.db, doc, h.doc.location);  // (a JSON Lines record's line now)
    return h;
}

// --duplicates: the matches as they come (run_query() found the page).
std::vector<Hit> take_page(const Run& run, Index& index) {
    std::vector<Hit> hits;
    for (size_t i = 0; i < run.items.size(); ++i) {
        hits.push_back(hit_of(run.items[i], index));
        hits.back().complete = i < run.complete_items;
    }
    return hits;
}

// The page's hits from the matches from the first rank on: each match whose
// text a match above it has (same_text_key()) is a copy of that one, not a
// hit; the hits of the ranks before o.offset are dropped.  Fewer than
// o.limit when copies took some of the ranks asked for.
std::vector<Hit> collapse_copies(const Run& run, const Options& o, Index& index) {
    std::vector<Hit> hits;
    std::unordered_map<uint64_t, size_t> seen;  // key → its hit's 0-based rank, those before the page included
    for (size_t i = 0; i < run.items.size(); ++i) {
        Hit h = hit_of(run.items[i], index);
        h.complete = i < run.complete_items;
        const uint64_t key = same_text_key(h.doc);
        if (auto first = seen.find(key); first != seen.end()) {
            if (first->second >= o.offset) hits[first->second - o.offset].copies.push_back({h.doc.id, h.doc.location});
            continue;
        }
        if (seen.size() == o.offset + o.limit) break;  // the page is full: only its copies were wanted
        seen.emplace(key, seen.size());
        if (seen.size() > o.offset) hits.push_back(std::move(h));
    }
    return hits;
}

Results search_once(Index& index, const Options& o) {
    const Xapian::Database& db = index.db;
    const bool remote = index.remote;
    if (!index.catalogue) index.catalogue.emplace(index.db, index.name);
    IndexCatalogue& catalogue = *index.catalogue;
    QueryBuilder builder(db, catalogue);
    if (!remote && index.opened.size() > 1) builder.set_parts(index.opened);
    ParsedQuery p = builder.build(o);

    Results res;
    res.query = p.text;
    res.notes = p.notes;
    res.offset = o.offset;
    res.sort = p.browse && o.sort == Sort::Relevance ? Sort::Newest : o.sort;
    if (o.facets) res.facets_shown = facets_shown(o.facet_names, db);
    res.facets_named = !o.facet_names.empty();
    res.facet_limit = o.facet_limit;
    // The facets are counted in the query's own match, but with remote parts
    // in a match of their own (see date_order_run()).
    const FacetNames spy = remote ? FacetNames{} : res.facets_shown;
    const bool single = !remote && index.opened.size() == 1;
    // Without --duplicates the hits are taken from the first rank on, so
    // that a page shows no copy of a story an earlier page showed
    // (collapse.hpp): `q` asks for the ranks up to the page's end.
    Options q = o;
    if (!o.duplicates) {
        q.offset = 0;
        q.limit = o.offset + o.limit + (o.limit + 1) / 2;  // room for a few copies
    }
    Run run = run_query(db, p, res.sort, q, spy, remote, single);
    if (res.sort == Sort::Relevance && run.nothing_to_rank) {
        // Only filters (type:post, year:2023): nothing to rank by, newest first.
        res.sort = Sort::Newest;
        run = run_query(db, p, res.sort, q, spy, remote, single);
    }
    std::vector<Hit> hits = o.duplicates ? take_page(run, index) : collapse_copies(run, o, index);
    while (!o.duplicates && hits.size() < o.limit && run.items.size() == q.limit && q.limit < run.ranked) {
        // Copies took ranks up to the page's end: ask for more, and start again.
        q.limit = std::min<size_t>(2 * q.limit + 10, run.ranked);
        run = run_query(db, p, res.sort, q, spy, remote, single);
        hits = collapse_copies(run, o, index);
    }
    res.total = run.total;
    res.total_exact = run.exact;
    res.some_words = run.some_words;
    res.some_words_exact = run.some_words_exact;
    if (p.tiered && res.sort != Sort::Relevance && res.total == 0)  // (what the empty list leaves out)
        res.some_words = count_matches(db, p.query);
    res.facets = std::move(run.facets);
    if (remote && o.facets) res.facets = count_facets(db, p.complete, res.facets_shown);
    if (res.facets) resolve_name_facets(*res.facets, db);
    if (!p.undated_left_out.empty()) res.undated_left_out = count_matches(db, p.undated_left_out);
    if (!p.browse) res.suggestion = suggestion(builder, db, p);

    Highlight hl = p.browse ? Highlight{} : highlight_for(p.words, p.normalised, catalogue);
    for (size_t i = 0; i < hits.size(); ++i) {
        Hit& h = hits[i];
        h.rank = o.offset + i + 1;  // counts the offset
        if (o.snippet_length > 0) h.snippet = make_snippet(h.doc.text, hl, o.snippet_length);
        res.hits.push_back(std::move(h));
    }
    return res;
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

Highlight highlight_for(const Xapian::Query& words, const std::string& normalised, const Catalogue& catalogue) {
    IndexCatalogue c(catalogue);
    return highlight_for(words, normalised, c);
}

Highlight highlight_for(const Xapian::Query& words, const std::string& normalised, IndexCatalogue& catalogue) {
    Highlight h;
    const std::string_view title = field(FieldId::Title).prefix, mention = field(FieldId::Mention).prefix,
                           hashtag = field(FieldId::Hashtag).prefix, entity = field(FieldId::Entity).prefix;
    for (auto it = words.get_unique_terms_begin(); it != words.get_unique_terms_end(); ++it) {
        std::string t = *it;
        if (t.empty()) continue;
        bool stem = t[0] == kStemPrefix;
        if (stem) t.erase(0, 1);
        if (starts_with(t, mention) || starts_with(t, hashtag)) {
            if (!stem) h.words.insert(t.substr(starts_with(t, mention) ? mention.size() : hashtag.size()));
        } else if (starts_with(t, entity) && !stem) {
            if (std::optional<Entity> e = catalogue.entity_of_term(t)) {
                for (const Alias& a : e->aliases) {
                    std::vector<std::string> seq;
                    for (const Word& w : split_words(a.text)) {
                        if (w.cjk) h.cjk.push_back(w.key);
                        else seq.push_back(w.key);
                    }
                    if (!seq.empty() && std::find(h.aliases.begin(), h.aliases.end(), seq) == h.aliases.end())
                        h.aliases.push_back(seq);
                }
            }
        } else {
            if (starts_with(t, title) && t.size() > 1 && !(t[1] >= 'A' && t[1] <= 'Z')) t.erase(0, title.size());
            if (t.empty() || (t[0] >= 'A' && t[0] <= 'Z')) continue;  // another prefix: no text to mark
            Xapian::Utf8Iterator u(t);
            if (is_cjk(*u)) continue;  // CJK: marked from the query text below
            (stem ? h.stems : h.words).insert(t);
        }
    }
    for (const Word& w : split_words(normalised)) {
        if (w.cjk) h.cjk.push_back(w.key);
        else if (w.end < normalised.size() && normalised[w.end] == '*') h.prefixes.push_back(w.key);
    }
    return h;
}

Results search(const Options& o) {
    for (int attempt = 1;; ++attempt) {
        try {
            Index index = open_index(o);
            return search(o, index);
        } catch (const Xapian::DatabaseError& e) {
            // Opened while news-index --rebuild swapped a new index in (the
            // old one's files read half-way: "EOF reading block"), or failed
            // to open again after that inside search(): start over.
            if (attempt >= kRetries) throw Error(o.db_name() + ": cannot read the index: " + e.get_description());
        }
    }
}

Results search(const Options& o, Index& index) {
    bool reopened = false;  // after a shard failed while searching
    for (int attempt = 1;; ++attempt) {
        try {
            Results res = search_once(index, o);
            res.parts = index.parts;
            res.shards_down = index.down;
            return res;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= kRetries) throw Error(index.name + ": the index kept changing while searching; try again");
            index.db.reopen();
            index.catalogue.reset();
            index.codec.reset();
        } catch (const Xapian::NetworkError& e) {
            // A remote shard failed mid-query (gone, or no reply within --timeout).
            if (o.strict || reopened) {
                std::vector<ShardDown> now = probe_parts(o);
                std::string who = now.empty() ? "a shard of " + index.name
                                               : "shard " + now.front().shard + " (" + now.front().where + ")";
                throw Error(who + " failed while searching: " + e.get_description() +
                            (o.strict ? "; --strict: every shard must answer" : ""));
            }
            // Without --strict: open the parts again, leave out the ones
            // that fail, and run the query once more.
            reopened = true;
            index = open_index(o);
        } catch (const Xapian::DatabaseError& e) {
            // news-index --rebuild swaps a new index in and deletes the old
            // one, whose tables Xapian opens lazily: a search that opened the
            // old one may then read the new one's files.  Open afresh and
            // retry; a database still unreadable after that is broken.
            if (attempt >= kRetries) throw Error(index.name + ": cannot read the index: " + e.get_description());
            index = open_index(o);
        }
    }
}

}  // namespace news::searcher
