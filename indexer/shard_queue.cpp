#include "shard_queue.hpp"

namespace news::indexer {
namespace {
constexpr size_t kMaxQueued = 256;  // tasks waiting: bounds the memory held by the queue
}

ShardQueue::ShardQueue(Xapian::WritableDatabase db) : db_(std::move(db)), worker_([this] { work(); }) {}

ShardQueue::~ShardQueue() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
}

void ShardQueue::push(Task&& task) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return tasks_.size() < kMaxQueued || error_; });
    if (error_) std::rethrow_exception(error_);
    tasks_.push_back(std::move(task));
    lock.unlock();
    cv_.notify_all();
}

void ShardQueue::add(Xapian::Document&& doc) { push(Task{Task::Add, std::move(doc), {}}); }
void ShardQueue::remove(std::string unique_term) { push(Task{Task::Remove, {}, std::move(unique_term)}); }
void ShardQueue::commit() { push(Task{Task::Commit, {}, {}}); }

void ShardQueue::wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return (tasks_.empty() && !busy_) || error_; });
    if (error_) std::rethrow_exception(error_);
}

void ShardQueue::work() {
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
                    case Task::Add: db_.add_document(task.doc); break;
                    case Task::Remove: db_.delete_document(task.term); break;
                    case Task::Commit: db_.commit(); break;
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
