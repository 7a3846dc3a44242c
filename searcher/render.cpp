#include "render.hpp"

#include "names.hpp"
#include "wrap.hpp"

#include "news/schema.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace news::searcher {
namespace {

// ---- JSON ---------------------------------------------------------------

std::string html_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string marked_snippet(const std::vector<SnippetPart>& parts) {
    std::string s;
    for (const auto& p : parts) s += p.hit ? "<mark>" + html_escape(p.text) + "</mark>" : html_escape(p.text);
    return s;
}

nlohmann::ordered_json facets_json(const FacetCounts& counts) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const char* facet : {"artist", "person", "organisation", "location", "year", "month", "type", "platform"}) {
        j[facet] = nlohmann::ordered_json::object();
        auto it = counts.find(facet);
        if (it == counts.end()) continue;
        for (const auto& [bucket, n] : it->second) j[facet][bucket] = n;
    }
    return j;
}

// The stored fields shown at this place of a hit (kStoredFields' order);
// Body includes PostBody for a post.
void stored_fields(const StoredDoc& d, StoredField::InHit place, nlohmann::ordered_json& hit) {
    const bool post = d.type == kTypePost;
    for (const StoredField& f : kStoredFields) {
        if (f.in_hit != place && !(place == StoredField::InHit::Body && post && f.in_hit == StoredField::InHit::PostBody))
            continue;
        const std::string key(f.key);
        if (f.text) hit[key] = d.*f.text;
        else if (f.date) hit[key] = (d.*f.date) ? nlohmann::ordered_json(*(d.*f.date)) : nlohmann::ordered_json(nullptr);
        else hit[key] = d.*f.list;
    }
}

class JsonPrinter : public Printer {
public:
    explicit JsonPrinter(std::FILE* out) : out_(out) {}
    void print(const Results& r) override {
        nlohmann::ordered_json j;
        j["version"] = kJsonVersion;
        j["query"] = r.query;
        j["sort"] = r.sort;
        j["total"] = r.total;
        j["total_exact"] = r.total_exact;  // false: Xapian's estimate (--quick)
        j["some_words"] = r.some_words;    // documents holding only some of the words (version 2)
        j["some_words_exact"] = r.some_words_exact;
        j["offset"] = r.offset;
        // Whether some shards did not answer (the hits, total and facets are then of the others).
        j["partial"] = !r.shards_down.empty();
        if (!r.shards_down.empty()) {
            j["shards_down"] = nlohmann::ordered_json::array();
            for (const ShardDown& d : r.shards_down)
                j["shards_down"].push_back({{"shard", d.shard}, {"where", d.where}, {"error", d.error}});
        }
        j["hits"] = nlohmann::ordered_json::array();
        for (const Hit& h : r.hits) {
            nlohmann::ordered_json hit;
            stored_fields(h.doc, StoredField::InHit::Head, hit);
            hit["rank"] = h.rank;
            hit["score"] = std::round(h.score * 10000) / 10000;
            hit["complete"] = h.complete;  // holds every word (version 2)
            stored_fields(h.doc, StoredField::InHit::Body, hit);
            hit["snippet"] = marked_snippet(h.snippet);
            if (!h.copies.empty()) {  // copies of its story, not shown as hits (collapse.hpp)
                hit["copies"] = nlohmann::ordered_json::array();
                for (const Copy& c : h.copies) hit["copies"].push_back({{"id", c.id}, {"source", c.location}});
            }
            j["hits"].push_back(std::move(hit));
        }
        if (r.undated_left_out) j["undated_left_out"] = *r.undated_left_out;  // (version 2)
        if (r.facets) j["facets"] = facets_json(*r.facets);
        j["suggestion"] = r.suggestion ? nlohmann::ordered_json(*r.suggestion) : nlohmann::ordered_json(nullptr);
        fmt::print(out_, "{}\n", j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    }

private:
    std::FILE* out_;
};

// ---- terminal -------------------------------------------------------------

struct Style {
    bool on;
    std::string bold(const std::string& s) const { return on ? "\x1b[1m" + s + "\x1b[0m" : s; }
    std::string dim(const std::string& s) const { return on ? "\x1b[2m" + s + "\x1b[0m" : s; }
    std::string hit(const std::string& s) const { return on ? "\x1b[1;33m" + s + "\x1b[0m" : s; }
};

// "document" or "documents" by the count.
std::string plural(Xapian::doccount n, const std::string& noun) { return n == 1 ? noun : noun + "s"; }

// The copies of a hit named under it (JSON lists them all).
constexpr size_t kCopiesListed = 3;

// At most about n bytes, cut at a space, with "…".
std::string shorten(const std::string& s, size_t n) {
    if (s.size() <= n) return s;
    size_t cut = s.rfind(' ', n);
    if (cut == std::string::npos || cut < n / 2) {
        cut = n;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    }
    return s.substr(0, cut) + "…";
}

std::string bar(Xapian::doccount n, Xapian::doccount max, size_t width) {
    size_t len = max ? static_cast<size_t>((static_cast<double>(n) * static_cast<double>(width) + max - 1) / max) : 0;
    std::string s;
    for (size_t i = 0; i < len; ++i) s += "█";
    return s;
}

// A long archive's months are shown a year a line beyond this many.
constexpr size_t kMonthsListed = 24;

class TextPrinter : public Printer {
public:
    TextPrinter(std::FILE* out, bool colour) : out_(out), style_{colour}, width_(terminal_width(out)) {}

