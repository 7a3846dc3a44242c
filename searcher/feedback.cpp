#include "feedback.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace news::searcher {

std::vector<ExpandTerm> expand_terms(const Xapian::Database& db, const std::vector<Xapian::Document>& top,
                                     const Xapian::Query& query,
                                     size_t max_terms, const std::function<bool(const std::string&)>& accept,
                                     bool remote_parts) {
    constexpr double k = 1.0;  // Xapian's default expand_k
    const std::set<std::string> in_query(query.get_unique_terms_begin(), query.get_unique_terms_end());
    const double avlen = db.get_average_length();
    struct Stats {
        Xapian::doccount r = 0;
        double multiplier = 0;
    };
    std::unordered_map<std::string, Stats> stats;
    stats.reserve(256 * top.size());
    for (const Xapian::Document& doc : top) {
        std::vector<std::pair<std::string, Xapian::termcount>> terms;
        Xapian::termcount doclen = 0;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            doclen += t.get_wdf();
            const std::string& name = *t;
            if (accept(name) && !in_query.count(name)) terms.emplace_back(name, t.get_wdf());
        }
        for (auto& [name, wdf] : terms) {
            if (wdf == 0) wdf = 1;  // as Xapian: a boolean term still counts
            Stats& s = stats[name];
            ++s.r;
            s.multiplier += (k + 1) * wdf / (k * doclen / avlen + wdf);
        }
    }
    if (stats.empty()) return {};

    // A term's weight falls as its term frequency n rises, and n is at least
    // r: so r alone bounds the weight from above.  The candidates are taken
    // in the order of that bound and their term frequencies looked up until
    // no bound can beat the max_terms-th weight found: the same terms and
    // weights as looking up every candidate (most hold in one top document
    // only and cannot win), with a fraction of the look-ups.
    const double N = db.get_doccount(), R = static_cast<double>(top.size());
    auto weight = [&](const Stats& s, double n) {
        const double r = s.r, without = R - r;
        return s.multiplier * std::log((r + 0.5) * (N - n - without + 0.5) / ((n - r + 0.5) * (without + 0.5)));
    };
    struct Candidate {
        const std::string* name;
        const Stats* stats;
        double bound;
    };
    std::vector<Candidate> order;
    order.reserve(stats.size());
    for (const auto& [name, s] : stats) order.push_back({&name, &s, weight(s, s.r)});
    std::sort(order.begin(), order.end(), [](const Candidate& a, const Candidate& b) {
        return a.bound != b.bound ? a.bound > b.bound : *a.name < *b.name;
    });
    auto better = [](const ExpandTerm& a, const ExpandTerm& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
    };
    std::vector<ExpandTerm> out;  // the best so far, best first
    auto beaten = [&](double bound) { return out.size() >= max_terms && bound < out.back().weight; };
    auto consider = [&](const Candidate& c, Xapian::doccount n) {
        double w = weight(*c.stats, n);
        if (w <= 0) return;
        ExpandTerm e{*c.name, w, n};
        if (out.size() >= max_terms && !better(e, out.back())) return;
        out.insert(std::upper_bound(out.begin(), out.end(), e, better), std::move(e));
        if (out.size() > max_terms) out.pop_back();
    };
    if (remote_parts) {
        // In rounds of candidates, each in one match: Xapian gathers the
        // statistics of all a query's terms from each shard at once (a
        // synonym: the cheapest to set up).
        size_t next = 0, round = std::max<size_t>(4 * max_terms, 32);
        while (next < order.size() && !beaten(order[next].bound)) {
            const size_t end = std::min(order.size(), next + round);
            std::vector<Xapian::Query> candidates;
            for (size_t i = next; i < end; ++i) candidates.emplace_back(*order[i].name);
            Xapian::Enquire enquire(db);
            enquire.set_query(Xapian::Query(Xapian::Query::OP_SYNONYM, candidates.begin(), candidates.end()));
            Xapian::MSet freqs = enquire.get_mset(0, 0);
            for (size_t i = next; i < end; ++i) consider(order[i], freqs.get_termfreq(*order[i].name));
            next = end;
            round *= 2;
        }
    } else {
        // In windows of candidates, each looked up in the order of its name:
        // consecutive look-ups then mostly find their B-tree blocks already
        // in the cursor (one pread every three look-ups or so, against two
        // each in the order of the bounds).  Inside a window a candidate is
        // still skipped once its bound is beaten.
        constexpr size_t kWindow = 64;
        std::vector<const Candidate*> window;
        for (size_t next = 0; next < order.size() && !beaten(order[next].bound);) {
            const size_t end = std::min(order.size(), next + kWindow);
            window.clear();
            for (size_t i = next; i < end; ++i) window.push_back(&order[i]);
            std::sort(window.begin(), window.end(),
                      [](const Candidate* a, const Candidate* b) { return *a->name < *b->name; });
            for (const Candidate* c : window)
                if (!beaten(c->bound)) consider(*c, db.get_termfreq(*c->name));
            next = end;
        }
    }
    return out;
}

}  // namespace news::searcher
