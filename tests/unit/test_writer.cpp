// The write stage's parts (indexer/file_ledger, store, duplicates, write):
// on a database in a temporary folder, fed as the walk feeds them.
#include "analyse.hpp"
#include "duplicates.hpp"
#include "file_ledger.hpp"
#include "store.hpp"
#include "write.hpp"

#include "news/record_lines.hpp"
#include "news/schema.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <memory>

namespace fs = std::filesystem;
using namespace news;
using namespace news::indexer;

namespace {

// A database path of its own for each test, removed after it.
struct TempDb {
    fs::path path;
    explicit TempDb(const std::string& name)
        : path(fs::temp_directory_path() / ("news-writer-" + name + "-" + std::to_string(getpid()))) {
        fs::remove_all(path);
    }
    ~TempDb() { fs::remove_all(path); }
    std::string str() const { return path.string(); }
};

Article article(const std::string& id, const std::string& body, const std::string& file_key, size_t line) {
    Article a;
    a.id = id;
    a.title = "Title of " + id;
    a.body = body;
    a.file = file_key;
    a.file_key = file_key;
    a.location = file_key + ":" + std::to_string(line);
    a.line = line;
    a.digest = digest_of(body);
    return a;
}

FileInfo file(const std::string& key, const std::vector<Article>& articles) {
    FileInfo f;
    f.path = f.key = key;
    std::string all;
    for (const auto& a : articles) all += a.digest;
    f.digest = digest_of(all);
    f.size = all.size();
    f.lines = articles.size();
    f.records = true;
    return f;
}

// Documents from an article (the analyser holds on to its catalogue).
std::vector<IndexDoc> analysed(const Article& a) {
    static const Catalogue catalogue = Catalogue::builtin();
    static Analyser analyser(catalogue);
    return analyser.analyse(a);
}

// One file as the walk hands it to the writer (IndexRun does the same).
void index_file(Writer& w, const FileInfo& f, const std::vector<Article>& articles) {
    if (w.file_begin(f).skip) return;
    for (const Article& a : articles) {
        if (const Writer::Known* known = w.known_record(a.digest)) {
            w.skip_record(*known, a.line);
            continue;
        }
        if (w.wanted(a)) w.add(a, analysed(a));
    }
    w.file_done(f);
}

std::unique_ptr<Store> open_store(const TempDb& db, bool dry_run = false) {
    StoreOptions o;
    o.dry_run = dry_run;
    return Store::open(db.str(), Catalogue::builtin(), o);
}

}  // namespace

TEST_CASE("a file record reads back as written, and an older record keeps what it had") {
    FileRecord r{"/data/a.jsonl", "0123456789abcdef", 12, 3400, 12, 1700000000123456789, 3400, 14};
    auto back = FileLedger::decode(FileLedger::encode(r));
    REQUIRE(back);
    CHECK(back->key == r.key);
    CHECK(back->digest == r.digest);
    CHECK(back->articles == 12);
    CHECK(back->size == 3400);
    CHECK(back->lines == 12);
    CHECK(back->mtime_ns == r.mtime_ns);
    CHECK(back->file_size == 3400);
    CHECK(back->records == 14);

    auto old = FileLedger::decode("feedfacefeedface\t5\t/data/b.txt");  // (before sizes were kept)
    REQUIRE(old);
    CHECK(old->key == "/data/b.txt");
    CHECK(old->articles == 5);
    CHECK(old->size == 0);
    CHECK(old->mtime_ns == 0);

    CHECK_FALSE(FileLedger::decode(""));
    CHECK_FALSE(FileLedger::decode("digest\t5"));
    CHECK(FileLedger::name(std::string(300, 'x')).size() < 100);  // a long key is hashed
}

