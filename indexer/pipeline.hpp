// The analyse stage on a second thread.  The main thread reads and writes
// (every database access stays on one thread: Xapian objects are not
// thread-safe); a worker turns articles into documents meanwhile.  Results
// come back in the order the articles went in.
#pragma once

#include "analyse.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace news::indexer {

class AnalysePipeline {
public:
    using Sink = std::function<void(Article&&, std::vector<IndexDoc>&&)>;

    // dictionary: gives the index's document dictionary ("" for none), asked
    // for (on this thread) when article unpacked + 1 is pushed: the first
    // `unpacked` articles are packed without it (an update that adds an
    // article or two neither reads it, 1 ms, nor builds its tables), and a
    // run with nothing to analyse never reads it.  level: DocCodec's.
    AnalysePipeline(const Catalogue& catalogue, std::function<std::string()> dictionary, int level,
                    size_t unpacked, Sink sink);
    ~AnalysePipeline();

    // Queue an article; hands finished ones to the sink (on this thread).
    void push(Article&& article);
    // Wait until every queued article has gone to the sink.
    void drain();
    // The spelling words of every document analysed (counted on the worker,
    // off the writer's thread); read after drain().
    const SpellingCounts& spelling() const { return spelling_; }

private:
    struct Done {
        Article article;
        std::vector<IndexDoc> docs;
    };
    void work();
    void deliver(bool wait_for_all);

    const Catalogue& catalogue_;
    std::function<std::string()> dictionary_source_;
    bool dictionary_loaded_ = false;         // (the pushing thread's)
    size_t pushed_ = 0;                      // (the pushing thread's)
    std::optional<std::string> dictionary_;  // for the worker, until it takes it
    const int level_;
    const size_t unpacked_;
    std::optional<Analyser> analyser_;  // made on the worker, for the first article (a run with
                                        // nothing new to read never builds the entity matcher)
    SpellingCounts spelling_;  // the worker's until drain()
    Sink sink_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Article> waiting_;
    std::deque<Done> done_;
    size_t in_flight_ = 0;  // pushed, not yet delivered
    bool stop_ = false;
    std::exception_ptr error_;
    std::thread worker_;
};

}  // namespace news::indexer
