// What a first build leaves at the index's path until it is done, which
// both tools must recognise.
//
// A first build (news-index with no index at --db) makes an empty database
// there, locks it, records kMetaBuilding in it, builds the index beside it
// (DB.rebuild-PID.build), compacts it and swaps it in whole.  Until then the
// path holds that placeholder: locked while news-index runs, unlocked once
// it was interrupted (Ctrl-C, kill, a crash).  news-search says so instead
// of "no results", and the next news-index builds the index again.  An
// empty database without the schema version (kMetaSchemaVersion) is taken
// for one too: an older news-index left that when interrupted.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace news {

// Whether db (one local database) is a first build's placeholder.
bool is_first_build(const Xapian::Database& db);

// What both tools say of the placeholder at where: that the index is being
// built (db is locked: news-index is running) or that its first build did
// not finish (run news-index to finish it); nullopt when db is no placeholder.
std::optional<std::string> first_build_message(const Xapian::Database& db, std::string_view where);

}  // namespace news
