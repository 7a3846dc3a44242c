// news-index: read → segment → analyse → write.  main() parses options,
// run() does the work, and errors map to the documented exit codes.
#include "analyse.hpp"
#include "options.hpp"
#include "pipeline.hpp"
#include "read.hpp"
#include "report.hpp"
#include "write.hpp"

#include "news/entities.hpp"
#include "news/error.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace news::indexer {
namespace {

Catalogue load_catalogue(const Options& o) {
    Catalogue catalogue = Catalogue::builtin();
    for (const auto& file : o.entity_files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw usage_error(file + ": cannot read the entity catalogue");
        std::stringstream ss;
        ss << in.rdbuf();
        catalogue.add(ss.str(), file);
    }
    return catalogue;
}

// One database is built fastest as shards written in parallel (a Xapian
// writer each) and merged when compacted: on 2 cores, Reuters-21578 in about
// 10 s against 11 s with one writer (README, Benchmarks).
size_t build_shards() {
    unsigned cores = std::thread::hardware_concurrency();
    return cores < 2 ? 0 : std::clamp<size_t>(cores / 2, 2, 4);
}

// Articles an update packs without the index's dictionary before it reads it.
constexpr size_t kUnpackedArticles = 20;

// What a run read and wrote, for its summary line.
struct RunStats {
    ReadStats read;
    WriteStats write;
};

// Read, segment, analyse and write everything under the paths into db.
RunStats index_into(const std::string& db, const Options& o, const Catalogue& catalogue, WriterOptions wo) {
    if (o.dry_run)
        wo.list = [](const std::string& what, const std::string& where) { fmt::print("{:<8} {}\n", what, where); };
    const bool fresh = wo.overwrite;
    Writer writer(db, catalogue, std::move(wo));
    if (writer.recognition_changed())
        print_diagnostic({Severity::Warning, db,
                          "its articles' entities were recognised with another entity catalogue or an older "
                          "news-index; those not re-read in this run keep what was found then (run news-index "
                          "--rebuild to recognise them all again)"});
    Progress progress(!o.quiet);
    ReadStats read_stats;
    size_t docs = 0;
    // A fresh build packs everything against its new dictionary; an update
    // its first articles on their own (see AnalysePipeline), then quickly.
    AnalysePipeline analyse(catalogue, [&writer] { return writer.dictionary(); },
                            fresh ? DocCodec::kPackLevel : DocCodec::kQuickLevel, fresh ? 0 : kUnpackedArticles,
                            [&](Article&& a, std::vector<IndexDoc>&& analysed) {
        docs += analysed.size();
        writer.add(a, std::move(analysed));
        progress.update(read_stats.files, docs);
    });

    ReadCallbacks cb;
    cb.unchanged = [&](const FileInfo& f) { return writer.unchanged(f); };
    cb.recorded_size = [&](const std::string& key) { return writer.recorded_size(key); };
    std::vector<std::string> files;  // the files read, in order
    cb.file_begin = [&](const FileInfo& f) {
        files.push_back(f.key);
        return writer.file_begin(f);
    };
    // The ids of this run's articles (hashed), each with the file it was
    // read from: the index keeps one document per id, so an article whose id
    // an earlier one had replaces it; say so, and remember both files.
    std::unordered_map<size_t, size_t> ids;  // id -> index in files
    std::unordered_set<size_t> repeated_ids;
    auto first_time = [&](const std::string& id_term) {
        auto [it, fresh_id] = ids.emplace(std::hash<std::string>{}(id_term), files.size() - 1);
        return fresh_id ? std::nullopt : std::optional<size_t>(it->second);
    };
    cb.article = [&](Article&& a) {
        const std::string id_term = term(FieldId::Id, a.id);
        const auto earlier = first_time(id_term);
        if (earlier) {
            progress.clear();
            print_diagnostic({Severity::Warning, a.source,
                              "id \"" + a.id + "\" was already given to an earlier article in this run; the index " +
                                  "keeps one document per id: this one replaces it (give each article an id of its own)"});
            repeated_ids.insert(std::hash<std::string>{}(id_term));
            writer.claim(a.id, a.file_key, files[*earlier]);
        }
        if (writer.wanted(a, earlier.has_value())) analyse.push(std::move(a));
    };
    cb.known_record = [&](const std::string& digest) {
        const std::string* id = writer.known_record(digest);
        // An id an earlier article of this run had: read it, to replace that one and say so.
        if (!id || first_time(std::string(field(FieldId::Id).prefix) + *id)) return false;
        writer.skip_record(*id);
        return true;
    };
    cb.file_done = [&](const FileInfo& f) {
        analyse.drain();  // the file's articles are written before its record
        writer.file_done(f);
    };
    cb.unreadable = [&](const std::string& key) { writer.keep(key); };
    cb.diagnostic = [&](const Diagnostic& d) {
        progress.clear();
        print_diagnostic(d);
    };
    read_paths(o.paths, cb, read_stats);
    analyse.drain();
    std::vector<std::string> roots;
    for (const auto& p : o.paths) roots.push_back(path_key(p));
    writer.remove_missing(roots);

    // An article that went with its file (or its record) while another file
    // holds one with its id (Writer::claim()): that file is read again,
    // whole, and its article takes the place (the last file read wins, as in
    // the walk).
    std::vector<Writer::Reread> rereads = writer.take_rereads();
    if (!rereads.empty()) {
        ReadStats again;
        ReadCallbacks rb = cb;
        rb.unchanged = nullptr;
        rb.file_begin = [&](const FileInfo& f) { return writer.file_begin(f); };
        const Writer::Reread* current = nullptr;
        std::unordered_set<std::string> seen;  // the ids met in the file (twice: the later wins, as in the walk)
        std::map<std::string, Diagnostic> found;  // id -> where the article that takes the place is
        rb.article = [&](Article&& a) {
            const std::string id = term(FieldId::Id, a.id).substr(field(FieldId::Id).prefix.size());
            const bool repeated = !seen.insert(id).second;
            auto it = std::find(current->ids.begin(), current->ids.end(), id);
            if (it != current->ids.end())
                found[id] = {Severity::Warning, a.source,
                             "id \"" + a.id + "\" went with " + current->gone_from[it - current->ids.begin()] +
                                 "; this article has it too and is indexed in its place"};
            if (writer.wanted(a, repeated)) analyse.push(std::move(a));
        };
        rb.known_record = [&](const std::string& digest) {
            const std::string* id = writer.known_record(digest);
            if (!id) return false;
            writer.skip_record(*id);
            return true;
        };
        writer.force_read(true);
        for (const auto& r : rereads) {
            current = &r;
            seen.clear();
            found.clear();
            read_file(r.path, r.key, r.ids.front(), rb, again);
            progress.clear();
            for (const auto& [id, d] : found) print_diagnostic(d);
        }
        writer.force_read(false);
        analyse.drain();
        read_stats.skipped_error += again.skipped_error;
    }
    // Articles of this run that replaced one another file holds (read in an earlier run).
    for (const auto& r : writer.take_replaced()) {
        if (repeated_ids.count(std::hash<std::string>{}(term(FieldId::Id, r.id)))) continue;  // (said above)
        progress.clear();
        print_diagnostic({Severity::Warning, r.source,
                          "id \"" + r.id + "\" is also in " + r.other +
                              ", indexed earlier; the index keeps one document per id: this one replaces it "
                              "(give each article an id of its own)"});
    }
    writer.finish(analyse.spelling());
    progress.clear();
    return {read_stats, writer.stats()};
}

// The summary line, once the index is in place (a rebuild's merge and swap
// included in the time), and the exit code.
int report(const RunStats& stats, const Options& o, std::chrono::steady_clock::time_point start) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!o.quiet) print_summary(stats.read, stats.write, secs, o.db, o.dry_run);
    return stats.read.skipped_error ? kExitFailure : kExitOk;
}

