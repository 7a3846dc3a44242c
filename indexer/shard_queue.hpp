// Part of the write stage: one database's writes, on a thread of its own.
// A fresh sharded build (news-index --shards N, and a first build or
// --rebuild, which build shards in parallel and merge them) gives each shard
// one, so that several Xapian writers run at once; Xapian objects are not
// shared between threads: each queue's thread alone touches its database
// until wait() returns.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace news::indexer {

class ShardQueue {
public:
    // A function that opens the next segment (see below).
    using NextSegment = std::function<Xapian::WritableDatabase(size_t segment)>;

    explicit ShardQueue(Xapian::WritableDatabase db);
    // Rolling: once segment_docs documents are in the database, it is
    // committed and documents go to a new one, next(1), then next(2), ...
    // (a fresh build that is merged when compacted: Xapian writes a small
    // database much faster than a large one, and compacting merges them in
    // one pass).  Every segment stays open: remove() deletes from them all.
    ShardQueue(Xapian::WritableDatabase db, NextSegment next, size_t segment_docs);
    ~ShardQueue();  // finishes what is queued (without committing it)
    ShardQueue(const ShardQueue&) = delete;
    ShardQueue& operator=(const ShardQueue&) = delete;

    void add(Xapian::Document&& doc);
    void remove(std::string unique_term);
    void commit();
    // Wait until everything queued is done; rethrows the writer's error.
    // After it the database may be read on the calling thread until the
    // next call that queues.
    void wait();
    // The segments written so far, in order (after wait()); one without rolling.
    std::vector<Xapian::WritableDatabase> segments();

private:
    struct Task {
        enum Op { Add, Remove, Commit } op;
        Xapian::Document doc;
        std::string term;
    };
    void push(Task&& task);
    void work();

    Xapian::WritableDatabase db_;               // the segment being written
    std::vector<Xapian::WritableDatabase> full_;  // the segments before it
    NextSegment next_;
    size_t segment_docs_ = 0, docs_ = 0;  // documents a segment takes; in db_
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Task> tasks_;
    bool busy_ = false;  // the worker holds a task
    bool stop_ = false;
    std::exception_ptr error_;
    std::thread worker_;
};

}  // namespace news::indexer
