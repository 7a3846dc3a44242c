// The live progress line of news-index on a terminal (stderr a tty, and
// not --quiet; never when piped): files done of the total, bytes read of a
// JSON Lines file, documents written, and an estimate of the time left,
// redrawn at most five times a second, cut to the terminal's width.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace news::indexer {

class Progress {
public:
    explicit Progress(bool enabled);  // shown only when enabled and stderr is a terminal
    ~Progress() { clear(); }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // The run's paths, before the walk: the article files under them and
    // their bytes are counted (only when shown), for the totals and the
    // estimate; the clock starts.
    void expect(const std::vector<std::string>& paths);
    // A file is read (or found unchanged: counted as done at once); size: its bytes.
    void begin_file(uint64_t size);
    void unchanged_file(uint64_t size);
    // Inside a JSON Lines file: `done` bytes of its `size` read.
    void reading(const std::string& path, uint64_t done, uint64_t size);
    // files: done so far (ReadStats::files); docs: documents written.
    void update(size_t files, size_t docs);
    // A step without counts ("compacting the index").
    void status(std::string_view what);
    void clear();

private:
    bool due();
    std::string estimate(double elapsed) const;
    void draw(const std::string& line);

    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_, last_;
    size_t total_files_ = 0, files_ = 0, docs_ = 0;
    uint64_t total_bytes_ = 0, done_bytes_ = 0, current_size_ = 0, current_done_ = 0;
    std::string reading_;  // the JSON Lines file being read ("" for none)
};

// "about 12 s left", "about 3 min left", "about 1 h 5 min left".
std::string time_left(double seconds);

}  // namespace news::indexer
