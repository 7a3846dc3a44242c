// Stage 4 of the indexer (read → segment → analyse → write): put documents
// into the Xapian database, with the metadata news-search relies on (schema
// version, the entity catalogue, alias synonyms, spelling data), committing
// in batches.
#pragma once

#include "analyse.hpp"

#include "news/entities.hpp"

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news::indexer {

struct WriteStats {
    size_t articles = 0;
    size_t posts = 0;
    size_t undated_articles = 0;
    size_t dated_articles = 0;
};

class Writer {
public:
    // Opens (creating if need be) the database at path.  Throws news::Error.
    Writer(const std::string& path, const Catalogue& catalogue);
    // Replaces whatever the database held for this article (and its posts).
    void add(std::vector<IndexDoc>&& docs);
    // Spelling data and metadata, then the final commit.
    void finish();

    const WriteStats& stats() const { return stats_; }

private:
    void note_spelling(const Xapian::Document& doc);

    std::string path_;
    Xapian::WritableDatabase db_;
    bool was_empty_;
    size_t since_commit_ = 0;
    WriteStats stats_;
    std::unordered_map<std::string, Xapian::termcount> spelling_;
    std::unordered_set<std::string> seen_;  // article ids added in this run
};

}  // namespace news::indexer
