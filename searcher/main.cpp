// news-search: parse → match → render.  main() parses options, run() does
// the work, and errors map to the documented exit codes.
#include "all.hpp"
#include "batch.hpp"
#include "match.hpp"
#include "options.hpp"
#include "render.hpp"
#include "show.hpp"

#include "news/error.hpp"
#include "news/run_main.hpp"

#include <fmt/core.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace news::searcher {
namespace {

// glibc's malloc gives the top of its heap back to the system whenever
// 128 KB of it are free, and blocks of 128 KB or more are mapped and unmapped
// one by one: a query frees what it used, and the next one faults the same
// memory back in page by page (a fifth of a query's time in --batch, through
// the page faults and TLB flushes).  Keep up to 64 MB instead.
void keep_freed_memory() {
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
}

void print_notes(const Results& results, const Options& o) {
    for (const std::string& note : results.notes) fmt::print(stderr, "news-search: note: {}\n", note);
    // (text and json print the suggestion with the results)
    if (results.suggestion && o.format != Format::Text && o.format != Format::Json)
        fmt::print(stderr, "news-search: note: did you mean: {}\n", *results.suggestion);
}

int run(const Options& o) {
    if (o.color != "auto" && o.color != "always" && o.color != "never")
        throw usage_error("--color \"" + o.color + "\" is not a setting; use auto, always or never");
    if (!o.batch.empty()) return run_batch(o, stdout, stderr);
    if (!o.show.empty()) return run_show(o, stdout, stderr);
    auto printer = printer_for(o, stdout);
    Results results;
    if (o.all) {
        results = print_all(o, *printer, [&](const Results& first) { print_notes(first, o); });
    } else {
        results = search(o);
        print_notes(results, o);
        printer->print(results);
    }
    warn_partial(results.shards_down, results.parts, stderr);
    return kExitOk;
}

}  // namespace
}  // namespace news::searcher

int main(int argc, char** argv) {
    news::searcher::keep_freed_memory();
    news::searcher::Options options;
    if (auto status = news::searcher::parse_command_line(options, argc, argv)) return *status;
    return news::run_main("news-search", "", [&] { return news::searcher::run(options); });
}
