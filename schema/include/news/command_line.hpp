// The step both tools' command lines end with: parse argv with their CLI11
// app and say whether the program stops there.  Included only by each tool's
// options.cpp: CLI11 is a heavy header (every file that includes it compiles
// its parser, 40 s under the sanitizers).
#pragma once

#include "news/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <xapian.h>

#include <optional>

namespace news {

// --version: "PROGRAM VERSION (Xapian X.Y.Z)", with the Xapian library the
// program runs with (NEWS_VERSION is the project's, from CMakeLists.txt).
inline void add_version_flag(CLI::App& app) {
    app.set_version_flag(
        "--version",
        [&app] { return app.get_name() + " " + NEWS_VERSION + " (Xapian " + Xapian::version_string() + ")"; },
        "print the version (and the Xapian library's) and exit");
}

// The exit status when the program should stop: 0 after printing --help or
// --version, kExitUsage after reporting a usage error on stderr ("PROGRAM:
// error: ...", PROGRAM being the app's name); nothing when it should go on.
inline std::optional<int> parse_or_stop(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {  // --help, --version
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        fmt::print(stderr, "{}: error: {}\nRun with --help for usage.\n", app.get_name(), e.what());
        return kExitUsage;
    }
    return std::nullopt;
}

}  // namespace news
