#include "export.hpp"

#include <fmt/core.h>

#include <cmath>
#include <string>
#include <vector>

namespace news::searcher {
namespace {

class NdjsonPrinter : public Printer {
public:
    explicit NdjsonPrinter(std::FILE* out) : out_(out) {}
    void begin(const Results&, size_t) override {}
    void hit(const Hit& h) override { fmt::print(out_, "{}\n", hit_json(h, -1)); }
    void end(const Results&) override {}

private:
    std::FILE* out_;
};

// A hit's fields in kColumns' order, as plain text.
std::vector<std::string> columns(const Hit& h) {
    const StoredDoc& d = h.doc;
    std::string entities, snippet;
    for (const std::string& e : d.entities) entities += (entities.empty() ? "" : std::string(kEntitySeparator)) + e;
    for (const SnippetPart& p : h.snippet) snippet += p.text;
    // The score as --json rounds it (4 decimals).
    const std::string score = fmt::format("{}", std::round(h.score * 10000) / 10000);
    return {std::to_string(h.rank), d.id, d.type, d.date.value_or(""), d.title, d.location,
            d.article, d.author, entities, score, h.complete ? "true" : "false", snippet};
}

// CSV and TSV: a header, then a row a hit; `field` makes a field of a value,
// `end` ends a row.
class TablePrinter : public Printer {
public:
    TablePrinter(std::FILE* out, char separator, std::string (*field)(std::string_view), const char* end)
        : out_(out), separator_(separator), field_(field), end_(end) {}

    void begin(const Results&, size_t) override {
        std::vector<std::string> header;
        for (std::string_view c : kColumns) header.emplace_back(c);
        row(header);
    }
    void hit(const Hit& h) override { row(columns(h)); }
    void end(const Results&) override {}

private:
    void row(const std::vector<std::string>& values) {
        std::string line;
        for (size_t i = 0; i < values.size(); ++i) line += (i ? std::string(1, separator_) : "") + field_(values[i]);
        fmt::print(out_, "{}{}", line, end_);
    }

    std::FILE* out_;
    char separator_;
    std::string (*field_)(std::string_view);
    const char* end_;
};

}  // namespace

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string tsv_field(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == '\t' || c == '\r' || c == '\n') c = ' ';
    return out;
}

std::unique_ptr<Printer> ndjson_printer(std::FILE* out) { return std::make_unique<NdjsonPrinter>(out); }

std::unique_ptr<Printer> csv_printer(std::FILE* out) {
    return std::make_unique<TablePrinter>(out, ',', csv_field, "\r\n");
}

std::unique_ptr<Printer> tsv_printer(std::FILE* out) {
    return std::make_unique<TablePrinter>(out, '\t', tsv_field, "\n");
}

std::unique_ptr<Printer> printer_for(const Options& o, std::FILE* out) {
    switch (o.format) {
        case Format::Json: return json_printer(out);
        case Format::Ndjson: return ndjson_printer(out);
        case Format::Csv: return csv_printer(out);
        case Format::Tsv: return tsv_printer(out);
        case Format::Text: break;
    }
    return text_printer(out, want_colour(o.color, out));
}

}  // namespace news::searcher
