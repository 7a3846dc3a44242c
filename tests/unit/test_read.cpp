// The walk of indexer/read.hpp: the keys of the files it finds.
#include "read.hpp"

#include "news/schema.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace news;
using namespace news::indexer;

TEST_CASE("a folder entry's key is the key of its whole path, built name by name") {
    // child_key(path_key(folder), name) == path_key(folder + "/" + name): the
    // keys in the index (XFILE terms, file records) must not depend on which
    // way the walk built them.
    for (const std::string folder : {"corpus", "corpus/", "./corpus", "a/../corpus", "/", "/tmp", "/tmp/", "/a//b/./c/",
                                     "../x", "."}) {
        for (const std::string name : {"001.txt", "sub", ".hidden", "a b.jsonl", "é.txt"}) {
            INFO(folder << " + " << name);
            CHECK(child_key(path_key(folder), name) == path_key(folder + "/" + name));
        }
    }
    // Names that are not plain (never met in a walk) still get the whole path's key.
    CHECK(child_key(path_key("corpus"), "..") == path_key("corpus/.."));
    CHECK(child_key(path_key("corpus"), "x/../y") == path_key("corpus/x/../y"));
}