    void print(const Results& r) override {
        header(r);
        bool partial_said = false;
        for (const Hit& h : r.hits) {
            if (!h.complete && !partial_said && r.total > 0) {
                fmt::print(out_, "\n{}\n", style_.dim(fmt::format("The rest hold only some of the words ({}{} {}):",
                                                                   r.some_words_exact ? "" : "about ", r.some_words,
                                                                   plural(r.some_words, "document"))));
                partial_said = true;
            }
            hit(h);
        }
        if (r.facets) facets(*r.facets);
    }

private:
    // The query as typed, quoted: in single quotes when it holds a double
    // quote (a phrase), so that '"world cup"' does not read ""world cup"".
    static std::string quoted(const std::string& q) {
        return q.find('"') != std::string::npos && q.find('\'') == std::string::npos ? "'" + q + "'" : "\"" + q + "\"";
    }

    void header(const Results& r) {
        std::string what = r.query.empty() ? plural(r.total, "document") : plural(r.total, "result") + " for " + quoted(r.query);
        if (r.total == 0 && r.some_words > 0) {
            const std::string some = fmt::format("{}{} {} some of them", r.some_words_exact ? "" : "about ",
                                                 r.some_words, r.some_words == 1 ? "holds" : "hold");
            if (r.sort != "relevance") {
                fmt::print(out_, "No document holds all the words of {}; {} (search by relevance to see them, "
                                 "or with --any to list them by date).\n", quoted(r.query), some);
            } else {
                fmt::print(out_, "No document holds all the words of {}; {}{}, by relevance:\n", quoted(r.query),
                           some, r.hits.empty() ? "" : fmt::format(" (showing {}-{})", r.offset + 1, r.offset + r.hits.size()));
            }
        } else if (r.total == 0) {
            fmt::print(out_, "No {}.\n", r.query.empty() ? "matching documents" : "results for " + quoted(r.query));
        } else {
            size_t first = r.offset + 1, last = r.offset + r.hits.size(), copies = 0;
            for (const Hit& h : r.hits) copies += h.copies.size();
            std::string showing = r.hits.empty() ? "" : fmt::format(" (showing {}-{}", first, last);
            if (copies) showing += fmt::format(", {} {} hidden", copies, copies == 1 ? "copy" : "copies");
            if (!showing.empty()) showing += ")";
            if (r.some_words > 0 && r.sort == "relevance")
                what += fmt::format(", and {}{} with some of the words", r.some_words_exact ? "" : "about ", r.some_words);
            fmt::print(out_, "{}{} {}{}, by {}\n", r.total_exact ? "" : "about ", r.total, what, showing, r.sort);
        }
        if (r.undated_left_out && *r.undated_left_out > 0)
            fmt::print(out_, "{}\n", style_.dim(fmt::format("{} undated {} left out; --undated to include {}",
                                                          *r.undated_left_out,
                                                          *r.undated_left_out == 1 ? "match" : "matches",
                                                          *r.undated_left_out == 1 ? "it" : "them")));
        if (r.suggestion) fmt::print(out_, "Did you mean: {}\n", style_.bold(*r.suggestion));
    }

    // Under a hit, its lines start at this column.
    static constexpr size_t kIndent = 5;

    // A line under a hit, indented, wrapped to the terminal.
    void line(const std::string& text) {
        fmt::print(out_, "{}{}\n", std::string(kIndent, ' '), wrap(text, kIndent, kIndent, width_));
    }

