// The write stage's per-shard writer thread: writes land in order, wait()
// makes them visible, errors reach the caller.
#include "writer_queue.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

namespace fs = std::filesystem;
using news::indexer::WriterQueue;

namespace {

Xapian::Document doc_with(const std::string& uid) {
    Xapian::Document d;
    d.add_boolean_term(uid);
    return d;
}

}  // namespace

TEST_CASE("a writer queue writes its documents in order on its own thread") {
    fs::path path = fs::temp_directory_path() / ("news-queue-" + std::to_string(getpid()));
    fs::remove_all(path);
    {
        Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        WriterQueue queue(db);
        for (int i = 0; i < 1000; ++i) queue.add(doc_with("Qdoc-" + std::to_string(i)));
        queue.remove("Qdoc-7");                 // after its add: removed
        queue.add(doc_with("Qdoc-7"));          // and added again
        queue.remove("Qdoc-8");
        queue.commit();
        queue.wait();
        CHECK(db.get_doccount() == 999);
        CHECK(db.get_termfreq("Qdoc-7") == 1);
        CHECK(db.get_termfreq("Qdoc-8") == 0);
        CHECK(db.get_lastdocid() == 1001);  // Qdoc-7's second copy came after the others
    }
    CHECK(Xapian::Database(path.string()).get_doccount() == 999);  // committed
    fs::remove_all(path);
}

TEST_CASE("a writer's error is rethrown to the caller") {
    fs::path path = fs::temp_directory_path() / ("news-queue-err-" + std::to_string(getpid()));
    fs::remove_all(path);
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    WriterQueue queue(db);
    queue.add(doc_with(std::string(300, 'x')));  // a term longer than Xapian allows
    CHECK_THROWS_AS(queue.wait(), Xapian::InvalidArgumentError);
    CHECK_THROWS_AS(queue.add(doc_with("Qlater")), Xapian::InvalidArgumentError);
    fs::remove_all(path);
}

TEST_CASE("a rolling writer queue moves on to a new slice every N documents and removes from all") {
    fs::path base = fs::temp_directory_path() / ("news-queue-roll-" + std::to_string(getpid()));
    fs::remove_all(base);
    fs::create_directories(base);
    auto open = [&](size_t slice) {
        return Xapian::WritableDatabase((base / ("slice-" + std::to_string(slice))).string(),
                                        Xapian::DB_CREATE_OR_OVERWRITE);
    };
    {
        WriterQueue queue(open(0), open, 3);
        for (int i = 0; i < 10; ++i) queue.add(doc_with("Qdoc-" + std::to_string(i)));
        queue.remove("Qdoc-1");  // in the first slice
        queue.remove("Qdoc-9");  // in the last
        queue.commit();
        auto slices = queue.slices();
        REQUIRE(slices.size() == 4);  // 3 + 3 + 3 + 1
        CHECK(slices[0].get_doccount() == 2);
        CHECK(slices[1].get_doccount() == 3);
        CHECK(slices[2].get_doccount() == 3);
        CHECK(slices[3].get_doccount() == 0);
        CHECK(slices[2].get_termfreq("Qdoc-8") == 1);
    }
    Xapian::Database all;
    for (size_t s = 0; s < 4; ++s) all.add_database(Xapian::Database((base / ("slice-" + std::to_string(s))).string()));
    CHECK(all.get_doccount() == 8);  // committed, every slice
    CHECK(all.get_termfreq("Qdoc-1") == 0);
    CHECK(all.get_termfreq("Qdoc-5") == 1);
    fs::remove_all(base);
}
