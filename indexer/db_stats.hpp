// news-index --stats: what an index holds.  By default a summary: its
// documents by type, dated and undated, their dates, its size on disk, its
// last update, its layout, the entity catalogue it keeps and the entities
// named most; with --list, every article (id, date, source, entities) and
// its posts.
#pragma once

#include <string>

namespace news::indexer {

// Prints to stdout.  Throws news::Error: no index at db, or a first build
// running or interrupted (news/first_build.hpp).
void print_db_stats(const std::string& db, bool list);

}  // namespace news::indexer
