// The last step of a first build or --rebuild: the fresh index, built
// beside the database, is compacted and swapped in.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>

namespace news::indexer {

// A rebuild: a fresh index is built beside the database, compacted (about
// half the size, and faster to search) and swapped in atomically; searches
// meanwhile answer from the old one, and a failed rebuild leaves the old one
// in place.
class Rebuild {
public:
    // Holds the old database's lock.  first: a first build, of this many
    // shards asked for; until the swap the path holds a placeholder that
    // says so (news/first_build.hpp), there from before anything is built.
    Rebuild(const std::string& path, bool wait, std::optional<size_t> first);
    ~Rebuild();  // removes the fresh copy unless committed
    // Whether this is still a first build once the lock is held (another
    // news-index may have finished it while this one waited).
    bool first() const { return first_; }
    // Where the fresh index is built; swap_in() compacts it into place.
    const std::string& build_path() const { return build_; }
    // Compact (merge == true: a sharded build into one database), sync,
    // then exchange atomically.
    void swap_in(bool merge = false);

private:
    std::string path_, build_, fresh_;
    std::optional<Xapian::WritableDatabase> old_;
    bool done_ = false;
    bool first_ = false;
};

// An interrupted first build's placeholder at path: the shard count it was
// asked for (0: the default layout); nullopt for anything else.
std::optional<size_t> interrupted_first_build(const std::string& path);

// Removes what rebuilds of the database at path left beside it when they
// were killed (DB.rebuild-PID, DB.rebuild-PID.build); the caller holds the
// database's lock.  Returns whether one was killed before its swap (a
// .build folder was there).
bool remove_leftovers(const std::string& path);

}  // namespace news::indexer
