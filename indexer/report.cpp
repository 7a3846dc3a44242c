#include "report.hpp"

#include "news/error.hpp"
#include "news/schema.hpp"

#include <fmt/core.h>

namespace news::indexer {

std::string count(size_t n, std::string_view noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

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

}  // namespace news::indexer
