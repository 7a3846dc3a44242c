#include "index_run.hpp"

#include "interrupt.hpp"

#include "news/schema.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <unordered_set>

namespace news::indexer {
namespace {

// Articles an update packs without the index's dictionary before it reads it.
constexpr size_t kUnpackedArticles = 20;

StoreOptions with_listing(StoreOptions so) {  // (a copy: the run reads so after)
    if (so.dry_run)
        so.list = [](const std::string& what, const std::string& where) { fmt::print("{:<8} {}\n", what, where); };
    return so;
}

}  // namespace

IndexRun::IndexRun(const std::string& db, const Options& o, const Catalogue& catalogue, StoreOptions so)
    : options_(o),
      store_(Store::open(db, catalogue, with_listing(so))),
      writer_(*store_),
      progress_(!o.quiet),
      // A fresh build packs everything against its new dictionary; an update
      // its first articles on their own (see AnalysePipeline), then quickly.
      analyse_(catalogue, [this] { return store_->dictionary(); },
               so.overwrite ? DocCodec::kPackLevel : DocCodec::kQuickLevel, so.overwrite ? 0 : kUnpackedArticles,
               [this](Article&& a, std::vector<IndexDoc>&& analysed) {
                   docs_ += analysed.size();
                   writer_.add(a, std::move(analysed));
                   progress_.update(read_stats_.files, docs_);
               }),
      retag_(store_->meta(), catalogue, so.overwrite || store_->empty_at_start()) {}

RunStats IndexRun::run() {
    walk();
    remove_gone();
    reread_claimed();
    warn_replaced();
    const size_t retagged = retag_.run(*store_);  // (before finish(): the catalogue's copy goes last)
    stamp();
    writer_.finish(analyse_.spelling());
    progress_.clear();
    RunStats stats{read_stats_, writer_.stats()};
    stats.write.catalogue_changed = retag_.needed();
    stats.write.retagged = retagged;
    return stats;
}

void IndexRun::walk() {
    progress_.expect(options_.paths);
    read_paths(options_.paths, *this, read_stats_);
    analyse_.drain();
}

void IndexRun::remove_gone() {
    std::vector<std::string> roots;
    for (const auto& p : options_.paths) roots.push_back(path_key(p));
    writer_.remove_missing(roots);
}

bool IndexRun::unchanged(const FileInfo& file) {
    if (!writer_.unchanged(file)) return false;
    progress_.unchanged_file(file.size);
    return true;
}

ReadFrom IndexRun::file_begin(const FileInfo& file) {
    progress_.begin_file(file.size);
    return writer_.file_begin(file);
}

void IndexRun::article(Article&& a) {
    check_interrupted();
    Diagnostic warning;
    const bool repeated = writer_.duplicates().repeated(a, term(FieldId::Id, a.id), warning);
    if (repeated) diagnostic(warning);
    if (writer_.wanted(a, repeated)) analyse_.push(std::move(a));
}

bool IndexRun::known_record(const std::string& digest, size_t line) {
    const Writer::Known* known = writer_.known_record(digest);
    // An id an earlier article of this run had: read it, to replace that one and say so.
    if (!known || writer_.duplicates().met_before(std::string(field(FieldId::Id).prefix) + known->id)) return false;
    writer_.skip_record(*known, line);
    return true;
}

void IndexRun::file_done(const FileInfo& f) {
    check_interrupted();
    analyse_.drain();  // the file's articles are written before its record
    writer_.file_done(f);
}

void IndexRun::diagnostic(const Diagnostic& d) {
    progress_.clear();
    print_diagnostic(d);
}

// A file read again after the walk, whole: it holds an article whose id's
// document went with another file (or record), and its article takes the
// place (the last file read wins, as in the walk).
class IndexRun::Reread final : public ReadSink {
public:
    Reread(IndexRun& run, const Duplicates::Reread& file) : run_(run), file_(file) {}
    // Which articles took the place of one gone, and where they are.
    void report() {
        run_.progress_.clear();
        for (const auto& [id, d] : found_) print_diagnostic(d);
    }

    uint64_t recorded_size(const std::string& key) override { return run_.recorded_size(key); }
    ReadFrom file_begin(const FileInfo& f) override { return run_.writer_.file_begin(f); }
    bool known_record(const std::string& digest, size_t line) override {
        const Writer::Known* known = run_.writer_.known_record(digest);
        if (!known) return false;
        run_.writer_.skip_record(*known, line);
        return true;
    }
    void article(Article&& a) override {
        const std::string id = term(FieldId::Id, a.id).substr(field(FieldId::Id).prefix.size());
        const bool repeated = !seen_.insert(id).second;
        auto it = std::find(file_.ids.begin(), file_.ids.end(), id);
        if (it != file_.ids.end())
            found_[id] = Duplicates::took_place(a, file_.gone_from[it - file_.ids.begin()]);
        if (run_.writer_.wanted(a, repeated)) run_.analyse_.push(std::move(a));
    }
    void file_done(const FileInfo& f) override { run_.file_done(f); }
    void unreadable(const std::string& key) override { run_.unreadable(key); }
    void diagnostic(const Diagnostic& d) override { run_.diagnostic(d); }

private:
    IndexRun& run_;
    const Duplicates::Reread& file_;
    std::unordered_set<std::string> seen_;   // the ids met in the file (twice: the later wins, as in the walk)
    std::map<std::string, Diagnostic> found_;  // id -> where the article that takes the place is
};

void IndexRun::reread_claimed() {
    const std::vector<Duplicates::Reread> files = writer_.duplicates().take_rereads();
    if (files.empty()) return;
    ReadStats again;
    writer_.force_read(true);
    for (const auto& r : files) {
        Reread sink(*this, r);
        read_file(r.path, r.key, r.ids.front(), sink, again);
        sink.report();
    }
    writer_.force_read(false);
    analyse_.drain();
    read_stats_.skipped_error += again.skipped_error;
}

// What a run says of itself (--stats): when it ran.  (The files of its
// catalogue are in the user's entries it keeps: catalogue_files().)
void IndexRun::stamp() {
    char now[32];
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &utc));
    store_->set_metadata(std::string(kMetaUpdated), now);
}

// Articles of this run that replaced one another file holds (read in an earlier run).
void IndexRun::warn_replaced() {
    for (const auto& d : writer_.duplicates().take_replaced()) diagnostic(d);
}

}  // namespace news::indexer
