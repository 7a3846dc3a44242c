// One run of news-index over its paths (read → segment → analyse → write),
// as an object whose steps are named, as notmuch-new.c keeps a walk's state
// in one struct passed to named functions: walk() the paths, remove_gone()
// what they no longer hold, reread_claimed() the files holding an id whose
// document went, warn_replaced() of ids another file had, then finish().
#pragma once

#include "options.hpp"
#include "pipeline.hpp"
#include "progress.hpp"
#include "read.hpp"
#include "report.hpp"
#include "retag.hpp"
#include "store.hpp"
#include "write.hpp"

#include "news/entities.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace news::indexer {

// What a run read and wrote, for its summary line.
struct RunStats {
    ReadStats read;
    WriteStats write;
};

class IndexRun final : public ReadSink {
public:
    // Opens the index at db (Store::open()); nothing is read yet.
    IndexRun(const std::string& db, const Options& options, const Catalogue& catalogue, StoreOptions store_options);
    // Read, segment, analyse and write everything under the paths.
    RunStats run();

    // The walk (ReadSink), each step handed to the writer.
    bool unchanged(const FileInfo& file) override;
    uint64_t recorded_size(const std::string& key) override { return writer_.recorded_size(key); }
    ReadFrom file_begin(const FileInfo& file) override;
    void reading(const FileInfo& file, uint64_t done) override { progress_.reading(file.path, done, file.size); }
    bool known_record(const std::string& digest, size_t line) override;
    void article(Article&& article) override;
    void file_done(const FileInfo& file) override;
    void unreadable(const std::string& key) override { writer_.keep(key); }
    void diagnostic(const Diagnostic& d) override;

private:
    class Reread;
    void walk();
    void remove_gone();
    void reread_claimed();
    void warn_replaced();
    void stamp();

    const Options& options_;
    std::unique_ptr<Store> store_;
    Writer writer_;
    Progress progress_;
    ReadStats read_stats_;
    size_t docs_ = 0;
    AnalysePipeline analyse_;
    Retag retag_;
};

}  // namespace news::indexer
