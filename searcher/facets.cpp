#include "facets.hpp"

#include "news/schema.hpp"

namespace news::searcher {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    std::string date = doc.get_value(slot(Slot::Date));
    if (date.size() == 8) {
        counts_["year"][date.substr(0, 4)]++;
        counts_["month"][date.substr(0, 4) + "-" + date.substr(4, 2)]++;
    } else {
        counts_["year"][kUndated]++;
        counts_["month"][kUndated]++;
    }
    std::string type = doc.get_value(slot(Slot::Type));
    if (!type.empty()) counts_["type"][type]++;
    std::string entities = doc.get_value(slot(Slot::Entities));
    size_t start = 0;
    for (size_t nl; (nl = entities.find('\n', start)) != std::string::npos; start = nl + 1)
        counts_["artist"][entities.substr(start, nl - start)]++;
}

// Results as netstrings ("<length>:<bytes>"): facet, bucket, count (decimal).
std::string FacetSpy::serialise_results() const {
    std::string out;
    auto put = [&](const std::string& v) { out += std::to_string(v.size()) + ":" + v; };
    for (const auto& [facet, buckets] : counts_)
        for (const auto& [bucket, n] : buckets) {
            put(facet);
            put(bucket);
            put(std::to_string(n));
        }
    return out;
}

void FacetSpy::merge_results(const std::string& s) {
    size_t pos = 0;
    auto get = [&]() {
        size_t colon = s.find(':', pos);
        if (colon == std::string::npos) throw Xapian::NetworkError("news::FacetSpy: malformed results");
        size_t len = std::stoul(s.substr(pos, colon - pos));
        if (colon + 1 + len > s.size()) throw Xapian::NetworkError("news::FacetSpy: truncated results");
        std::string v = s.substr(colon + 1, len);
        pos = colon + 1 + len;
        return v;
    };
    while (pos < s.size()) {
        std::string facet = get(), bucket = get(), n = get();
        counts_[facet][bucket] += static_cast<Xapian::doccount>(std::stoul(n));
    }
}

}  // namespace news::searcher
