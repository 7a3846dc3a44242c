// The stored record (news/stored.hpp): its own reader reads what
// nlohmann::json reads, escapes, damage and all.
#include "news/error.hpp"
#include "news/stored.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace news;

namespace {

// A record as `read` reads it, or nullopt for an error.
std::optional<StoredDoc> read_with(StoredDoc (*read)(const std::string&), const std::string& data) {
    try {
        return read(data);
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<StoredDoc> decoded(const std::string& data) { return read_with(decode_stored, data); }

// decode_stored() as nlohmann::json alone reads a record (what it did before
// it had a reader of its own for the records encode() writes).
std::optional<StoredDoc> reference_decode(const std::string& data) { return read_with(decode_stored_json, data); }

bool same_doc(const std::optional<StoredDoc>& a, const std::optional<StoredDoc>& b) {
    if (!a || !b) return !a && !b;
    for (const StoredField& f : kStoredFields) {
        const bool same = f.text ? (*a).*f.text == (*b).*f.text
                          : f.date ? (*a).*f.date == (*b).*f.date
                                   : (*a).*f.list == (*b).*f.list;
        if (!same) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("stored records read the same as nlohmann::json reads them, escapes, damage and all") {
    StoredDoc d;
    d.id = "a#1";
    d.type = "post";
    d.title = "Quotes \"in\" a title, a back\\slash and a tab\there";
    d.date = "2023-06-21";
    d.location = "corpus/a.txt";
    d.article = "a";
    d.author = "@HappyTae95";
    d.author_name = "ⱽ";
    d.entities = {"V", "Lady Gaga", "방탄소년단"};
    d.text = "Line one\nline two\r\n\x01\x1f control, é 뷔 😀 and \xff (not UTF-8)";
    const std::string rec = encode(d);
    StoredDoc back = decode_stored(rec);
    CHECK(back.title == d.title);
    CHECK(back.author_name == d.author_name);
    CHECK(back.entities == d.entities);
    CHECK(back.text == "Line one\nline two\r\n\x01\x1f control, é 뷔 😀 and \xEF\xBF\xBD (not UTF-8)");
    CHECK(same_doc(back, reference_decode(rec)));

    // Escapes that encode() does not write, values it does not write, and
    // damage: read as nlohmann::json reads them.
    const std::string others[] = {
        R"({"id":"\u00e9\u20ac\/\b\f","text":"\ud83d\ude00","date":null,"entities":[]})",
        R"({"id":"x","extra":12,"text":"t"})",                // a number: nlohmann::json reads it
        R"({"id":"x","id":"y"})",                             // a key twice
        R"({"title":"a","title":null,"date":"2023","date":[],"entities":["A"],"entities":"B","url":"u","url":["v"]})",
        R"( {"id" : "x" , "entities" : [ "A" , "B" ] , "date" : ["2023"] , "url" : null } )",
        R"({"id":"x","entities":["A",1]})",                   // not a string in entities
        R"({"id":"x","title":{"a":"b"}})",                    // an object
        R"({"id":"\ud800"})",                                 // a lone surrogate: damaged
        R"({"id":"x")",                                       // cut short
        R"({"id":"x"} trailing)",
        "{\"id\":\"a\x01\"}",                                 // a raw control character
        "{\"id\":\"\xC0\x80\"}",                              // overlong UTF-8
        R"([])",
        R"({})",
    };
    for (const std::string& r : others) {
        INFO(r);
        CHECK(same_doc(decoded(r), reference_decode(r)));
    }
    CHECK(decoded(others[0])->id == "é€/\b\f");
    CHECK(decoded(others[0])->text == "😀");
    CHECK(decoded(others[1])->text == "t");
    CHECK(decoded(others[3])->title.empty());  // the last value counts, null or not
    CHECK_FALSE(decoded(others[3])->date);
    CHECK(decoded(others[3])->entities.empty());
    CHECK(decoded(others[3])->url.empty());
    CHECK(decoded(others[4])->entities == std::vector<std::string>{"A", "B"});
    CHECK_FALSE(decoded(others[4])->date);
    CHECK_FALSE(decoded(others[7]));

    // Every record one byte shorter, and one byte changed, reads as
    // nlohmann::json reads it (or is an error for both).
    const std::string bytes[] = {"\\", "\"", "\x01", "\xff", "1", "[", "]", "{", ",", ":", " ", "n"};
    for (size_t at = 0; at < rec.size(); ++at) {
        std::string shorter = rec;
        shorter.erase(at, 1);
        INFO(shorter);
        CHECK(same_doc(decoded(shorter), reference_decode(shorter)));
        for (const std::string& b : bytes) {
            std::string changed = rec;
            changed.replace(at, 1, b);
            INFO(changed);
            CHECK(same_doc(decoded(changed), reference_decode(changed)));
        }
    }
}
