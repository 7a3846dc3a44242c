// The schema's spelling of keys and values (news/schema.hpp): a record's
// digest, a file's term and key.
#include "news/schema.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace news;

TEST_CASE("a record's digest is stored in 8 bytes and read back as written") {
    const std::string hex = digest_of("one JSON line");
    REQUIRE(hex.size() == 16);
    CHECK(digest_value(hex).size() == 8);
    CHECK(digest_hex(digest_value(hex)) == hex);
    CHECK(digest_hex(digest_value("00ff00ff00ff00ff")) == "00ff00ff00ff00ff");
    CHECK(digest_value("not a digest") == "not a digest");  // kept as it is
    CHECK(digest_hex("not a digest") == "not a digest");
}

TEST_CASE("a file's term is a hash of its key, the same whatever the case") {
    const std::string t = file_term("/data/news/a.jsonl");
    CHECK(t.rfind("XFILE", 0) == 0);
    CHECK(t.size() == 5 + 13);
    CHECK(file_term("/Data/News/A.jsonl") == t);  // as term() lower-cases every value
    CHECK(file_term("/data/news/b.jsonl") != t);
    CHECK(file_term("/data/news/a.jsonl2") != t);
    CHECK(path_key("corpus/../corpus/x.txt") == path_key("corpus/x.txt"));
}
