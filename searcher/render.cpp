#include "render.hpp"

#include "names.hpp"
#include "wrap.hpp"

#include "news/schema.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cmath>
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

// Each facet shown, its buckets in order, cut to --facet-limit.
nlohmann::ordered_json facets_json(const Results& r) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const std::string& facet : r.facets_shown) {
        j[facet] = nlohmann::ordered_json::object();
        auto it = r.facets->find(facet);
        if (it == r.facets->end()) continue;
        for (const auto& [bucket, n] : top_buckets(it->second, r.facet_limit.value_or(0))) j[facet][bucket] = n;
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

// A dumped object's members, without its braces: "\n  \"a\": 1,\n  \"b\": 2".
std::string members(const nlohmann::ordered_json& j) {
    const std::string s = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return s.substr(1, s.size() - 3);  // ("{" ... "\n}")
}

// One JSON object, its hits written one by one as they come (--all): the
// same bytes as dumping the whole object with an indent of 2.
class JsonPrinter : public Printer {
public:
    explicit JsonPrinter(std::FILE* out) : out_(out) {}

    void begin(const Results& r, size_t) override {
        nlohmann::ordered_json j;
        j["version"] = kJsonVersion;
        j["query"] = r.query;
        j["sort"] = name_of(r.sort);
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
        fmt::print(out_, "{{{},\n  \"hits\": [", members(j));
        hits_ = 0;
    }

    void hit(const Hit& h) override {
        std::string s = hit_json(h, 2);
        for (size_t at = s.find('\n'); at != std::string::npos; at = s.find('\n', at + 5)) s.insert(at + 1, 4, ' ');
        fmt::print(out_, "{}\n    {}", hits_++ ? "," : "", s);
    }

    void end(const Results& r) override {
        nlohmann::ordered_json j;
        if (r.undated_left_out) j["undated_left_out"] = *r.undated_left_out;  // (version 2)
        if (r.facets) j["facets"] = facets_json(r);
        j["suggestion"] = r.suggestion ? nlohmann::ordered_json(*r.suggestion) : nlohmann::ordered_json(nullptr);
        fmt::print(out_, "{}],{}\n}}\n", hits_ ? "\n  " : "", members(j));
    }

private:
    std::FILE* out_;
    size_t hits_ = 0;
};

// ---- terminal -------------------------------------------------------------

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

// The values of a facet listed without --facet-limit (but every year and month).
constexpr size_t kFacetValuesListed = 20;

using Buckets = std::map<std::string, Xapian::doccount>;

class TextPrinter : public Printer {
public:
    TextPrinter(std::FILE* out, bool colour) : out_(out), style_{colour}, width_(terminal_width(out)) {}

    void begin(const Results& r, size_t shown) override {
        header(r, shown);
        total_ = r.total;
        some_words_ = r.some_words;
        some_words_exact_ = r.some_words_exact;
        partial_said_ = false;
    }

    void hit(const Hit& h) override {
        if (!h.complete && !partial_said_ && total_ > 0) {
            fmt::print(out_, "\n{}\n", style_.dim(fmt::format("The rest hold only some of the words ({}{} {}):",
                                                               some_words_exact_ ? "" : "about ", some_words_,
                                                               plural(some_words_, "document"))));
            partial_said_ = true;
        }
        print_hit(h);
    }

    void end(const Results& r) override {
        if (r.facets) facets(r);
    }

private:
    // The query as typed, quoted: in single quotes when it holds a double
    // quote (a phrase), so that '"world cup"' does not read ""world cup"".
    static std::string quoted(const std::string& q) {
        return q.find('"') != std::string::npos && q.find('\'') == std::string::npos ? "'" + q + "'" : "\"" + q + "\"";
    }

    void header(const Results& r, size_t shown) {
        std::string what = r.query.empty() ? plural(r.total, "document") : plural(r.total, "result") + " for " + quoted(r.query);
        if (r.total == 0 && r.some_words > 0) {
            const std::string some = fmt::format("{}{} {} some of them", r.some_words_exact ? "" : "about ",
                                                 r.some_words, r.some_words == 1 ? "holds" : "hold");
            if (r.sort != Sort::Relevance) {
                fmt::print(out_, "No document holds all the words of {}; {} (search by relevance to see them, "
                                 "or with --any to list them by date).\n", quoted(r.query), some);
            } else {
                fmt::print(out_, "No document holds all the words of {}; {}{}, by relevance:\n", quoted(r.query),
                           some, shown == 0 ? "" : fmt::format(" (showing {}-{})", r.offset + 1, r.offset + shown));
            }
        } else if (r.total == 0) {
            fmt::print(out_, "No {}.\n", r.query.empty() ? "matching documents" : "results for " + quoted(r.query));
        } else {
            size_t first = r.offset + 1, last = r.offset + shown, copies = 0;
            for (const Hit& h : r.hits) copies += h.copies.size();  // (none with --all: every copy is a hit)
            std::string showing = shown == 0 ? "" : fmt::format(" (showing {}-{}", first, last);
            if (copies) showing += fmt::format(", {} {} hidden", copies, copies == 1 ? "copy" : "copies");
            if (!showing.empty()) showing += ")";
            if (r.some_words > 0 && r.sort == Sort::Relevance)
                what += fmt::format(", and {}{} with some of the words", r.some_words_exact ? "" : "about ", r.some_words);
            fmt::print(out_, "{}{} {}{}, by {}\n", r.total_exact ? "" : "about ", r.total, what, showing, name_of(r.sort));
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

    void print_hit(const Hit& h) {
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
    // cut: the months with the most matches only (--facet-limit).
    void months(const Buckets& counts, bool cut) {
        std::vector<std::pair<std::string, Xapian::doccount>> dated;
        for (const auto& [m, n] : counts)
            if (m != kUndated && n > 0) dated.emplace_back(m, n);
        auto undated = counts.find(kUndated);
        if (dated.size() <= kMonthsListed) {
            if (undated != counts.end()) dated.emplace_back(kUndated, undated->second);
            section(cut ? fmt::format("month (top {})", counts.size()) : "month", std::move(dated));
            return;
        }
        static constexpr const char* kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        fmt::print(out_, "\n{}\n", style_.bold(fmt::format("month ({}{} months, a year a line)", cut ? "top " : "",
                                                          dated.size())));
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

    // Each facet shown, cut to --facet-limit (by default kFacetValuesListed,
    // every year and month): years and months in time order, the others by
    // count.  A facet without buckets is left out, but one named by --facet
    // says so.
    void facets(const Results& r) {
        for (const std::string& name : r.facets_shown) {
            auto it = r.facets->find(name);
            const Buckets all = it == r.facets->end() ? Buckets{} : it->second;
            const bool dates = name == "year" || name == "month";
            const Buckets shown = top_buckets(all, r.facet_limit.value_or(dates ? 0 : kFacetValuesListed));
            if (shown.empty()) {
                if (r.facets_named) fmt::print(out_, "\n{}\n  {}\n", style_.bold(name), style_.dim("none"));
                continue;
            }
            const std::string title = shown.size() < all.size() ? fmt::format("{} (top {})", name, shown.size()) : name;
            std::vector<std::pair<std::string, Xapian::doccount>> rows(shown.begin(), shown.end());
            if (!dates)
                std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
            if (name == "month") months(shown, shown.size() < all.size());
            else section(title, std::move(rows));
        }
    }

    std::FILE* out_;
    Style style_;
    size_t width_;  // the terminal's, 0: no wrapping (wrap.hpp)
    // Of the first page, for the line before the first partial match.
    Xapian::doccount total_ = 0, some_words_ = 0;
    bool some_words_exact_ = true, partial_said_ = false;
};

}  // namespace

void Printer::print(const Results& r) {
    begin(r, r.hits.size());
    for (const Hit& h : r.hits) hit(h);
    end(r);
}

std::string marked_html(const std::vector<SnippetPart>& parts) {
    std::string s;
    for (const auto& p : parts) s += p.hit ? "<mark>" + html_escape(p.text) + "</mark>" : html_escape(p.text);
    return s;
}

std::string hit_json(const Hit& h, int indent) {
    nlohmann::ordered_json hit;
    stored_fields(h.doc, StoredField::InHit::Head, hit);
    hit["rank"] = h.rank;
    hit["score"] = std::round(h.score * 10000) / 10000;
    hit["complete"] = h.complete;  // holds every word (version 2)
    stored_fields(h.doc, StoredField::InHit::Body, hit);
    hit["snippet"] = marked_html(h.snippet);
    if (!h.copies.empty()) {  // copies of its story, not shown as hits (collapse.hpp)
        hit["copies"] = nlohmann::ordered_json::array();
        for (const Copy& c : h.copies) hit["copies"].push_back({{"id", c.id}, {"source", c.location}});
    }
    return hit.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::unique_ptr<Printer> text_printer(std::FILE* out, bool colour) {
    return std::make_unique<TextPrinter>(out, colour);
}

std::unique_ptr<Printer> json_printer(std::FILE* out) { return std::make_unique<JsonPrinter>(out); }

bool want_colour(Color setting, std::FILE* out) {
    if (setting == Color::Always) return true;
    if (setting == Color::Never) return false;
    const char* no = std::getenv("NO_COLOR");
    if (no && *no) return false;
    return isatty(fileno(out)) != 0;
}

}  // namespace news::searcher
