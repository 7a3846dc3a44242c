// news-search: parse → match → render.  main() parses options, run() does
// the work, and errors map to the documented exit codes.
#include "batch.hpp"
#include "match.hpp"
#include "options.hpp"
#include "render.hpp"

#include "news/error.hpp"

#include <fmt/core.h>

namespace news::searcher {
namespace {

int run(const Options& o) {
    if (o.color != "auto" && o.color != "always" && o.color != "never")
        throw usage_error("--color \"" + o.color + "\" is not a setting; use auto, always or never");
    if (!o.batch.empty()) return run_batch(o, stdout, stderr);
    Results results = search(o);
    auto printer = o.json ? json_printer(stdout) : text_printer(stdout, want_colour(o.color, stdout), o.limit);
    printer->print(results);
    warn_partial(results.shards_down, results.parts, stderr);
    return kExitOk;
}

}  // namespace
}  // namespace news::searcher

int main(int argc, char** argv) {
    news::searcher::Options options;
    auto app = news::searcher::make_app(options);
    try {
        app->parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app->exit(e);
    } catch (const CLI::ParseError& e) {
        fmt::print(stderr, "news-search: error: {}\nRun with --help for usage.\n", e.what());
        return news::kExitUsage;
    }
    try {
        return news::searcher::run(options);
    } catch (const news::Error& e) {
        fmt::print(stderr, "news-search: error: {}\n", e.what());
        return e.exit_code();
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "news-search: error: {}\n", e.get_description());
        return news::kExitFailure;
    } catch (const std::exception& e) {
        fmt::print(stderr, "news-search: error: {}\n", e.what());
        return news::kExitFailure;
    }
}
