// Part of the write stage: the index's record of the files it indexed (as
// notmuch's lib/directory.cc keeps its directories' mtimes), one metadata
// entry a file (kMetaFile), committed with the file's documents so that the
// record and the index never disagree.  This file alone knows its format.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::indexer {

class Store;

// What the index holds of one file.
struct FileRecord {
    std::string key;     // the file's key (its absolute path)
    std::string digest;  // content digest of the whole file
    size_t articles = 0;
    uint64_t size = 0;  // JSON Lines: the size when indexed, when its last line was whole (else 0)
    size_t lines = 0;   // ...and its lines then
    int64_t mtime_ns = 0;    // the file's modification time and size when read (0: unknown)
    uint64_t file_size = 0;
    size_t records = 0;  // JSON Lines: the size of its line table (line_table.hpp)
};

class FileLedger {
public:
    explicit FileLedger(Store& store) : store_(store) {}

    // The record of the file with this key; none for a file never indexed.
    std::optional<FileRecord> find(const std::string& key) const;
    void write(const FileRecord& record);
    // Every record but those whose entry names a key skip() accepts (it is
    // spelled out in the entry's name unless hashed): its entry's name, and it.
    struct Entry {
        std::string name;
        FileRecord record;
    };
    template <class Skip>
    std::vector<Entry> all(Skip skip) const;
    std::vector<Entry> all() const {
        return all([](std::string_view) { return false; });
    }
    // Drop an entry all() gave.
    void erase(const std::string& name);

    // The format: "digest <TAB> articles <TAB> key <TAB> size <TAB> lines
    // <TAB> mtime_ns <TAB> file size <TAB> records" (records of older
    // versions stop after the key or lines); none for "" or a value with
    // fewer fields.
    static std::string encode(const FileRecord& record);
    static std::optional<FileRecord> decode(std::string_view value);
    // The entry's name (a long key is hashed; the value keeps it whole).
    static std::string name(const std::string& key);

private:
    std::vector<std::string> names() const;
    std::string value(const std::string& name) const;

    Store& store_;
};

template <class Skip>
std::vector<FileLedger::Entry> FileLedger::all(Skip skip) const {
    std::vector<Entry> out;
    const size_t prefix = name("").size();
    for (auto& n : names()) {
        if (n.size() > prefix && n[prefix] != '#' && skip(std::string_view(n).substr(prefix))) continue;
        if (auto r = decode(value(n))) out.push_back({std::move(n), std::move(*r)});
    }
    return out;
}

}  // namespace news::indexer
