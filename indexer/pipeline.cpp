#include "pipeline.hpp"

namespace news::indexer {
namespace {
constexpr size_t kMaxInFlight = 512;  // articles queued or analysed but not yet written
}

AnalysePipeline::AnalysePipeline(const Catalogue& catalogue, std::string dictionary, Sink sink)
    : catalogue_(catalogue), dictionary_(std::move(dictionary)), sink_(std::move(sink)), worker_([this] { work(); }) {}

AnalysePipeline::~AnalysePipeline() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
}

void AnalysePipeline::work() {
    for (;;) {
        Article a;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !waiting_.empty(); });
            if (waiting_.empty()) return;
            a = std::move(waiting_.front());
            waiting_.pop_front();
        }
        Done d{std::move(a), {}};
        try {
            if (!analyser_) analyser_.emplace(catalogue_, dictionary_);
            d.docs = analyser_->analyse(d.article);
            for (const IndexDoc& doc : d.docs) count_spelling(doc.doc, spelling_);
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!error_) error_ = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_.push_back(std::move(d));
        }
        cv_.notify_all();
    }
}

void AnalysePipeline::push(Article&& article) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        waiting_.push_back(std::move(article));
        ++in_flight_;
    }
    cv_.notify_all();
    deliver(false);
}

void AnalysePipeline::drain() { deliver(true); }

// Hand finished articles to the sink: those ready now, and when the queue is
// full (or all are wanted) wait for more.
void AnalysePipeline::deliver(bool wait_for_all) {
    for (;;) {
        Done d;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            if (error_) std::rethrow_exception(error_);
            bool must_wait = wait_for_all ? in_flight_ > 0 : in_flight_ >= kMaxInFlight;
            if (done_.empty() && !must_wait) return;
            cv_.wait(lock, [&] { return !done_.empty() || error_; });
            if (error_) std::rethrow_exception(error_);
            d = std::move(done_.front());
            done_.pop_front();
            --in_flight_;
        }
        sink_(std::move(d.article), std::move(d.docs));
    }
}

}  // namespace news::indexer
