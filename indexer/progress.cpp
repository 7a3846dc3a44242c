#include "progress.hpp"

#include "read.hpp"

#include <fmt/core.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace news::indexer {
namespace {

constexpr auto kRedraw = std::chrono::milliseconds(200);
// Before this much time and work the rate says little: no estimate yet.
constexpr double kEstimateAfterSeconds = 1.0, kEstimateAfterFraction = 0.005;

// The article files under the paths and their bytes, as the walk will
// read them (hidden folders skipped; links to folders not followed here,
// so a total may come out low: the line then counts what was read).
void count_input(const std::vector<std::string>& paths, size_t& files, uint64_t& bytes) {
    auto add = [&](const fs::path& p) {
        if (!is_article_file(p.filename().string())) return;
        ++files;
        std::error_code ec;
        const auto size = fs::file_size(p, ec);
        if (!ec) bytes += size;
    };
    std::error_code ec;
    for (const auto& path : paths) {
        if (!fs::is_directory(path, ec)) {
            add(path);
            continue;
        }
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (it->is_directory(ec)) {
                if (!name.empty() && name.front() == '.') it.disable_recursion_pending();
            } else if (it->is_regular_file(ec)) {
                add(it->path());
            }
        }
        ec.clear();
    }
}

int terminal_width() {
    struct winsize w {};
    return ::ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0 ? w.ws_col : 80;
}

// s cut to `columns` bytes, not inside a UTF-8 sequence (the line is mostly
// ASCII: a file name may not be).
std::string fit(std::string s, size_t columns) {
    if (s.size() <= columns) return s;
    size_t cut = columns;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
    return s;
}

std::string megabytes(uint64_t bytes) { return fmt::format("{:.1f}", static_cast<double>(bytes) / 1e6); }

}  // namespace

std::string time_left(double seconds) {
    const long s = std::max(1L, static_cast<long>(seconds + 0.5));
    if (s < 60) return fmt::format("about {} s left", s);
    if (s < 3600) return fmt::format("about {} min left", (s + 30) / 60);
    return fmt::format("about {} h {} min left", s / 3600, s % 3600 / 60);
}

Progress::Progress(bool enabled)
    : enabled_(enabled && isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()), last_(start_ - kRedraw) {}

void Progress::expect(const std::vector<std::string>& paths) {
    if (!enabled_) return;
    count_input(paths, total_files_, total_bytes_);
    start_ = std::chrono::steady_clock::now();
}

void Progress::begin_file(uint64_t size) {
    done_bytes_ += current_size_;  // the file before is done
    current_size_ = size;
    current_done_ = 0;
    reading_.clear();
}

void Progress::unchanged_file(uint64_t size) { done_bytes_ += size; }

void Progress::reading(const std::string& path, uint64_t done, uint64_t size) {
    if (!enabled_) return;
    current_done_ = std::min(done, size);
    if (reading_.empty()) reading_ = fs::path(path).filename().string();
    update(files_, docs_);
}

bool Progress::due() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < kRedraw) return false;
    last_ = now;
    return true;
}

void Progress::update(size_t files, size_t docs) {
    files_ = files;
    docs_ = docs;
    if (!enabled_ || !due()) return;
    const double elapsed = std::chrono::duration<double>(last_ - start_).count();
    std::string line = fmt::format("indexing: file {} of {}", files, std::max(files, total_files_));
    if (!reading_.empty())
        line += fmt::format(" ({}: {} of {} MB)", reading_, megabytes(current_done_), megabytes(current_size_));
    line += fmt::format(", {} documents", docs);
    if (elapsed > 0) line += fmt::format(", {:.0f}/s", static_cast<double>(docs) / elapsed);
    if (std::string left = estimate(elapsed); !left.empty()) line += ", " + left;
    draw(line);
}

std::string Progress::estimate(double elapsed) const {
    if (total_bytes_ == 0 || elapsed < kEstimateAfterSeconds) return "";
    const double done = static_cast<double>(std::min(done_bytes_ + current_done_, total_bytes_)),
                 fraction = done / static_cast<double>(total_bytes_);
    if (fraction < kEstimateAfterFraction) return "";
    return time_left(elapsed * (1 - fraction) / fraction);
}

void Progress::status(std::string_view what) {
    if (enabled_) draw(std::string(what) + "...");
}

void Progress::draw(const std::string& line) {
    fmt::print(stderr, "\r\x1b[K{}", fit(line, static_cast<size_t>(terminal_width() - 1)));
    std::fflush(stderr);
    shown_ = true;
}

void Progress::clear() {
    if (!shown_) return;
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
    shown_ = false;
}

}  // namespace news::indexer
