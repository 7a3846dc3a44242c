// The one error type of the project.  Pure code returns errors as values; the
// code that knows the file (and line) throws news::Error with a message of the
// form "path:line: what; what to do", and main() catches it once.
#pragma once

#include <stdexcept>
#include <string>

namespace news {

// Exit codes of both tools (documented in the README).
enum ExitCode : int {
    kExitOk = 0,       // everything done
    kExitFailure = 1,  // something failed (missing index, a file skipped for an error, ...)
    kExitUsage = 2,    // bad usage or bad input (options, query, dates, catalogue)
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, int exit_code = kExitFailure)
        : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const { return exit_code_; }

private:
    int exit_code_;
};

// Bad input or usage: exit code 2.
inline Error usage_error(const std::string& message) { return Error(message, kExitUsage); }

}  // namespace news
