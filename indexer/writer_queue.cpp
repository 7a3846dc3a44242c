#include "writer_queue.hpp"

namespace news::indexer {
namespace {
constexpr size_t kMaxQueued = 256;  // tasks waiting: bounds the memory held by the queue
}

WriterQueue::WriterQueue(Xapian::WritableDatabase db) : db_(std::move(db)), worker_([this] { work(); }) {}

WriterQueue::WriterQueue(Xapian::WritableDatabase db, NextSlice next, size_t slice_docs)
    : db_(std::move(db)), next_(std::move(next)), slice_docs_(slice_docs), worker_([this] { work(); }) {}

WriterQueue::~WriterQueue() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
}

void WriterQueue::push(Task&& task) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return tasks_.size() < kMaxQueued || error_; });
    if (error_) std::rethrow_exception(error_);
    tasks_.push_back(std::move(task));
    lock.unlock();
    cv_.notify_all();
}

void WriterQueue::add(Xapian::Document&& doc) { push(Task{Task::Add, std::move(doc), {}}); }
void WriterQueue::remove(std::string unique_term) { push(Task{Task::Remove, {}, std::move(unique_term)}); }
void WriterQueue::commit() { push(Task{Task::Commit, {}, {}}); }

void WriterQueue::wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return (tasks_.empty() && !busy_) || error_; });
    if (error_) std::rethrow_exception(error_);
}

std::vector<Xapian::WritableDatabase> WriterQueue::slices() {
    wait();
    std::vector<Xapian::WritableDatabase> all = full_;
    all.push_back(db_);
    return all;
}

void WriterQueue::work() {
    for (;;) {
        Task task;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !tasks_.empty(); });
            if (tasks_.empty()) return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
            busy_ = true;
        }
        cv_.notify_all();  // room in the queue
        try {
            if (!error_) {
                switch (task.op) {
                    case Task::Add:
                        if (next_ && slice_docs_ > 0 && docs_ >= slice_docs_) {
                            db_.commit();
                            full_.push_back(db_);
                            db_ = next_(full_.size());
                            docs_ = 0;
                        }
                        db_.add_document(task.doc);
                        ++docs_;
                        break;
                    case Task::Remove:
                        for (auto& slice : full_) slice.delete_document(task.term);
                        db_.delete_document(task.term);
                        break;
                    case Task::Commit:
                        for (auto& slice : full_) slice.commit();  // nothing to do unless removed from
                        db_.commit();
                        break;
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex_);
            error_ = std::current_exception();
        }
        task.doc = Xapian::Document();  // released on this thread
        {
            std::lock_guard<std::mutex> lock(mutex_);
            busy_ = false;
        }
        cv_.notify_all();
    }
}

}  // namespace news::indexer
