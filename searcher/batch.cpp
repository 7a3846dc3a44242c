#include "batch.hpp"

#include "match.hpp"

#include "news/error.hpp"
#include "news/text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <vector>

namespace news::searcher {
namespace {

// Nearest-rank percentile of sorted values (p in (0, 100]).
long long percentile(const std::vector<long long>& sorted, double p) {
    if (sorted.empty()) return 0;
    size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

long long median(const std::vector<long long>& sorted) {
    if (sorted.empty()) return 0;
    size_t n = sorted.size();
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

}  // namespace

int run_batch(const Options& o, std::FILE* out, std::FILE* err) {
    if (!o.words.empty()) throw usage_error("--batch takes its queries from FILE; give no query words with it");
    if (o.format != Format::Text) throw usage_error("--batch prints timings, not results; drop --json or --format");
    std::ifstream file;
    const bool from_stdin = o.batch == "-";
    if (!from_stdin) {
        file.open(o.batch);
        if (!file) throw Error("cannot read " + o.batch + ": " + std::strerror(errno));
    }
    std::istream& in = from_stdin ? std::cin : file;
    const std::string name = from_stdin ? "stdin" : o.batch;

    Index index = open_index(o);  // once, for every query
    std::vector<ShardDown> warned = index.down;
    warn_partial(warned, index.parts, err);
    Options q = o;
    q.batch.clear();
    std::vector<long long> micros;
    size_t failed = 0;
    int code = kExitOk;
    auto started = std::chrono::steady_clock::now();
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
        std::string text = trim_ascii(line);
        if (text.empty()) continue;
        std::replace(text.begin(), text.end(), '\t', ' ');
        q.words = {text};
        auto t0 = std::chrono::steady_clock::now();
        try {
            Results r = search(q, index);
            auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
                          .count();
            if (index.down.size() != warned.size()) {  // a shard failed meanwhile: opened again without it
                warned = index.down;
                warn_partial(warned, index.parts, err);
            }
            micros.push_back(us);
            fmt::print(out, "{}\t{}\t{}\n", text, r.total, us);
        } catch (const Error& e) {
            ++failed;
            code = std::max(code, e.exit_code());
            fmt::print(out, "{}\terror\t-\n", text);
            fmt::print(err, "news-search: error: {}:{}: {}\n", name, n, e.what());
        }
    }
    double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::sort(micros.begin(), micros.end());
    fmt::print(err, "news-search: {} queries{}: median {} µs, p99 {} µs, max {} µs; {:.2f} s in all\n",
               micros.size() + failed, failed ? fmt::format(" ({} failed)", failed) : "", median(micros),
               percentile(micros, 99), micros.empty() ? 0 : micros.back(), total_s);
    return code;
}

}  // namespace news::searcher
