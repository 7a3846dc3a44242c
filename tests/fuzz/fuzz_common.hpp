// Shared by the libFuzzer targets (tests/fuzz/fuzz_*.cpp): a check that
// turns a broken invariant into a crash libFuzzer reports, and the one
// policy for exceptions: news::Error is an expected answer to bad input,
// anything else escaping the code under test is a bug.
#pragma once

#include "news/error.hpp"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

namespace news::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz: invariant broken: %s", what);
    if (!detail.empty()) std::fprintf(stderr, " [%.*s]", static_cast<int>(detail.size()), detail.data());
    std::fprintf(stderr, "\n");
    std::abort();
}

// NEWS_FUZZ_STRICT=1: known (reported, not yet fixed) bugs are crashes again.
inline bool strict() {
    static const bool on = [] {
        const char* v = std::getenv("NEWS_FUZZ_STRICT");
        return v && *v && std::string_view(v) != "0";
    }();
    return on;
}

inline void require(bool ok, const char* what, std::string_view detail = {}) {
    if (!ok) fail(what, detail);
}

// Runs f; news::Error is fine (bad input said so), any other exception aborts
// with its message so that libFuzzer keeps the input as a crash.
template <class F>
void expect_no_surprise(const char* stage, F&& f) {
    try {
        f();
    } catch (const news::Error&) {
        // An expected, documented answer to bad input.
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "fuzz: %s: unexpected Xapian::Error: %s\n", stage, e.get_description().c_str());
        std::abort();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz: %s: unexpected exception: %s\n", stage, e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "fuzz: %s: unexpected exception of unknown type\n", stage);
        std::abort();
    }
}

}  // namespace news::fuzz