TEST_CASE("a file indexed as it is is skipped, a record it no longer holds is removed, one that moved keeps its document") {
    TempDb db("records");
    const std::string key = "/data/feed.jsonl";
    std::vector<Article> records{article("a", "Oil prices rose.", key, 1), article("b", "Gold fell.", key, 2),
                                 article("c", "Wheat was flat.", key, 3)};
    {
        auto store = open_store(db);
        Writer w(*store);
        index_file(w, file(key, records), records);
        w.finish({});
        CHECK(w.stats().new_articles == 3);
        CHECK(w.stats().articles == 3);
    }
    {
        auto store = open_store(db);
        Writer w(*store);
        CHECK(w.file_begin(file(key, records)).skip);
        CHECK(w.stats().unchanged_articles == 3);
    }
    const Xapian::docid c_docid = *Xapian::Database(db.str()).postlist_begin(term(FieldId::Id, "c"));
    records.erase(records.begin() + 1);  // "b" goes; "c" moves up a line
    records[1] = article("c", "Wheat was flat.", key, 2);
    {
        auto store = open_store(db);
        Writer w(*store);
        index_file(w, file(key, records), records);
        w.finish({});
        CHECK(w.stats().removed_articles == 1);
        CHECK(w.stats().unchanged_articles == 2);
        CHECK(w.stats().articles == 0);  // nothing written again
    }
    Xapian::Database check(db.str());
    CHECK(check.get_doccount() == 2);
    CHECK(check.get_termfreq(term(FieldId::Id, "b")) == 0);
    REQUIRE(check.get_termfreq(term(FieldId::Id, "c")) == 1);
    const Xapian::docid c = *check.postlist_begin(term(FieldId::Id, "c"));
    CHECK(c == c_docid);  // not written again
    CHECK(current_location(check, check.get_document(c), key + ":3") == key + ":2");
    CHECK(FileLedger::decode(check.get_metadata(FileLedger::name(key)))->records == 3);  // (b's number is free)
}

TEST_CASE("a dry run's store lists what a run would write and writes nothing") {
    TempDb db("dry");
    const std::string key = "/data/one.jsonl";
    std::vector<Article> records{article("a", "Oil prices rose.", key, 1)};
    {
        auto store = open_store(db);
        Writer w(*store);
        index_file(w, file(key, records), records);
        w.finish({});
    }
    records.push_back(article("b", "Gold fell.", key, 2));
    records[0] = article("a", "Oil prices fell.", key, 1);
    std::vector<std::string> listed;
    StoreOptions o;
    o.dry_run = true;
    o.list = [&](const std::string& what, const std::string& where) { listed.push_back(what + " " + where); };
    {
        auto store = Store::open(db.str(), Catalogue::builtin(), o);
        Writer w(*store);
        index_file(w, file(key, records), records);
        w.finish({});
        CHECK(w.stats().articles == 0);
    }
    CHECK(listed == std::vector<std::string>{"changed " + key + ":1", "new " + key + ":2"});
    Xapian::Database check(db.str());
    CHECK(check.get_doccount() == 1);
    CHECK(FileLedger::decode(check.get_metadata(FileLedger::name(key)))->articles == 1);

    TempDb none("dry-none");  // a dry run creates nothing
    auto store = Store::open(none.str(), Catalogue::builtin(), o);
    CHECK(store->empty_at_start());
    CHECK_FALSE(fs::exists(none.path));
}

TEST_CASE("an id two files hold is claimed by both, and the other is read again when the kept one goes") {
    TempDb db("claims");
    const std::string one = "/data/one.jsonl", two = "/data/two.jsonl";
    std::vector<Article> in_one{article("same", "Oil prices rose.", one, 1)};
    std::vector<Article> in_two{article("same", "Oil prices fell.", two, 1)};
    {
        auto store = open_store(db);
        Writer w(*store);
        Diagnostic warning;
        for (auto* f : {&in_one, &in_two}) {
            const FileInfo info = file(f->front().file_key, *f);
            w.file_begin(info);
            const bool repeated = w.duplicates().repeated(f->front(), term(FieldId::Id, "same"), warning);
            CHECK(repeated == (f == &in_two));
            if (w.wanted(f->front(), repeated)) w.add(f->front(), analysed(f->front()));
            w.file_done(info);
        }
        w.finish({});
        CHECK(warning.where == two + ":1");
        CHECK(w.duplicates().take_replaced().empty());  // (warned of in the walk)
    }
    {
        auto store = open_store(db);
        Writer w(*store);
        w.remove_missing({"/data/two.jsonl"});  // the file that kept the id is gone
        auto rereads = w.duplicates().take_rereads();
        REQUIRE(rereads.size() == 1);
        CHECK(rereads[0].key == one);
        CHECK(rereads[0].ids == std::vector<std::string>{"same"});
        CHECK(w.stats().removed_articles == 1);
    }
}

TEST_CASE("an index made by an older version is refused with what to run") {
    TempDb db("old");
    {
        Xapian::WritableDatabase w(db.str(), Xapian::DB_CREATE_OR_OPEN);
        Xapian::Document d;
        d.add_boolean_term(term(FieldId::Id, "a"));
        w.add_document(d);
        w.set_metadata(std::string(kMetaSchemaVersion), "3");  // (records known by their line)
        w.commit();
    }
    CHECK_THROWS_WITH(open_store(db), Catch::Contains("schema \"3\"") && Catch::Contains("news-index --rebuild"));
    CHECK_THROWS_WITH(open_store(db, true), Catch::Contains("news-index --rebuild"));
}
