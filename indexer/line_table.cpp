#include "line_table.hpp"

#include "store.hpp"

#include "news/record_lines.hpp"
#include "news/schema.hpp"

#include <algorithm>

namespace news::indexer {
namespace {

std::string file_value(const std::string& file_key) {
    return file_term(file_key).substr(field(FieldId::File).prefix.size());
}

size_t chunks(size_t size) { return (size + kLinesPerChunk - 1) / kLinesPerChunk; }

}  // namespace

void LineTable::load(const std::string& file_key, size_t size) {
    file_ = file_value(file_key);
    lines_.assign(size, 0);
    for (size_t c = 0; c < chunks(size); ++c) {
        const std::string chunk = store_.meta().get_metadata(lines_key(file_, c));
        for (size_t i = 0; i < kLinesPerChunk && c * kLinesPerChunk + i < size; ++i)
            lines_[c * kLinesPerChunk + i] = line_in_chunk(chunk, i);
    }
    loaded_ = lines_;
}

uint32_t LineTable::add(uint32_t line) {
    lines_.push_back(line);
    return static_cast<uint32_t>(lines_.size() - 1);
}

void LineTable::set(uint32_t number, uint32_t line) {
    if (number >= lines_.size()) lines_.resize(number + 1, 0);
    lines_[number] = line;
}

void LineTable::write() {
    for (size_t c = 0; c < chunks(lines_.size()); ++c) {
        const size_t from = c * kLinesPerChunk, to = std::min(lines_.size(), from + kLinesPerChunk);
        if (to <= loaded_.size() && std::equal(lines_.begin() + from, lines_.begin() + to, loaded_.begin() + from))
            continue;
        std::string chunk;
        chunk.reserve((to - from) * 4);
        for (size_t i = from; i < to; ++i)
            for (int shift = 24; shift >= 0; shift -= 8) chunk += static_cast<char>((lines_[i] >> shift) & 0xff);
        store_.set_metadata(lines_key(file_, c), chunk);
    }
    loaded_ = lines_;
}

void LineTable::erase(Store& store, const std::string& file_key, size_t size) {
    const std::string file = file_value(file_key);
    for (size_t c = 0; c < chunks(size); ++c) store.set_metadata(lines_key(file, c), "");
}

}  // namespace news::indexer
