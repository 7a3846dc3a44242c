// What a document stores for display (Xapian document data): everything
// news-search prints for a hit without reopening corpus files.  Encoded as
// one JSON object; the field names below are the keys.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace news {

struct StoredDoc {
    std::string id;                     // "000_94794d201c4013cb" or "000_94794d201c4013cb#3"
    std::string type;                   // kTypeArticle or kTypePost
    std::string title;                  // article title; for a post, its article's title
    std::optional<std::string> date;    // "YYYY-MM-DD", or none (undated)
    std::string source;                 // path of the file, as given to news-index (+ ":line" for JSONL)
    std::string article;                // the article's id (its own id for an article)
    std::string author;                 // post: "@handle"
    std::string author_name;            // post: display name
    std::string publication;            // JSONL "source" (e.g. "Reuters")
    std::string url;                    // JSONL "url"
    std::vector<std::string> entities;  // canonical entity names, in order of first mention
    std::string text;                   // the text snippets are cut from (title excluded)
};

std::string encode(const StoredDoc& doc);
// Throws news::Error for data that is not a stored document.
StoredDoc decode_stored(const std::string& data);

}  // namespace news
