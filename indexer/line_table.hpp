// Part of the write stage: the line of each record of the JSON Lines file
// being written, as news/record_lines.hpp keeps it (a table per file, in
// chunks of metadata): loaded when a file the index holds is read, written
// back where it changed when the file is done.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace news::indexer {

class Store;

class LineTable {
public:
    explicit LineTable(Store& store) : store_(store) {}

    // Start a file: its table as the index holds it (size: its records,
    // FileRecord::records; 0 for a new file).
    void load(const std::string& file_key, size_t size);
    // The file's term value (file_term() without its prefix).
    const std::string& file() const { return file_; }
    // A record not in the table yet, on this line: its number.
    uint32_t add(uint32_t line);
    void set(uint32_t number, uint32_t line);
    size_t size() const { return lines_.size(); }
    // The chunks that changed since load(), written.
    void write();
    // A file gone: its table goes.
    static void erase(Store& store, const std::string& file_key, size_t size);

private:
    Store& store_;
    std::string file_;
    std::vector<uint32_t> lines_, loaded_;
};

}  // namespace news::indexer
