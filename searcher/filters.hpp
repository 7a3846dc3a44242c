// Part of the searcher's parse stage: the filters of the options and of the
// query's fields (--artist and artist:, --from/--to and date:).
#pragma once

#include "news/index_catalogue.hpp"

#include <xapian.h>

#include <string>
#include <vector>

namespace news::searcher {

// Filters from options; throws news::Error (exit code 2) on a bad value.
// A name the catalogue does not know, nor the JSON Lines codes, is a
// person the name tagger found, if the index has one of that name (a note
// into notes says so).
Xapian::Query entity_filter(IndexCatalogue& catalogue, const Xapian::Database& db, const std::string& name,
                            std::vector<std::string>* notes = nullptr);
// `what` names the source in messages ("date"); empty: --from and --to.
Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what = "");


}  // namespace news::searcher
