#include "match.hpp"

#include "collapse.hpp"
#include "count.hpp"
#include "names.hpp"
#include "parse.hpp"
#include "query_run.hpp"

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

// The results before the match: the query as read, the order, the facets
// asked for.
Results results_of(const ParsedQuery& p, const Options& o, const Xapian::Database& db) {
    Results res;
    res.query = p.text;
    res.notes = p.notes;
    res.offset = o.offset;
    res.sort = p.browse && o.sort == Sort::Relevance ? Sort::Newest : o.sort;
    if (o.facets) res.facets_shown = facets_shown(o.facet_names, db);
    res.facets_named = !o.facet_names.empty();
    res.facet_limit = o.facet_limit;
    return res;
}

// The page's hits: the query run (in res.sort, or newest first when it has
// nothing to rank by), copies collapsed; `run` is the last run.
std::vector<Hit> page_hits(Index& index, const ParsedQuery& p, const Options& o, Results& res, Run& run) {
    const bool remote = index.remote;
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
    run = run_query(index.db, p, res.sort, q, spy, remote, single);
    if (res.sort == Sort::Relevance && run.nothing_to_rank) {
        // Only filters (type:post, year:2023): nothing to rank by, newest first.
        res.sort = Sort::Newest;
        run = run_query(index.db, p, res.sort, q, spy, remote, single);
    }
    std::vector<Hit> hits = o.duplicates ? take_page(run, index) : collapse_copies(run, o, index);
    while (!o.duplicates && hits.size() < o.limit && run.items.size() == q.limit && q.limit < run.ranked) {
        // Copies took ranks up to the page's end: ask for more, and start again.
        q.limit = std::min<size_t>(2 * q.limit + 10, run.ranked);
        run = run_query(index.db, p, res.sort, q, spy, remote, single);
        hits = collapse_copies(run, o, index);
    }
    return hits;
}

// The counts of a run in the results: totals, facets, undated left out.
void add_counts(Results& res, Run& run, const ParsedQuery& p, const Options& o, const Index& index) {
    const Xapian::Database& db = index.db;
    res.total = run.total;
    res.total_exact = run.exact;
    res.some_words = run.some_words;
    res.some_words_exact = run.some_words_exact;
    if (p.tiered && res.sort != Sort::Relevance && res.total == 0)  // (what the empty list leaves out)
        res.some_words = count_exactly(db, p.query, index.remote);
    res.facets = std::move(run.facets);
    if (index.remote && o.facets) res.facets = count_facets(db, p.complete, res.facets_shown);
    if (res.facets) resolve_name_facets(*res.facets, db);
    if (!p.undated_left_out.empty()) res.undated_left_out = count_exactly(db, p.undated_left_out, index.remote);
}

Results search_once(Index& index, const Options& o) {
    if (!index.catalogue) index.catalogue.emplace(index.db, index.name);
    IndexCatalogue& catalogue = *index.catalogue;
    QueryBuilder builder(index.db, catalogue);
    if (!index.remote && index.opened.size() > 1) builder.set_parts(index.opened);
    ParsedQuery p = builder.build(o);

    Results res = results_of(p, o, index.db);
    Run run;
    std::vector<Hit> hits = page_hits(index, p, o, res, run);
    add_counts(res, run, p, o, index);
    if (!p.browse) res.suggestion = suggestion(builder, index.db, p);

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
