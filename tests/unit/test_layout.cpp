// The on-disk layout both tools share: shard routing, stub files.
#include "news/error.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;
using namespace news;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("news-layout-" + std::to_string(getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return (path / name).string();
    }
};

}  // namespace

TEST_CASE("an article's shard is stable, case-blind and spreads articles") {
    // Fixed values: changing the hash would send articles to other shards
    // than an existing index has them in.
    CHECK(shard_of("reuters-1", 4) == shard_of("REUTERS-1", 4));
    CHECK(shard_of("anything", 1) == 0);
    CHECK(shard_of("", 3) == 1469598103934665603ULL % 3);
    std::vector<size_t> counts(4);
    for (int i = 0; i < 4000; ++i) counts[shard_of("reuters-" + std::to_string(i), 4)]++;
    for (size_t c : counts) CHECK((c > 850 && c < 1150));
}

TEST_CASE("a sharded folder's stub lists meta first, then the shards") {
    TempDir d;
    std::string stub = d.write(std::string(kStubFile), stub_text(3));
    auto parts = read_stub(stub);
    REQUIRE(parts.size() == 4);
    CHECK(parts[0].path == (d.path / "meta").string());
    CHECK(parts[3].path == (d.path / "shard-2").string());
    CHECK(parts[1].where == stub + ":3");
    CHECK(is_sharded_folder(d.path.string()));
    CHECK(parts_of(d.path.string()).size() == 4);
    CHECK(parts_of(stub).size() == 4);
    CHECK(parts_of((d.path / "nothing").string()).size() == 1);
}

TEST_CASE("stub lines: local paths, remote shards, comments; errors name the line") {
    TempDir d;
    std::string stub = d.write("s", "# parts\n\nauto /srv/meta\nglass rel/shard\nremote 10.0.0.2:7000\n  remote host.example:65535  \n");
    auto parts = read_stub(stub);
    REQUIRE(parts.size() == 4);
    CHECK(parts[0].path == "/srv/meta");
    CHECK(parts[1].path == (d.path / "rel/shard").string());
    CHECK(parts[2].remote);
    CHECK(parts[2].host == "10.0.0.2");
    CHECK(parts[2].port == 7000);
    CHECK(parts[2].name == "remote 10.0.0.2:7000");
    CHECK(parts[3].port == 65535);

    auto error_of = [&](const std::string& text) {
        std::string f = d.write("bad", text);
        try {
            read_stub(f);
        } catch (const Error& e) {
            CHECK(e.exit_code() == kExitUsage);
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_of("auto a\nremote 10.0.0.2\n").find("bad:2: \"remote 10.0.0.2\" is not HOST:PORT") != std::string::npos);
    CHECK(error_of("remote h:0\n").find("bad:1:") != std::string::npos);
    CHECK(error_of("remote h:99999\n").find("bad:1:") != std::string::npos);
    CHECK(error_of("inmemory\n").find("bad:1: cannot read \"inmemory\"") != std::string::npos);
    CHECK(error_of("# nothing\n").find("lists no database") != std::string::npos);
    CHECK_THROWS_AS(read_stub((d.path / "missing").string()), Error);
}

TEST_CASE("sort key: newest first, undated last, ties by id") {
    CHECK(newest_key("20230621", "A-1") == "20230621a-1");
    CHECK(newest_key("", "zzz") < newest_key("00010101", "a"));
    CHECK(newest_key("20230621", "a") < newest_key("20230621", "b"));
    // ...and back to the id, as the Q term holds it.
    CHECK(id_of_newest_key(newest_key("20230621", "A-1")) == "a-1");
    CHECK(id_of_newest_key(newest_key("", "Zz!9")) == "zz!9");
    CHECK(id_of_newest_key(newest_key("", "")) == "");
    CHECK(id_of_newest_key(newest_key("19870226", "!x")) == "!x");
    const std::string longid(300, 'x');
    CHECK(term(FieldId::Id, longid) == std::string(field(FieldId::Id).prefix) + id_of_newest_key(newest_key("", longid)));
}
