// Records packed against a trained dictionary (news/doc_codec.hpp): packed
// and unpacked as they were, the dictionary's file mapped, too small a
// corpus for one.
#include "samples.hpp"

#include "news/doc_codec.hpp"
#include "news/error.hpp"
#include "news/schema.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace news;
using news::test::sample_docs;

namespace {

void check_same(const StoredDoc& a, const StoredDoc& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.date == b.date);
    CHECK(a.location == b.location);
    CHECK(a.publication == b.publication);
    CHECK(a.text == b.text);
}

// A dictionary trained on these documents' records.
std::string trained_dictionary(const std::vector<StoredDoc>& docs) {
    std::vector<std::string> samples;
    for (const auto& d : docs) samples.push_back(encode(d));
    return DocCodec::train(samples);
}

}  // namespace

TEST_CASE("document data is packed against a dictionary trained on the corpus, and unpacked as it was") {
    std::vector<StoredDoc> docs = sample_docs(400);
    const std::string dict = trained_dictionary(docs);
    REQUIRE_FALSE(dict.empty());

    DocCodec codec(dict);
    size_t json = 0, packed = 0;
    for (const auto& d : docs) {
        std::string data = codec.pack(d);
        json += encode(d).size();
        packed += data.size();
        CHECK(DocCodec::dictionary_of(data) != 0);
        check_same(codec.unpack(data), d);
    }
    CHECK(packed * 3 < json);  // (zlib alone, as Xapian stores data: about half)

    // Another codec with the same dictionary (news-search) reads them; one
    // without it says what to do.
    std::string data = codec.pack(docs[7]);
    DocCodec reader;
    CHECK_FALSE(reader.knows(DocCodec::dictionary_of(data)));
    CHECK_THROWS_WITH(reader.unpack(data), Catch::Contains("rebuild with news-index --rebuild"));
    reader.add_dictionary(dict);
    CHECK(reader.knows(DocCodec::dictionary_of(data)));
    check_same(reader.unpack(data), docs[7]);
    // Damaged data is an error, not a crash or a wrong document.
    CHECK_THROWS_AS(reader.unpack(data.substr(0, data.size() / 2)), Error);
    // Plain JSON (an index without a dictionary) reads as before.
    CHECK(DocCodec::dictionary_of(encode(docs[3])) == 0);
    check_same(reader.unpack(encode(docs[3])), docs[3]);
    // No dictionary: a frame of its own, which any codec reads.
    DocCodec plain;
    const std::string alone = plain.pack(docs[3]);
    CHECK(DocCodec::dictionary_of(alone) == 0);
    CHECK(alone.size() < encode(docs[3]).size() / 2);
    check_same(reader.unpack(alone), docs[3]);
    check_same(DocCodec().unpack(alone), docs[3]);
}

TEST_CASE("the dictionary's copy in a file is mapped, and a file that is not it is left alone") {
    std::vector<StoredDoc> docs = sample_docs(400);
    const std::string dict = trained_dictionary(docs);
    REQUIRE_FALSE(dict.empty());
    DocCodec codec(dict);
    const std::string data = codec.pack(docs[11]);
    const unsigned id = DocCodec::dictionary_of(data);

    const std::string dir = std::filesystem::temp_directory_path() / ("news-dict-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/" + std::string(news::kDocDictFile);
    news::write_dictionary_file(path, dict);
    CHECK(std::filesystem::file_size(path) == dict.size());
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));

    DocCodec reader;
    CHECK(reader.map_dictionary(path));
    CHECK(reader.knows(id));
    CHECK(reader.mapped(id));
    check_same(reader.unpack(data), docs[11]);
    CHECK_FALSE(reader.map_dictionary(path));  // (known already)

    // Not there, not a dictionary, or its tables damaged: not taken.
    DocCodec other;
    CHECK_FALSE(other.map_dictionary(dir + "/missing"));
    news::write_dictionary_file(dir + "/text", std::string(1000, 'x'));
    CHECK_FALSE(other.map_dictionary(dir + "/text"));
    news::write_dictionary_file(dir + "/cut", dict.substr(0, 64));
    CHECK_FALSE(other.map_dictionary(dir + "/cut"));
    CHECK_FALSE(other.knows(id));
    // The metadata's copy (add_dictionary) is not a mapped one.
    other.add_dictionary(dict);
    CHECK(other.knows(id));
    CHECK_FALSE(other.mapped(id));

    // An empty dictionary removes the file.
    news::write_dictionary_file(path, "");
    CHECK_FALSE(std::filesystem::exists(path));
    news::write_dictionary_file(path, "");  // (and no file is no error)
    std::filesystem::remove_all(dir);
}

TEST_CASE("a corpus too small for a dictionary gets none") {
    std::vector<std::string> samples;
    for (const auto& d : sample_docs(20)) samples.push_back(encode(d));
    CHECK(DocCodec::train(samples).empty());
}
