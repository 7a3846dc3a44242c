#include "news/first_build.hpp"

#include "news/schema.hpp"

namespace news {

bool is_first_build(const Xapian::Database& db) {
    return db.get_doccount() == 0 && (!db.get_metadata(std::string(kMetaBuilding)).empty() ||
                                      db.get_metadata(std::string(kMetaSchemaVersion)).empty());
}

std::optional<std::string> first_build_message(const Xapian::Database& db, std::string_view where) {
    if (!is_first_build(db)) return std::nullopt;
    if (db.locked())
        return std::string(where) + ": the index is being built (news-index is running); try again when it finishes";
    return std::string(where) + ": the index's first build did not finish (news-index was interrupted); run "
                                "news-index to finish it";
}

}  // namespace news
