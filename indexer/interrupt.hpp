// Ctrl-C and kill (SIGINT, SIGTERM) during a run: the run stops at the next
// article or step, discards a fresh build's files, and news-index exits
// with 128 + the signal's number (130, 143), saying that the next run
// finishes the job.  A second signal ends the process at once.
//
// Nothing depends on this for correctness: a run killed outright (SIGKILL,
// a crash, a power cut) leaves an index that the next run completes
// (store.hpp's commit order, news/first_build.hpp's placeholder); this only
// stops sooner and tidier.
#pragma once

#include "news/error.hpp"

#include <string>

namespace news::indexer {

// What stops the run: an Error whose exit code is 128 + the signal's.
class Interrupted : public Error {
public:
    explicit Interrupted(int signal);
};

// Catch SIGINT and SIGTERM from now on.
void catch_interrupts();
// Throws Interrupted once a signal was caught.
void check_interrupted();

}  // namespace news::indexer
