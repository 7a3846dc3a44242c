// Where each JSON Lines record is now.  A record is known by its id and its
// bytes, not by its line: lines inserted, deleted or moved above it leave its
// document as it is.  Its line is kept apart, in a table per file (metadata
// of the meta part), which news-index rewrites when lines move and
// news-search reads to name the record's file:line.
//
//   The document data of every document of a record (the article and its
//     posts): the file's term value (file_term() without its prefix), then
//     the record's number in the file's table, 4 bytes big-endian.  (The
//     data, not a value slot: a hit reads it in a tenth of the time of a
//     value, which Xapian finds in a chunk of the slot's stream.)
//   kMetaLines + <file> + ":" + <chunk>: the lines of records number
//     chunk * kLinesPerChunk on, 4 bytes big-endian each (0: no record).
//
// A document's stored location keeps the file:line it had when written; the
// table says where it is now (an index searched without its meta part, a
// shard on its own, shows the line the record had when indexed).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace news {

inline constexpr size_t kLinesPerChunk = 256;

// The document data of a record's documents: file_value is file_term(key)
// without its prefix.
std::string record_value(std::string_view file_value, uint32_t number);
struct RecordRef {
    std::string file;  // file_term(key) without its prefix
    uint32_t number = 0;
};
std::optional<RecordRef> parse_record_value(std::string_view data);

// The metadata key of a chunk of a file's table.
std::string lines_key(std::string_view file_value, size_t chunk);
// Line number i of a chunk's value (0: none there).
uint32_t line_in_chunk(std::string_view chunk, size_t i);

// The location to show for a document: its stored location ("path:line") with
// the line its record is on now, as db's table says (unchanged when the
// document is not a JSON Lines record's, or the table does not say).
std::string current_location(const Xapian::Database& db, const Xapian::Document& doc, const std::string& stored_location);

}  // namespace news
