#include "db_stats.hpp"

#include "report.hpp"
#include "run_catalogue.hpp"

#include "news/doc_codec.hpp"
#include "news/error.hpp"
#include "news/first_build.hpp"
#include "news/index_catalogue.hpp"
#include "news/layout.hpp"
#include "news/record_lines.hpp"
#include "news/schema.hpp"
#include "news/stored.hpp"

#include <fmt/core.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace news::indexer {
namespace {

constexpr size_t kTopEntities = 10;

Xapian::Database open_index(const std::string& path) {
    Xapian::Database db;
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::DatabaseOpeningError&) {
        throw Error("no index at " + path + "; run news-index first");
    }
    if (auto building = first_build_message(db, path)) throw Error(*building);
    return db;
}

// How many of the documents of this type (its XTYPE term) are undated:
// counted from the posting lists, not with a BoolWeight Enquire, which
// Xapian 1.4.22 gets wrong for a term that indexes every document of an
// updated index (see full_terms_as_match_all() in searcher/workarounds.hpp).
size_t undated_of(const Xapian::Database& db, const std::string& type) {
    const std::string undated(field(FieldId::Undated).prefix);
    size_t n = 0;
    auto u = db.postlist_begin(undated);
    for (auto a = db.postlist_begin(type); a != db.postlist_end(type) && u != db.postlist_end(undated); ++a) {
        u.skip_to(*a);
        if (u != db.postlist_end(undated) && *u == *a) ++n;
    }
    return n;
}

// "<DB>: 15 documents: 3 articles (2 dated, 1 undated), 12 posts"
void print_header(const Xapian::Database& db, const std::string& path) {
    const std::string articles = term(FieldId::Type, kTypeArticle);
    const size_t n_articles = db.get_termfreq(articles), n_undated = undated_of(db, articles);
    fmt::print("{}: {}: {} ({} dated, {} undated), {}\n", path, count(db.get_doccount(), "document"),
               count(n_articles, "article"), n_articles - n_undated, n_undated,
               count(db.get_termfreq(term(FieldId::Type, kTypePost)), "post"));
}

// The first and last day of the documents' dates (their XD terms), as YYYY-MM-DD.
std::string date_range(const Xapian::Database& db) {
    const std::string prefix(field(FieldId::Day).prefix);
    std::string first, last;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (first.empty()) first = *t;
        last = *t;
    }
    auto day = [&](const std::string& t) {
        const std::string d = t.substr(prefix.size());
        return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6) : d;
    };
    return first.empty() ? "none" : day(first) + " to " + day(last);
}

// The bytes of the index's files (every local part of a stub file's).
std::string size_on_disk(const std::string& path) {
    uint64_t bytes = 0;
    std::error_code ec;
    auto add_folder = [&](const std::string& dir) {
        for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec)) bytes += it->file_size(ec);
    };
    if (fs::is_directory(path, ec)) add_folder(path);
    else
        for (const Part& p : parts_of(path))
            if (!p.remote) add_folder(p.path);
    const double b = static_cast<double>(bytes);
    if (b < 1e6) return fmt::format("{:.0f} kB", b / 1e3);
    return b < 1e9 ? fmt::format("{:.1f} MB", b / 1e6) : fmt::format("{:.2f} GB", b / 1e9);
}

std::string last_update(const Xapian::Database& db) {
    std::string t = db.get_metadata(std::string(kMetaUpdated));  // YYYY-MM-DDTHH:MM:SSZ
    if (t.size() != 20) return "unknown (indexed by an older news-index)";
    return t.substr(0, 10) + " " + t.substr(11, 8) + " UTC";
}

std::string catalogue_in_use(const Xapian::Database& db, IndexCatalogue& catalogue) {
    std::string files;
    for (const std::string& f : catalogue_files(db.get_metadata(std::string(kMetaUserEntities)))) files += " + " + f;
    const size_t n = catalogue.whole().entities().size();
    return fmt::format("built-in{}, {} {}", files, n, n == 1 ? "entity" : "entities");
}

// The kTopEntities entities in the most documents (their XE terms), with how many.
std::vector<std::pair<Xapian::doccount, std::string>> top_entities(const Xapian::Database& db) {
    const std::string prefix(field(FieldId::Entity).prefix);
    std::vector<std::pair<Xapian::doccount, std::string>> top;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string& name = *t;
        // (Another field's prefix may start as this one does: XEXCH; an
        // entity's terms are lower case.)
        if (name.size() > prefix.size() && name[prefix.size()] >= 'A' && name[prefix.size()] <= 'Z') continue;
        top.emplace_back(t.get_termfreq(), name);
    }
    auto most = [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; };
    const size_t n = std::min(top.size(), kTopEntities);
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(n), top.end(), most);
    top.resize(n);
    return top;
}

void print_overview(const Xapian::Database& db, const std::string& path) {
    print_header(db, path);
    const std::string posts = term(FieldId::Type, kTypePost);
    const size_t n_posts = db.get_termfreq(posts), n_undated = undated_of(db, posts);
    fmt::print("  posts:         {} dated, {} undated\n", n_posts - n_undated, n_undated);
    fmt::print("  dates:         {}\n", date_range(db));
    fmt::print("  size on disk:  {}\n", size_on_disk(path));
    fmt::print("  last update:   {}\n", last_update(db));
    const std::string shards = is_sharded_folder(path) ? db.get_metadata(std::string(kMetaShards)) : "";
    fmt::print("  layout:        {}\n", shards.empty() ? std::string("one database") : shards + " shards");
    IndexCatalogue catalogue(db, path);
    fmt::print("  catalogue:     {}\n", catalogue_in_use(db, catalogue));
    const auto top = top_entities(db);
    fmt::print("  top entities:{}\n", top.empty() ? "  none" : "  (documents naming each)");
    for (const auto& [n, t] : top) {
        const auto entity = catalogue.entity_of_term(t);
        fmt::print("    {:>7}  {}\n", n, entity ? entity->name : t.substr(field(FieldId::Entity).prefix.size()));
    }
    fmt::print("(each article, its posts and their entities: news-index --stats --list)\n");
}

std::string names(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& e : list) out += (out.empty() ? "" : ", ") + e;
    return out.empty() ? std::string("-") : out;
}

// The articles in the order of their ids (the id terms, in the index's
// order: ids lower-cased), not of their document ids, which the writers of
// a fresh build, or shards, interleave.
std::vector<Xapian::docid> articles_in_order(const Xapian::Database& db) {
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
    return in_order;
}

void print_list(const Xapian::Database& db, const std::string& path) {
    print_header(db, path);
    DocCodec codec(db.get_metadata(std::string(kMetaDocDict)));
    for (const Xapian::docid docid : articles_in_order(db)) {
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

}  // namespace

void print_db_stats(const std::string& path, bool list) {
    const Xapian::Database db = open_index(path);
    if (list) print_list(db, path);
    else print_overview(db, path);
}

}  // namespace news::indexer
