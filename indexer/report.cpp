#include "report.hpp"

#include <algorithm>
#include <vector>

#include "news/error.hpp"
#include "news/record_lines.hpp"
#include "news/schema.hpp"
#include "news/doc_codec.hpp"

#include <fmt/core.h>
#include <unistd.h>

namespace news::indexer {

Progress::Progress(bool enabled)
    : enabled_(enabled && isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::update(size_t files, size_t docs) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    fmt::print(stderr, "\r\x1b[Kindexing: {} files, {} documents, {:.0f} docs/s", files, docs,
               secs > 0 ? static_cast<double>(docs) / secs : 0.0);
    std::fflush(stderr);
}

void Progress::clear() {
    if (enabled_) fmt::print(stderr, "\r\x1b[K");
}

namespace {

// "1 article", "2 articles".
std::string count(size_t n, std::string_view noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

}  // namespace

void print_diagnostic(const Diagnostic& d) {
    fmt::print(stderr, "news-index: {}: {}: {}\n", d.severity == Severity::Error ? "error" : "warning", d.where,
               d.message);
}

void print_summary(const ReadStats& r, const WriteStats& w, double seconds, const std::string& db, bool dry_run) {
    size_t skipped = r.skipped_other + r.skipped_empty + r.skipped_binary + r.skipped_error;
    std::string detail;
    auto part = [&](size_t n, const char* what) {
        if (n) detail += fmt::format("{}{} {}", detail.empty() ? "" : ", ", n, what);
    };
    part(r.skipped_other, r.skipped_other == 1 ? "not an article" : "not articles");
    if (!r.other_names.empty()) {  // which (the first few): a user looking for them knows why
        std::string names;
        for (const auto& n : r.other_names) names += (names.empty() ? "" : ", ") + n;
        if (r.skipped_other > r.other_names.size())
            names += fmt::format(" and {} more", r.skipped_other - r.other_names.size());
        detail += " (" + names + ")";
    }
    part(r.skipped_empty, "empty");
    part(r.skipped_binary, "binary");
    part(r.skipped_error, "for errors");
    std::string written =
        dry_run                           ? "nothing written (dry run)"
        : w.articles == 0 && w.posts == 0 ? "nothing written"
                                          : fmt::format("{} ({} dated, {} undated) and {} written", count(w.articles, "article"),
                                                        w.dated_articles, w.undated_articles, count(w.posts, "post"));
    fmt::print(stderr,
               "news-index: {}: {} new, {} changed, {} removed, {} unchanged articles; {}{} from {}; "
               "{} skipped{}{}; {:.2f} s\n",
               db, w.new_articles, w.changed_articles, w.removed_articles, w.unchanged_articles,
               w.catalogue_changed ? fmt::format("entity catalogue changed: {} re-tagged; ", count(w.retagged, "document"))
                                   : "",
               written,
               count(r.files, "file"),
               skipped, detail.empty() ? "" : " (" + detail + ")",
               r.recoded ? fmt::format("; {} decoded as Windows-1252", r.recoded) : "", seconds);
}

void print_db_stats(const std::string& path) {
    Xapian::Database db;
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::DatabaseOpeningError&) {
        throw Error("no index at " + path + "; run news-index first");
    }
    // Counted from the posting lists, not with a BoolWeight Enquire, which
    // Xapian 1.4.22 gets wrong for a term that indexes every document of an
    // updated index (see full_terms_as_match_all() in searcher/parse.hpp).
    const std::string articles = term(FieldId::Type, kTypeArticle), undated(field(FieldId::Undated).prefix);
    size_t n_articles = db.get_termfreq(articles), n_undated = 0;
    auto u = db.postlist_begin(undated);
    for (auto a = db.postlist_begin(articles); a != db.postlist_end(articles) && u != db.postlist_end(undated); ++a) {
        u.skip_to(*a);
        if (u != db.postlist_end(undated) && *u == *a) ++n_undated;
    }
    fmt::print("{}: {}: {} ({} dated, {} undated), {}\n", path, count(db.get_doccount(), "document"),
               count(n_articles, "article"), n_articles - n_undated, n_undated,
               count(db.get_termfreq(term(FieldId::Type, kTypePost)), "post"));
    auto names = [](const std::vector<std::string>& list) {
        std::string out;
        for (const auto& e : list) out += (out.empty() ? "" : ", ") + e;
        return out.empty() ? std::string("-") : out;
    };
    DocCodec codec(db.get_metadata(std::string(kMetaDocDict)));
    // The articles in the order of their ids (the id terms, in the index's
    // order: ids lower-cased), not of their document ids, which the writers
    // of a fresh build, or shards, interleave.
    const std::string type_article = term(FieldId::Type, kTypeArticle);
    std::vector<Xapian::docid> is_article;  // ascending
    for (auto it = db.postlist_begin(type_article); it != db.postlist_end(type_article); ++it) is_article.push_back(*it);
    std::vector<Xapian::docid> in_order;
    const std::string id_prefix(field(FieldId::Id).prefix);
    for (auto t = db.allterms_begin(id_prefix); t != db.allterms_end(id_prefix); ++t) {
        auto p = db.postlist_begin(*t);
        if (p != db.postlist_end(*t) && std::binary_search(is_article.begin(), is_article.end(), *p))
            in_order.push_back(*p);
    }
    for (const Xapian::docid docid : in_order) {
        const Xapian::Document doc = db.get_document(docid);
        StoredDoc d = codec.unpack(stored_record(doc));
        d.location = current_location(db, doc, d.location);
        const std::string article = term(FieldId::Article, d.article);  // its posts
        fmt::print("  {}  {}  {}  {}\n    entities: {}\n", d.id, d.date ? *d.date : "undated", d.location,
                   count(db.get_termfreq(article), "post"), names(d.entities));
        for (auto p = db.postlist_begin(article); p != db.postlist_end(article); ++p) {
            if (*p == docid) continue;
            StoredDoc post = codec.unpack(stored_record(db.get_document(*p)));
            fmt::print("    post {}  {}  {}  {}{}  entities: {}\n", post.id, post.date ? *post.date : "undated",
                       post.platform, post.author, post.author_name.empty() ? "" : " (" + post.author_name + ")",
                       names(post.entities));
        }
    }
}

}  // namespace news::indexer
