// Packing of stored records (news/stored.hpp) in the index.
//
// A full build trains a zstd dictionary on the corpus (kept in the index's
// metadata, kMetaDocDict) and each document's JSON is stored as a zstd
// frame compressed against it.  Xapian compresses each document's data alone
// (zlib), so the keys, paths and phrases every record repeats cost bytes in
// each; against a dictionary they cost almost nothing (bench/results.md).
// Without a dictionary (a corpus too small to train one) each record is a
// zstd frame of its own.  Plain JSON (an index made before schema 3) still
// reads: the first byte tells them apart ('{' or zstd's magic number).
#pragma once

#include "news/stored.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// Packs and unpacks document data.  Not thread-safe: one per thread.
class DocCodec {
public:
    // zstd levels: a fresh build packs at kPackLevel (Reuters-21578: 7.1 MB
    // at level 5, 7.5 MB at 3); an update at kQuickLevel, because building a
    // dictionary's tables takes 10 ms at level 5 and 1 ms at level 1, more
    // than a run that adds an article spends on it (the reader does not care).
    static constexpr int kPackLevel = 5;
    static constexpr int kQuickLevel = 1;

    // Packs with this dictionary ("": none, a frame on its own) and unpacks
    // with it.
    explicit DocCodec(const std::string& dictionary = "", int level = kPackLevel);
    ~DocCodec();
    DocCodec(DocCodec&&) noexcept;
    DocCodec& operator=(DocCodec&&) noexcept;

    std::string pack(const StoredDoc& doc);
    // Throws news::Error for data that is neither JSON nor a frame packed
    // with a dictionary this codec knows (knows(dictionary_of(data)) first).
    StoredDoc unpack(const std::string& data);

    // Unpacking documents of several indexes (news-search --db repeated):
    // another index's dictionary ("" is ignored).
    void add_dictionary(const std::string& dictionary);
    // The dictionary in the file at `path` (a copy of the metadata's,
    // kDocDictFile), mapped and referred to rather than read and copied: a
    // process that shows hits has two page faults for it instead of about
    // sixty.  False when there is no such file or it is no zstd dictionary
    // (or one this codec already knows).
    bool map_dictionary(const std::string& path);
    // Whether the dictionary of this id is a mapped file's.
    bool mapped(unsigned dictionary_id) const;
    // The id of the dictionary a document was packed with (0: none).
    static unsigned dictionary_of(std::string_view data);
    bool knows(unsigned dictionary_id) const;

    // A dictionary trained on samples of packed-to-be JSON records (encode()),
    // or "" when they are too few to be worth one.
    static std::string train(const std::vector<std::string>& samples);
    static constexpr size_t kSamples = 2000;  // what train() wants: the first records of a corpus

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Writes a dictionary to the file at `path` for DocCodec::map_dictionary()
// (a temporary file renamed: never half a file); "" removes the file.
// Throws news::Error.
void write_dictionary_file(const std::string& path, const std::string& dictionary);

}  // namespace news
