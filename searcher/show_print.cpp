// --show's printers (show.hpp): a document as a person reads it on a
// terminal, as `git show` and `notmuch show` set it out (a heading line, its
// fields, the text indented, each embedded post under a rule), and as JSON
// (doc/json.md, "documents").
#include "render.hpp"
#include "show.hpp"
#include "wrap.hpp"

#include "news/schema.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace news::searcher {
namespace {

// ---- terminal -------------------------------------------------------------

constexpr size_t kLabelWidth = 13;  // "Publication: "
constexpr size_t kTextIndent = 4;   // the text's paragraphs
constexpr size_t kRuleWidth = 72;   // a post's rule, at most (or the terminal's width)

class ShowText {
public:
    ShowText(std::FILE* out, bool colour, const Highlight& marks)
        : out_(out), style_{colour}, width_(terminal_width(out)), marks_(marks) {}

    void document(const ShownDoc& s) {
        const StoredDoc& d = s.doc;
        fmt::print(out_, "{}\n", style_.head(d.type + " " + d.id));
        if (d.type == kTypePost) field("Article", d.article + "  " + d.title);
        else field("Title", style_.bold(d.title));
        post_fields(d);
        field("File", d.location);
        field("Publication", d.publication);
        field("URL", d.url);
        field("Entities", joined(d.entities));
        if (!s.posts.empty()) field("Posts", std::to_string(s.posts.size()) + " (below)");
        text(d.text);
        for (size_t i = 0; i < s.posts.size(); ++i) {
            const StoredDoc& p = s.posts[i];
            const std::string head = fmt::format("── post {} ({} of {}) ", p.id, i + 1, s.posts.size());
            const size_t width = width_ ? std::min(width_, kRuleWidth) : kRuleWidth;
            std::string rule;
            for (size_t w = display_width(head); w < width; ++w) rule += "─";
            fmt::print(out_, "\n{}\n", style_.dim(head + rule));
            post_fields(p);
            field("Entities", joined(p.entities));
            text(p.text);
        }
    }

private:
    static std::string joined(const std::vector<std::string>& list) {
        std::string s;
        for (const std::string& e : list) s += (s.empty() ? "" : ", ") + e;
        return s;
    }

    // "Label:      value", wrapped under the value; nothing when it is empty.
    void field(const std::string& label, const std::string& value) {
        if (value.empty()) return;
        const std::string head = label + ":" + std::string(kLabelWidth - label.size() - 1, ' ');
        fmt::print(out_, "{}{}\n", style_.dim(head), wrap(value, kLabelWidth, kLabelWidth, width_));
    }

    void post_fields(const StoredDoc& d) {
        if (d.type != kTypePost) {
            field("Date", d.date.value_or("undated"));
            return;
        }
        field("Platform", d.platform);
        field("Author", d.author + (d.author_name.empty() ? "" : " (" + d.author_name + ")"));
        field("Date", d.date.value_or("undated"));
    }

    // The paragraphs, a blank line before each, the marked words coloured.
    void text(const std::string& stored) {
        for (const std::string& p : paragraphs(stored)) {
            std::string line;
            if (marks_.empty()) line = p;
            else
                for (const SnippetPart& part : make_snippet(p, marks_, 0)) line += part.hit ? style_.hit(part.text) : part.text;
            fmt::print(out_, "\n{}{}\n", std::string(kTextIndent, ' '), wrap(line, kTextIndent, kTextIndent, width_));
        }
    }

    std::FILE* out_;
    Style style_;
    size_t width_;  // the terminal's, 0: no wrapping (wrap.hpp)
    const Highlight& marks_;
};

// ---- JSON ---------------------------------------------------------------

// The record's fields (kStoredFields' order), its text as paragraphs, and
// with --highlight the same paragraphs as HTML with the words marked.
nlohmann::ordered_json document_json(const StoredDoc& d, const Shown& s) {
    nlohmann::ordered_json j;
    for (const StoredField& f : kStoredFields) {
        const std::string key(f.key);
        if (f.text == &StoredDoc::text) continue;  // (as "paragraphs")
        if (f.text && (f.always || !(d.*f.text).empty())) j[key] = d.*f.text;
        else if (f.date) j[key] = (d.*f.date) ? nlohmann::ordered_json(*(d.*f.date)) : nlohmann::ordered_json(nullptr);
        else if (f.list) j[key] = d.*f.list;
    }
    const std::vector<std::string> paras = paragraphs(d.text);
    j["paragraphs"] = paras;
    if (!s.highlight.empty()) {
        j["marked"] = nlohmann::ordered_json::array();
        for (const std::string& p : paras) j["marked"].push_back(marked_html(make_snippet(p, s.marks, 0)));
    }
    return j;
}

nlohmann::ordered_json shown_json(const ShownDoc& shown, const Shown& s) {
    nlohmann::ordered_json j = document_json(shown.doc, s);
    if (shown.doc.type != kTypeArticle) return j;
    j["posts"] = nlohmann::ordered_json::array();
    for (const StoredDoc& p : shown.posts) j["posts"].push_back(document_json(p, s));
    return j;
}

}  // namespace

void print_shown_text(const Shown& shown, std::FILE* out, bool colour) {
    ShowText printer(out, colour, shown.marks);
    for (size_t i = 0; i < shown.docs.size(); ++i) {
        if (i) fmt::print(out, "\n");
        printer.document(shown.docs[i]);
    }
}

void print_shown_json(const Shown& shown, std::FILE* out, bool one_line) {
    constexpr auto replace = nlohmann::ordered_json::error_handler_t::replace;
    if (one_line) {
        for (const ShownDoc& d : shown.docs) fmt::print(out, "{}\n", shown_json(d, shown).dump(-1, ' ', false, replace));
        return;
    }
    nlohmann::ordered_json j;
    j["version"] = kJsonVersion;
    if (!shown.highlight.empty()) j["highlight"] = shown.highlight;
    j["documents"] = nlohmann::ordered_json::array();
    for (const ShownDoc& d : shown.docs) j["documents"].push_back(shown_json(d, shown));
    j["missing"] = shown.missing;
    fmt::print(out, "{}\n", j.dump(2, ' ', false, replace));
}

}  // namespace news::searcher