    void hit(const Hit& h) {
        const StoredDoc& d = h.doc;
        std::string date = d.date ? *d.date : "undated   ";
        const std::string head = fmt::format("{:>3}. {}  {:<7}  ", h.rank, date, d.type);
        fmt::print(out_, "\n{}", head);
        if (d.type == "post") {
            fmt::print(out_, "{}\n", wrap(style_.bold(d.author) + (d.author_name.empty() ? "" : " (" + d.author_name + ")"),
                                          display_width(head), kIndent, width_));
            line(style_.dim("in article") + " " + d.article + " " + style_.dim("\"" + shorten(d.title, 60) + "\""));
        } else {
            fmt::print(out_, "{}\n", wrap(style_.bold(d.title), display_width(head), kIndent, width_));
        }
        std::string meta;
        for (const auto& e : d.entities) meta += (meta.empty() ? "" : ", ") + e;
        line(style_.dim(d.location) + (meta.empty() ? "" : "  [" + meta + "]"));
        std::string snippet;
        for (const auto& p : h.snippet) snippet += p.hit ? style_.hit(p.text) : p.text;
        if (!snippet.empty()) line(snippet);
        if (!h.copies.empty()) {
            std::string also;
            for (size_t i = 0; i < h.copies.size() && i < kCopiesListed; ++i)
                also += (i ? ", " : "") + h.copies[i].location;
            if (h.copies.size() > kCopiesListed) also += fmt::format(" and {} more", h.copies.size() - kCopiesListed);
            line(style_.dim("same text also in") + " " + also);
        }
    }

    // The months that have matches (never a run of empty ones), undated
    // last; beyond kMonthsListed of them, a year a line with its months.
    void months(const std::map<std::string, Xapian::doccount>& counts) {
        std::vector<std::pair<std::string, Xapian::doccount>> dated;
        for (const auto& [m, n] : counts)
            if (m != kUndated && n > 0) dated.emplace_back(m, n);
        auto undated = counts.find(kUndated);
        if (dated.size() <= kMonthsListed) {
            if (undated != counts.end()) dated.emplace_back(kUndated, undated->second);
            section("month", std::move(dated));
            return;
        }
        static constexpr const char* kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        fmt::print(out_, "\n{}\n", style_.bold(fmt::format("month ({} months, a year a line)", dated.size())));
        std::string year, line;
        for (const auto& [m, n] : dated) {
            if (m.compare(0, 4, year) != 0) {
                if (!line.empty()) fmt::print(out_, "{}\n", line);
                year = m.substr(0, 4);
                line = "  " + year + " ";
            }
            const int month = std::stoi(m.substr(5, 2));
            line += fmt::format(" {} {}", kNames[(month - 1) % 12], n);
        }
        if (!line.empty()) fmt::print(out_, "{}\n", line);
        if (undated != counts.end()) fmt::print(out_, "  {}  {}\n", kUndated, undated->second);
    }

    void section(const std::string& name, std::vector<std::pair<std::string, Xapian::doccount>> rows) {
        if (rows.empty()) return;
        Xapian::doccount max = 0;
        size_t width = 0;
        for (const auto& [k, n] : rows) {
            max = std::max(max, n);
            width = std::max(width, k.size());
        }
        fmt::print(out_, "\n{}\n", style_.bold(name));
        for (const auto& [k, n] : rows) fmt::print(out_, "  {:<{}}  {:>6}  {}\n", k, width, n, bar(n, max, 40));
    }

    void facets(const FacetCounts& counts) {
        auto get = [&](const char* facet) {
            auto it = counts.find(facet);
            return it == counts.end() ? std::map<std::string, Xapian::doccount>{} : it->second;
        };
        auto by_count = [](std::map<std::string, Xapian::doccount> m, size_t top) {
            std::vector<std::pair<std::string, Xapian::doccount>> v(m.begin(), m.end());
            std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            if (v.size() > top) v.resize(top);
            return v;
        };
        auto artists = get("artist");
        section(artists.size() > 20 ? "artist (top 20)" : "artist", by_count(artists, 20));
        for (const char* kind : {"person", "organisation", "location"}) {
            auto names = get(kind);  // (the top ones only: resolve_name_facets())
            section(names.size() >= kNameFacetTop ? std::string(kind) + " (top 20)" : kind, by_count(names, 20));
        }
        auto years = get("year");
        section("year", {years.begin(), years.end()});
        months(get("month"));
        section("type", by_count(get("type"), 10));
        section("platform", by_count(get("platform"), 10));
    }

    std::FILE* out_;
    Style style_;
    size_t width_;  // the terminal's, 0: no wrapping (wrap.hpp)
};

}  // namespace

std::unique_ptr<Printer> text_printer(std::FILE* out, bool colour) {
    return std::make_unique<TextPrinter>(out, colour);
}

std::unique_ptr<Printer> json_printer(std::FILE* out) { return std::make_unique<JsonPrinter>(out); }

bool want_colour(const std::string& setting, std::FILE* out) {
    if (setting == "always") return true;
    if (setting == "never") return false;
    const char* no = std::getenv("NO_COLOR");
    if (no && *no) return false;
    return isatty(fileno(out)) != 0;
}

}  // namespace news::searcher
