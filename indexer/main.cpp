// news-index: read → segment → analyse → write.  main() parses options,
// run() does the work, and errors map to the documented exit codes.
#include "analyse.hpp"
#include "options.hpp"
#include "read.hpp"
#include "report.hpp"
#include "write.hpp"

#include "news/entities.hpp"
#include "news/error.hpp"

#include <fmt/core.h>

#include <chrono>
#include <fstream>
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

int run(Options& o) {
    if (o.stats) {
        print_db_stats(o.db);
        return kExitOk;
    }
    if (o.paths.empty()) o.paths.push_back("corpus");
    auto start = std::chrono::steady_clock::now();
    Catalogue catalogue = load_catalogue(o);
    Analyser analyser(catalogue);
    Writer writer(o.db, catalogue);
    Progress progress(!o.quiet);
    ReadStats read_stats;
    size_t docs = 0;

    ReadCallbacks cb;
    cb.article = [&](Article&& a) {
        auto analysed = analyser.analyse(a);
        docs += analysed.size();
        writer.add(std::move(analysed));
        progress.update(read_stats.files, docs);
    };
    cb.diagnostic = [&](const Diagnostic& d) {
        progress.clear();
        print_diagnostic(d);
    };
    read_paths(o.paths, cb, read_stats);
    writer.finish();
    progress.clear();

    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!o.quiet) print_summary(read_stats, writer.stats(), secs, o.db);
    return read_stats.skipped_error ? kExitFailure : kExitOk;
}

}  // namespace
}  // namespace news::indexer

int main(int argc, char** argv) {
    news::indexer::Options options;
    auto app = news::indexer::make_app(options);
    try {
        app->parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app->exit(e);
    } catch (const CLI::ParseError& e) {
        fmt::print(stderr, "news-index: error: {}\nRun with --help for usage.\n", e.what());
        return news::kExitUsage;
    }
    try {
        return news::indexer::run(options);
    } catch (const news::Error& e) {
        fmt::print(stderr, "news-index: error: {}\n", e.what());
        return e.exit_code();
    } catch (const std::exception& e) {
        fmt::print(stderr, "news-index: error: {}\n", e.what());
        return news::kExitFailure;
    }
}
