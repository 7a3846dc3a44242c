#include "news/record_lines.hpp"

#include "news/schema.hpp"

namespace news {

std::string record_value(std::string_view file_value, uint32_t number) {
    std::string v(file_value);
    for (int shift = 24; shift >= 0; shift -= 8) v += static_cast<char>((number >> shift) & 0xff);
    return v;
}

std::optional<RecordRef> parse_record_value(std::string_view v) {
    if (v.size() <= 4) return std::nullopt;
    RecordRef r;
    r.file = std::string(v.substr(0, v.size() - 4));
    for (unsigned char c : v.substr(v.size() - 4)) r.number = (r.number << 8) | c;
    return r;
}

std::string lines_key(std::string_view file_value, size_t chunk) {
    return std::string(kMetaLines) + std::string(file_value) + ":" + std::to_string(chunk);
}

uint32_t line_in_chunk(std::string_view chunk, size_t i) {
    if (chunk.size() < (i + 1) * 4) return 0;
    uint32_t line = 0;
    for (unsigned char c : chunk.substr(i * 4, 4)) line = (line << 8) | c;
    return line;
}

std::string current_location(const Xapian::Database& db, const Xapian::Document& doc, const std::string& stored_location) {
    const auto ref = parse_record_value(doc.get_data());
    if (!ref) return stored_location;
    const size_t colon = stored_location.rfind(':');
    if (colon == std::string::npos) return stored_location;
    const uint32_t line = line_in_chunk(db.get_metadata(lines_key(ref->file, ref->number / kLinesPerChunk)),
                                        ref->number % kLinesPerChunk);
    if (line == 0) return stored_location;
    return stored_location.substr(0, colon + 1) + std::to_string(line);
}

}  // namespace news
