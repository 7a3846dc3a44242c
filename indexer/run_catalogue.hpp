// The entity catalogue of a run: the built-in one and the user's entries,
// read from the --entities files, or else from the copy the index keeps
// (kMetaUserEntities): an index follows the catalogue it was last given,
// not a path to it.  `--entities none` (or an empty file) leaves the user's
// entries out.  doc/entities.md, "How an index keeps it".
#pragma once

#include "news/entities.hpp"

#include <string>
#include <vector>

namespace news::indexer {

// --entities none: no user entries.
inline constexpr std::string_view kNoEntities = "none";

struct RunCatalogue {
    Catalogue catalogue;  // the built-in catalogue and the user's entries
    std::string user;     // the user's entries as the index keeps them (kMetaUserEntities): each
                          // file's text after a "# --entities FILE" line
};

// The catalogue of a run over the index at db: with the files given (a
// catalogue error names FILE:LINE; exit 2), else with the entries the index
// keeps (if it exists).  Throws news::Error.
RunCatalogue load_catalogue(const std::vector<std::string>& files, const std::string& db);

// The --entities files whose entries these are (RunCatalogue::user, as the
// index keeps them), in order, named as they were given (--stats).
std::vector<std::string> catalogue_files(const std::string& user_entries);

}  // namespace news::indexer
