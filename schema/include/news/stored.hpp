// What a document stores for display (value slot Slot::Stored): everything
// news-search prints for a hit without reopening corpus files.  Encoded as
// one JSON object whose keys are kStoredFields' keys; packed by DocCodec
// (news/doc_codec.hpp).
//
// kStoredFields is the one list of the record's fields: encode(), both
// decoders and news-search's JSON hits loop over it, so a new field is a
// member of StoredDoc and a row of the table.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news {

struct StoredDoc {
    std::string id;                     // "000_94794d201c4013cb" or "000_94794d201c4013cb#3"
    std::string type;                   // kTypeArticle or kTypePost
    std::optional<std::string> date;    // "YYYY-MM-DD", or none (undated)
    std::string title;                  // article title; for a post, its article's title
    std::string location;               // the file it was read from, as given to news-index (+ ":line" for JSONL)
    std::string article;                // the article's id (its own id for an article)
    std::string platform;               // post: kPlatformX, kPlatformInstagram, ... (news/schema.hpp)
    std::string author;                 // post: "@handle"
    std::string author_name;            // post: display name
    std::string publication;            // JSONL "source" (e.g. "Reuters")
    std::string url;                    // JSONL "url"
    std::vector<std::string> entities;  // canonical entity names, in order of first mention
    std::vector<std::string> people;    // JSONL article: its `people` codes, as written (entities too: kept
    std::vector<std::string> orgs;      // so that a new catalogue re-tags it without the file), its `orgs`
    std::string text;                   // the text snippets are cut from (title excluded)
};

// One field of the record.  Exactly one of the member pointers is set,
// by its kind.
struct StoredField {
    enum class Kind { Text, Date, List };
    // Where news-search --json shows it in a hit: before the hit's rank and
    // score, after them, after them for a post only, or not at all.
    enum class InHit { Head, Body, PostBody, No };

    std::string_view key;  // in the record and in --json hits
    Kind kind;
    bool always;           // written even when empty (else left out of the record)
    InHit in_hit;
    std::string StoredDoc::*text = nullptr;
    std::optional<std::string> StoredDoc::*date = nullptr;
    std::vector<std::string> StoredDoc::*list = nullptr;
};

// The record's fields, in the order of news-search's JSON hits.  "source"
// is the key of StoredDoc::location (the JSON hits' name since version 1).
inline const StoredField kStoredFields[] = {
    {"id", StoredField::Kind::Text, true, StoredField::InHit::Head, &StoredDoc::id},
    {"type", StoredField::Kind::Text, true, StoredField::InHit::Head, &StoredDoc::type},
    {"date", StoredField::Kind::Date, true, StoredField::InHit::Body, nullptr, &StoredDoc::date},
    {"title", StoredField::Kind::Text, true, StoredField::InHit::Body, &StoredDoc::title},
    {"source", StoredField::Kind::Text, true, StoredField::InHit::Body, &StoredDoc::location},
    {"article", StoredField::Kind::Text, true, StoredField::InHit::Body, &StoredDoc::article},
    {"platform", StoredField::Kind::Text, false, StoredField::InHit::PostBody, &StoredDoc::platform},
    {"author", StoredField::Kind::Text, false, StoredField::InHit::PostBody, &StoredDoc::author},
    {"author_name", StoredField::Kind::Text, false, StoredField::InHit::PostBody, &StoredDoc::author_name},
    {"publication", StoredField::Kind::Text, false, StoredField::InHit::No, &StoredDoc::publication},
    {"url", StoredField::Kind::Text, false, StoredField::InHit::No, &StoredDoc::url},
    {"entities", StoredField::Kind::List, true, StoredField::InHit::Body, nullptr, nullptr, &StoredDoc::entities},
    {"people", StoredField::Kind::List, false, StoredField::InHit::No, nullptr, nullptr, &StoredDoc::people},
    {"orgs", StoredField::Kind::List, false, StoredField::InHit::No, nullptr, nullptr, &StoredDoc::orgs},
    {"text", StoredField::Kind::Text, true, StoredField::InHit::No, &StoredDoc::text},
};

// The field of this key, or nullptr.
const StoredField* stored_field(std::string_view key);

std::string encode(const StoredDoc& doc);
// A document's stored record as kept: its Slot::Stored value, or its data
// (an index made before schema 3).  DocCodec::unpack() reads it.
std::string stored_record(const Xapian::Document& doc);
// Throws news::Error for data that is not a stored document.
StoredDoc decode_stored(const std::string& data);
// The same, read by nlohmann::json alone: decode_stored() reads the records
// encode() writes itself and leaves anything else to this.
StoredDoc decode_stored_json(const std::string& data);

}  // namespace news
