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

class WriterQueue {
public:
    // A function that opens the next slice (see below).
    using NextSlice = std::function<Xapian::WritableDatabase(size_t slice)>;

    explicit WriterQueue(Xapian::WritableDatabase db);
    // Rolling: once slice_docs documents are in the database, it is
    // committed and documents go to a new one, next(1), then next(2), ...
    // (a fresh build that is merged when compacted: Xapian writes a small
    // database much faster than a large one, and compacting merges them in
    // one pass).  Every slice stays open: remove() deletes from them all.
    WriterQueue(Xapian::WritableDatabase db, NextSlice next, size_t slice_docs);
    ~WriterQueue();  // finishes what is queued (without committing it)
    WriterQueue(const WriterQueue&) = delete;
    WriterQueue& operator=(const WriterQueue&) = delete;

    void add(Xapian::Document&& doc);
    void remove(std::string unique_term);
    void commit();
    // Wait until everything queued is done; rethrows the writer's error.
    // After it the database may be read on the calling thread until the
    // next call that queues.
    void wait();
    // The slices written so far, in order (after wait()); one without rolling.
    std::vector<Xapian::WritableDatabase> slices();

private:
    struct Task {
        enum Op { Add, Remove, Commit } op;
        Xapian::Document doc;
        std::string term;
    };
    void push(Task&& task);
    void work();

    Xapian::WritableDatabase db_;               // the slice being written
    std::vector<Xapian::WritableDatabase> full_;  // the slices before it
    NextSlice next_;
    size_t slice_docs_ = 0, docs_ = 0;  // documents a slice takes; in db_
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Task> tasks_;
    bool busy_ = false;  // the worker holds a task
    bool stop_ = false;
    std::exception_ptr error_;
    std::thread worker_;
};

}  // namespace news::indexer
