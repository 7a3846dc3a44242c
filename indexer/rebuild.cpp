#include "rebuild.hpp"

#include "interrupt.hpp"
#include "store.hpp"

#include "news/error.hpp"
#include "news/first_build.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"
#include "news/stored.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace news::indexer {

namespace {

// A first build's placeholder at path (news/first_build.hpp), locked: made
// whole beside it (at temp) and moved there, so that a search, or a run
// killed meanwhile, never meets a half-made database at path.  If there is
// one already, it is opened (locked by another news-index: that says so,
// or waits); that one may have finished the index meanwhile, which is then
// left as it is.
Xapian::WritableDatabase placeholder(const std::string& path, const std::string& temp, const StoreOptions& o,
                                     size_t shards) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        fs::remove_all(temp, ec);
        Xapian::WritableDatabase db = open_writable(temp, o);
        db.set_metadata(std::string(kMetaBuilding), std::to_string(shards));
        db.commit();
        if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) return db;
        db.close();  // (the lock goes with it)
        fs::remove_all(temp, ec);
    }
    Xapian::WritableDatabase db = open_writable(path, o);
    if (is_first_build(db) && db.get_metadata(std::string(kMetaBuilding)) != std::to_string(shards)) {
        db.set_metadata(std::string(kMetaBuilding), std::to_string(shards));
        db.commit();
    }
    return db;
}

}  // namespace

Rebuild::Rebuild(const std::string& path, bool wait, std::optional<size_t> first) : path_(path) {
    fresh_ = path + ".rebuild-" + std::to_string(getpid());
    build_ = fresh_ + ".build";
    // The database stays locked: no other writer while we rebuild, and
    // searches meanwhile find the old index, or the placeholder that says
    // the first build runs.
    StoreOptions o;
    o.wait = wait;
    if (first) old_.emplace(placeholder(path, fresh_ + ".new", o, *first));
    else old_.emplace(open_writable(is_sharded_folder(path) ? part_path(path, kMetaPart) : path, o));
    first_ = first && is_first_build(*old_);
    remove_leftovers(path);
}

std::optional<size_t> interrupted_first_build(const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec) || is_sharded_folder(path)) return std::nullopt;
    try {
        Xapian::Database db(path);
        if (!is_first_build(db)) return std::nullopt;
        return std::strtoul(db.get_metadata(std::string(kMetaBuilding)).c_str(), nullptr, 10);
    } catch (const Xapian::Error&) {
        return std::nullopt;  // not a database: opening it for the run says so
    }
}

bool remove_leftovers(const std::string& path) {
    fs::path p(path);
    const std::string stale = p.filename().string() + ".rebuild-";
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    std::vector<fs::path> found;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind(stale, 0) == 0) found.push_back(it->path());
    bool killed = false;
    for (const auto& f : found) {
        killed = killed || f.extension() == ".build";
        fs::remove_all(f, ec);
    }
    return killed;
}

Rebuild::~Rebuild() {
    std::error_code ec;
    fs::remove_all(build_, ec);
    if (!done_) fs::remove_all(fresh_, ec);
}

namespace {

void sync_tree(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) throw Error(dir + ": cannot open to sync: " + std::strerror(errno));
    int rc = ::syncfs(fd);
    ::close(fd);
    if (rc != 0) throw Error(dir + ": sync failed: " + std::strerror(errno));
}

// Compact each part of the fresh index (one database, or a sharded folder's
// meta and shards, in parallel), or merge a sharded folder into one database.
void compact_parts(const std::string& from, const std::string& to, bool merge) {
    std::vector<std::string> parts;
    if (is_sharded_folder(from) && !merge) {
        fs::create_directories(to);
        fs::copy_file(part_path(from, kStubFile), part_path(to, kStubFile));
        for (const Part& p : read_stub(part_path(from, kStubFile)))
            parts.push_back(fs::path(p.path).filename().string());
    } else {
        parts.push_back("");
    }
    std::mutex m;
    std::string failed;
    size_t next = 0;
    auto work = [&] {
        for (;;) {
            std::string part;
            {
                std::lock_guard<std::mutex> lock(m);
                if (next == parts.size() || !failed.empty()) return;
                part = parts[next++];
            }
            std::string src = part.empty() ? from : part_path(from, part), dst = part.empty() ? to : part_path(to, part);
            try {
                // FULL, as xapian-compact does: about 10 % faster searches than STANDARD.
                Xapian::Database(src).compact(dst, Xapian::Compactor::FULL);
                // The document dictionary beside the tables too, for news-search to map.
                write_dictionary_file(part_path(dst, kDocDictFile),
                                      Xapian::Database(dst).get_metadata(std::string(kMetaDocDict)));
            } catch (const Xapian::Error& e) {
                std::lock_guard<std::mutex> lock(m);
                failed = dst + ": compacting the rebuilt index failed: " + e.get_description();
            } catch (const Error& e) {
                std::lock_guard<std::mutex> lock(m);
                failed = e.what();
            }
        }
    };
    size_t n = std::min<size_t>(parts.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (size_t i = 1; i < n; ++i) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    if (!failed.empty()) throw Error(failed);
}

}  // namespace

void Rebuild::swap_in(bool merge) {
    check_interrupted();
    compact_parts(build_, fresh_, merge);
    std::error_code ec;
    fs::remove_all(build_, ec);
    sync_tree(fresh_);
    check_interrupted();  // (after the swap, the run is done)
    if (old_) {
        // Exchange the two atomically: a search opening the path sees the old
        // index or the new one, never none; one already open keeps the old files.
        if (::renameat2(AT_FDCWD, fresh_.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) != 0) {
            if (errno != EINVAL && errno != ENOSYS)
                throw Error(path_ + ": cannot swap in the rebuilt index: " + std::strerror(errno));
            // No atomic exchange on this file system: move aside, then in.
            std::string aside = path_ + ".old-" + std::to_string(getpid());
            fs::rename(path_, aside);
            fs::rename(fresh_, path_);
            fs::rename(aside, fresh_);
        }
        old_->close();
        old_.reset();
    } else {
        fs::rename(fresh_, path_);
    }
    done_ = true;
    fs::remove_all(fresh_, ec);  // the old index, now under the fresh name
}

}  // namespace news::indexer
