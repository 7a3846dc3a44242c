#include "pipeline.hpp"

#include <utility>

namespace news::indexer {
namespace {
constexpr size_t kMaxInFlight = 512;  // articles queued or analysed but not yet written
}

AnalysePipeline::AnalysePipeline(const Catalogue& catalogue, std::function<std::string()> dictionary, int level,
                                 size_t unpacked, Sink sink)
    : catalogue_(catalogue), dictionary_source_(std::move(dictionary)), level_(level), unpacked_(unpacked),
      sink_(std::move(sink)), worker_([this] { work(); }) {}

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
        std::optional<std::string> dictionary;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !waiting_.empty(); });
            if (waiting_.empty()) return;
            a = std::move(waiting_.front());
            waiting_.pop_front();
            if (dictionary_) dictionary = std::exchange(dictionary_, std::nullopt);
        }
        Done d{std::move(a), {}};
        try {
            if (!analyser_) analyser_.emplace(catalogue_, "", level_);
            if (dictionary) analyser_->set_dictionary(*dictionary);
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
    std::optional<std::string> dictionary;
    if (!dictionary_loaded_ && ++pushed_ > unpacked_) {
        dictionary = dictionary_source_();  // (outside the lock: it reads the index)
        dictionary_loaded_ = true;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (dictionary) dictionary_ = std::move(dictionary);
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