int run(Options& o) {
    if (o.stats) {
        print_db_stats(o.db);
        return kExitOk;
    }
    if (o.rebuild && o.dry_run) throw usage_error("--rebuild and --dry-run go separately: a rebuild lists nothing");
    if (o.paths.empty()) o.paths.push_back("corpus");
    auto start = std::chrono::steady_clock::now();
    Catalogue catalogue = load_catalogue(o);
    WriterOptions wo;
    wo.dry_run = o.dry_run;
    wo.wait = o.wait;
    // A first build is a rebuild too: built beside, compacted, moved in whole.
    std::error_code ec;
    bool first = !std::filesystem::exists(o.db, ec);
    size_t shards = first ? 0 : Writer::shard_count(o.db);
    if (o.shards && !first && !o.rebuild && o.shards != shards)
        throw usage_error(o.db + (shards ? " has " + std::to_string(shards) + " shards" : " is one database") +
                          "; to split it over " + std::to_string(o.shards) + " shards, run news-index --rebuild --shards " +
                          std::to_string(o.shards));
    if (o.dry_run || (!o.rebuild && !first)) return report(index_into(o.db, o, catalogue, std::move(wo)), o, start);

    Rebuild rebuild(o.db, o.wait);
    wo.overwrite = true;
    wo.shards = o.shards ? o.shards : shards;  // a rebuild keeps the layout unless told
    if (wo.shards == 0 && (wo.shards = build_shards()) > 0) wo.merge = true;
    wo.no_sync = true;  // synced once, before the swap
    wo.dictionary = train_dictionary(o.paths);
    const bool merge = wo.merge;
    RunStats built = index_into(rebuild.build_path(), o, catalogue, std::move(wo));
    rebuild.swap_in(merge);
    return report(built, o, start);
}

}  // namespace
}  // namespace news::indexer

int main(int argc, char** argv) {
    news::indexer::Options options;
    if (auto status = news::indexer::parse_command_line(options, argc, argv)) return *status;
    try {
        return news::indexer::run(options);
    } catch (const news::Error& e) {
        fmt::print(stderr, "news-index: error: {}\n", e.what());
        return e.exit_code();
    } catch (const Xapian::Error& e) {  // (not a std::exception)
        fmt::print(stderr, "news-index: error: {}: {}\n", options.db, e.get_description());
        return news::kExitFailure;
    } catch (const std::exception& e) {
        fmt::print(stderr, "news-index: error: {}\n", e.what());
        return news::kExitFailure;
    }
}
