#include "show.hpp"

#include "match.hpp"
#include "open.hpp"
#include "parse.hpp"
#include "render.hpp"

#include "news/error.hpp"
#include "news/record_lines.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace news::searcher {
namespace {

constexpr int kRetries = 10;  // reopen and retry when news-index commits meanwhile

bool blank_line(std::string_view line) { return trim_ascii(line).empty(); }

// The documents holding a term, in document id order.
std::vector<Xapian::Document> documents_of(const Xapian::Database& db, const std::string& t) {
    std::vector<Xapian::Document> docs;
    for (auto it = db.postlist_begin(t); it != db.postlist_end(t); ++it) docs.push_back(db.get_document(*it));
    return docs;
}

// A post's number in its article ("ID#3": 3).
unsigned long post_number(const std::string& id) {
    const size_t hash = id.rfind('#');
    return hash == std::string::npos ? 0 : std::strtoul(id.c_str() + hash + 1, nullptr, 10);
}

StoredDoc record_of(Index& index, const Xapian::Document& doc) {
    StoredDoc d = index.stored(stored_record(doc));
    d.location = current_location(index.db, doc, d.location);  // (a JSON Lines record's line now)
    return d;
}

// The document of this id with, for an article, its posts.
std::optional<ShownDoc> find(Index& index, const std::string& id) {
    std::vector<Xapian::Document> docs = documents_of(index.db, term(FieldId::Id, id));
    if (docs.empty()) return std::nullopt;
    ShownDoc shown{record_of(index, docs.front()), {}};
    if (shown.doc.type != kTypeArticle) return shown;
    for (const Xapian::Document& post : documents_of(index.db, term(FieldId::Article, id)))
        shown.posts.push_back(record_of(index, post));
    std::stable_sort(shown.posts.begin(), shown.posts.end(), [](const StoredDoc& a, const StoredDoc& b) {
        return post_number(a.id) < post_number(b.id);
    });
    return shown;
}

// The words --highlight marks: its query parsed as a search's, no filters.
Highlight highlight_of(const Options& o, Index& index) {
    if (o.highlight.empty()) return {};
    if (!index.catalogue) index.catalogue.emplace(index.db, index.name);
    QueryBuilder builder(index.db, *index.catalogue);
    Options q;
    q.words = {o.highlight};
    ParsedQuery p = builder.build(q);
    return p.browse ? Highlight{} : highlight_for(p.words, p.normalised, *index.catalogue);
}

Shown look_up(const Options& o, Index& index) {
    Shown shown;
    shown.highlight = o.highlight;
    shown.marks = highlight_of(o, index);
    for (const std::string& id : o.show) {
        if (std::optional<ShownDoc> d = find(index, id)) shown.docs.push_back(std::move(*d));
        else shown.missing.push_back(id);
    }
    return shown;
}

Shown look_up(const Options& o) {
    Index index = open_index(o);
    for (int attempt = 1;; ++attempt) {
        try {
            return look_up(o, index);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= kRetries) throw Error(index.name + ": the index kept changing while reading; try again");
            index.db.reopen();
            index.catalogue.reset();
            index.codec.reset();
        }
    }
}

}  // namespace

std::vector<std::string> paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    auto close = [&] {
        if (!current.empty()) out.push_back(std::move(current));
        current.clear();
    };
    while (!text.empty()) {
        const size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (blank_line(line)) {
            close();
            continue;
        }
        if (line[0] == ' ' || line[0] == '\t') close();  // an indented first line
        const std::string trimmed = trim_ascii(line);
        current += (current.empty() ? "" : " ") + trimmed;
    }
    close();
    return out;
}

int run_show(const Options& o, std::FILE* out, std::FILE* err) {
    if (!o.words.empty())
        throw usage_error("--show prints documents by id, and searches nothing: give the query words \"" + o.query() +
                          "\" to --highlight to mark them, or leave out --show to search");
    const Shown shown = look_up(o);
    if (o.format == Format::Text) print_shown_text(shown, out, want_colour(o.color, out));
    else print_shown_json(shown, out, o.format == Format::Ndjson);
    for (const std::string& id : shown.missing)
        fmt::print(err, "news-search: error: no document with id \"{}\" in {}\n", id, o.db_name());
    return shown.missing.empty() ? kExitOk : kExitFailure;
}

}  // namespace news::searcher
