#include "options.hpp"
#include "run_catalogue.hpp"

#include "news/command_line.hpp"
#include "news/schema.hpp"

#include <CLI/CLI.hpp>

namespace news::indexer {

namespace {

std::unique_ptr<CLI::App> make_app(Options& o) {
    auto app = std::make_unique<CLI::App>(
        "Index news articles (plain-text files and JSON Lines) into a Xapian database for news-search.\n"
        "Folders are walked recursively: *.txt is one article, *.jsonl one article per line;\n"
        "other files are skipped and counted.  Incremental: a re-run touches only new, changed\n"
        "and removed files (and, in JSON Lines, changed records).",
        "news-index");
    add_version_flag(*app);
    o.db = default_db_path();
    app->add_option("--db", o.db, "database to create or update (env: NEWS_DB)")->capture_default_str();
    app->add_option("paths", o.paths, "files and folders to index (default: corpus/)");
    app->add_option("--entities", o.entity_files,
                    "entity catalogue file(s) to add to the built-in one (name<TAB>kind<TAB>aliases<TAB>groups); "
                    "the index keeps a copy and follows it until the next --entities: documents whose "
                    "entities change are re-tagged; --entities none drops the added entries (doc/entities.md)")
        ->allow_extra_args(false)  // one file per --entities: the paths after it stay paths
        ->check(CLI::Validator(
            [](std::string& file) { return file == kNoEntities ? std::string() : CLI::ExistingFile(file); },
            ""))
        ->type_name("FILE|none");
    app->add_flag("-q,--quiet", o.quiet, "no progress display and no summary (warnings still go to stderr)");
    // (No -n: that is news-search's --limit, as head -n.)
    app->add_flag("--dry-run", o.dry_run, "list what would be added, replaced and removed; write nothing");
    app->add_flag("--rebuild", o.rebuild,
                  "index everything afresh beside the database and swap it in atomically (searches go on)");
    app->add_option("--shards", o.shards,
                    "split the index over N shard databases in the --db folder (with a stub file and a meta "
                    "part; see README, Shards); an existing index keeps its layout unless rebuilt")
        ->check(CLI::Range(1, 256))
        ->type_name("N");
    app->add_flag("--wait", o.wait, "if another news-index is writing the database, wait for it (else exit 1)");
    app->add_flag("--stats", o.stats,
                  "print a summary of the database (documents, dates, size, last update, catalogue, top "
                  "entities) and exit");
    app->add_flag("--list", o.list, "with --stats: list every article instead (date, source, posts, entities)");
    app->footer(
        "An interrupted run (Ctrl-C, kill, a crash) is finished by the next run with the same paths; a first\n"
        "build starts again, an interrupted --rebuild leaves the old index as it was.\n"
        "Exit status: 0 all indexed; 1 something failed or was skipped for an error; 2 bad usage;\n"
        "130 or 143 interrupted (SIGINT, SIGTERM).\n"
        "Examples:\n"
        "  news-index                          # corpus/ into ./news.db (again: only what changed)\n"
        "  news-index --rebuild                # everything afresh, swapped in atomically\n"
        "  news-index --rebuild --shards 4     # the same, split over 4 shards\n"
        "  news-index --db /tmp/r.db ../shared/corpora/reuters21578.jsonl\n"
        "  news-index --stats                  # a summary; --stats --list: every article");
    return app;
}

}  // namespace

std::optional<int> parse_command_line(Options& o, int argc, char** argv) {
    auto app = make_app(o);
    return parse_or_stop(*app, argc, argv);
}

}  // namespace news::indexer
