#include "feedback.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace news::searcher {

std::vector<ExpandTerm> expand_terms(const Xapian::Database& db, const Xapian::MSet& top, const Xapian::Query& query,
                                     size_t max_terms, const std::function<bool(const std::string&)>& accept,
                                     bool remote_parts) {
    constexpr double k = 1.0;  // Xapian's default expand_k
    const std::set<std::string> in_query(query.get_unique_terms_begin(), query.get_unique_terms_end());
    const double avlen = db.get_average_length();
    struct Stats {
        Xapian::doccount r = 0;
        double multiplier = 0;
    };
    std::map<std::string, Stats> stats;
    for (auto it = top.begin(); it != top.end(); ++it) {
        Xapian::Document doc = it.get_document();
        std::vector<std::pair<std::string, Xapian::termcount>> terms;
        Xapian::termcount doclen = 0;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            doclen += t.get_wdf();
            const std::string& name = *t;
            if (!in_query.count(name) && accept(name)) terms.emplace_back(name, t.get_wdf());
        }
        for (auto& [name, wdf] : terms) {
            if (wdf == 0) wdf = 1;  // as Xapian: a boolean term still counts
            Stats& s = stats[name];
            ++s.r;
            s.multiplier += (k + 1) * wdf / (k * doclen / avlen + wdf);
        }
    }
    if (stats.empty()) return {};
    // Exact term frequencies of every candidate.
    std::map<std::string, Xapian::doccount> termfreq;
    if (remote_parts) {
        // In one match: Xapian gathers the statistics of all a query's terms
        // from each shard at once (a synonym: the cheapest to set up).
        std::vector<Xapian::Query> candidates;
        candidates.reserve(stats.size());
        for (const auto& [name, s] : stats) candidates.emplace_back(name);
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_SYNONYM, candidates.begin(), candidates.end()));
        Xapian::MSet freqs = enquire.get_mset(0, 0);
        for (const auto& [name, s] : stats) termfreq[name] = freqs.get_termfreq(name);
    } else {
        for (const auto& [name, s] : stats) termfreq[name] = db.get_termfreq(name);
    }

    const double N = db.get_doccount(), R = top.size();
    std::vector<ExpandTerm> out;
    for (const auto& [name, s] : stats) {
        const double n = termfreq[name], r = s.r, without = R - r;
        double w = s.multiplier * std::log((r + 0.5) * (N - n - without + 0.5) / ((n - r + 0.5) * (without + 0.5)));
        if (w > 0) out.push_back({name, w});
    }
    std::sort(out.begin(), out.end(), [](const ExpandTerm& a, const ExpandTerm& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
    });
    if (out.size() > max_terms) out.resize(max_terms);
    return out;
}

}  // namespace news::searcher
