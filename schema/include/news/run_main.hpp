// Both tools' main() ends here: the work is run, and every error becomes one
// line on stderr ("PROGRAM: error: what") and the documented exit code
// (news/error.hpp), as ccache's main() hands over to ccache_main().
#pragma once

#include "news/error.hpp"

#include <fmt/core.h>
#include <xapian.h>

#include <exception>
#include <string>

namespace news {

// `context` goes before a Xapian error's description (the database the
// tool works on), which does not name it.
template <class Work>
int run_main(const char* program, const std::string& context, Work&& work) {
    try {
        return work();
    } catch (const Error& e) {
        fmt::print(stderr, "{}: error: {}\n", program, e.what());
        return e.exit_code();
    } catch (const Xapian::Error& e) {  // (not a std::exception)
        fmt::print(stderr, "{}: error: {}{}\n", program, context.empty() ? "" : context + ": ", e.get_description());
        return kExitFailure;
    } catch (const std::exception& e) {
        fmt::print(stderr, "{}: error: {}\n", program, e.what());
        return kExitFailure;
    }
}

}  // namespace news
