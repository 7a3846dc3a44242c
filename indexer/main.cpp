// news-index: read → segment → analyse → write.  main() parses options,
// run() does the work, and errors map to the documented exit codes.
#include "analyse.hpp"
#include "db_stats.hpp"
#include "index_run.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "rebuild.hpp"
#include "report.hpp"
#include "run_catalogue.hpp"
#include "store.hpp"

#include "news/entities.hpp"
#include "news/error.hpp"
#include "news/run_main.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <filesystem>
#include <thread>

namespace news::indexer {
namespace {

// One database is built fastest as shards written in parallel (a Xapian
// writer each) and merged when compacted: on 2 cores, Reuters-21578 in about
// 10 s against 11 s with one writer (README, Benchmarks).
size_t build_writers() {
    unsigned cores = std::thread::hardware_concurrency();
    return cores < 2 ? 0 : std::clamp<size_t>(cores / 2, 2, 4);
}

// The summary line, once the index is in place (a rebuild's merge and swap
// included in the time), and the exit code.
int report(const RunStats& stats, const Options& o, std::chrono::steady_clock::time_point start) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!o.quiet) print_summary(stats.read, stats.write, secs, o.db, o.dry_run);
    return stats.read.skipped_error ? kExitFailure : kExitOk;
}

// Which fresh build: --rebuild, a first build, or a first build again
// (an interrupted one's placeholder is there: it starts from the beginning).
enum class Fresh { Rebuild, First, FirstAgain };

// A first build or --rebuild: built beside, compacted, moved in whole;
// shards: the layout to keep.  Nothing when another news-index built the
// index while this one waited for it (--wait): this run then updates it.
std::optional<int> fresh_build(const Options& o, const Catalogue& catalogue, StoreOptions wo, Fresh kind,
                               size_t shards, std::chrono::steady_clock::time_point start) {
    const bool first = kind != Fresh::Rebuild;
    Rebuild rebuild(o.db, o.wait, first ? std::optional<size_t>(o.shards ? o.shards : shards) : std::nullopt);
    if (first && !rebuild.first()) return std::nullopt;
    if (kind == Fresh::FirstAgain && !o.quiet)
        fmt::print(stderr, "news-index: {}: its first build was interrupted; building it again\n", o.db);
    wo.overwrite = true;
    wo.shards = o.shards ? o.shards : shards;  // a rebuild keeps the layout unless told
    if (wo.shards == 0 && (wo.shards = build_writers()) > 0) wo.merge = true;
    wo.no_sync = true;  // synced once, before the swap
    wo.dictionary = train_dictionary(o.paths);
    const bool merge = wo.merge;
    RunStats built = IndexRun(rebuild.build_path(), o, catalogue, std::move(wo)).run();
    Progress compacting(!o.quiet);
    compacting.status("compacting the index");
    rebuild.swap_in(merge);
    compacting.clear();
    return report(built, o, start);
}

// An update in place (or a dry run's listing).
int update(const Options& o, const Catalogue& catalogue, StoreOptions wo, std::chrono::steady_clock::time_point start) {
    IndexRun run(o.db, o, catalogue, std::move(wo));  // (holds the lock)
    if (!o.dry_run && remove_leftovers(o.db))
        print_diagnostic({Severity::Warning, o.db,
                          "a --rebuild was interrupted; its files are removed and the index is updated in place "
                          "(run news-index --rebuild to rebuild it)"});
    return report(run.run(), o, start);
}

int run(Options& o) {
    if (o.stats) {
        print_db_stats(o.db, o.list);
        return kExitOk;
    }
    if (o.list) throw usage_error("--list goes with --stats: news-index --stats --list");
    if (o.rebuild && o.dry_run) throw usage_error("--rebuild and --dry-run go separately: a rebuild lists nothing");
    if (o.paths.empty()) o.paths.push_back("corpus");
    check_paths_exist(o.paths);
    auto start = std::chrono::steady_clock::now();
    const RunCatalogue run_catalogue = load_catalogue(o.entity_files, o.db);
    const Catalogue& catalogue = run_catalogue.catalogue;
    StoreOptions wo;
    wo.user_entities = run_catalogue.user;
    wo.dry_run = o.dry_run;
    wo.wait = o.wait;
    std::error_code ec;
    const std::optional<size_t> unfinished = interrupted_first_build(o.db);
    const bool first = !std::filesystem::exists(o.db, ec) || unfinished;
    size_t shards = unfinished ? *unfinished : first ? 0 : Store::shard_count(o.db);
    if (o.shards && !first && !o.rebuild && o.shards != shards)
        throw usage_error(o.db + (shards ? " has " + std::to_string(shards) + " shards" : " is one database") +
                          "; to split it over " + std::to_string(o.shards) + " shards, run news-index --rebuild --shards " +
                          std::to_string(o.shards));
    if (o.dry_run) return update(o, catalogue, std::move(wo), start);
    catch_interrupts();
    const Fresh kind = !first ? Fresh::Rebuild : unfinished ? Fresh::FirstAgain : Fresh::First;
    if (o.rebuild || first)
        if (auto code = fresh_build(o, catalogue, wo, kind, shards, start)) return *code;
    return update(o, catalogue, std::move(wo), start);
}

}  // namespace
}  // namespace news::indexer

int main(int argc, char** argv) {
    news::indexer::Options options;
    if (auto status = news::indexer::parse_command_line(options, argc, argv)) return *status;
    return news::run_main("news-index", options.db, [&] { return news::indexer::run(options); });
}
