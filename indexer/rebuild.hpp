// The last step of a first build or --rebuild: the fresh index, built
// beside the database, is compacted and swapped in.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

namespace news::indexer {

// A rebuild: a fresh index is built beside the database, compacted (about
// half the size, and faster to search) and swapped in atomically; searches
// meanwhile answer from the old one, and a failed rebuild leaves the old one
// in place.
class Rebuild {
public:
    explicit Rebuild(const std::string& path, bool wait);  // holds the old database's lock
    ~Rebuild();                                           // removes the fresh copy unless committed
    // Where the fresh index is built; swap_in() compacts it into place.
    const std::string& build_path() const { return build_; }
    // Compact (merge == true: a sharded build into one database), sync,
    // then exchange atomically.
    void swap_in(bool merge = false);

private:
    std::string path_, build_, fresh_;
    std::optional<Xapian::WritableDatabase> old_;
    bool done_ = false;
};

}  // namespace news::indexer
