// One story, one hit: the key that tells copies of a story apart from
// other documents (searcher/collapse.hpp).
#include "collapse.hpp"

#include <catch2/catch.hpp>

using namespace news;
using namespace news::searcher;

namespace {

StoredDoc doc(std::string title, std::string text, std::string type = "article", std::string author = "") {
    StoredDoc d;
    d.id = title;
    d.title = std::move(title);
    d.text = std::move(text);
    d.type = std::move(type);
    d.author = std::move(author);
    return d;
}

// A text of kShortText bytes or more.
const std::string kStory =
    "Apple has expanded its iPod family with the release of its next generation of the digital music players. "
    "Its latest challenges to the growing digital music gadget market include an iPod mini model with more "
    "storage and a longer battery life.";

}  // namespace

TEST_CASE("copies of a story share the key whatever their title and blank space at either end") {
    REQUIRE(kStory.size() >= kShortText);
    const uint64_t key = same_text_key(doc("Apple iPod family expands market", kStory));
    CHECK(same_text_key(doc("Apple iPod family grows", kStory)) == key);
    CHECK(same_text_key(doc("x", "  " + kStory + "\n\n")) == key);
}

TEST_CASE("other texts, types and authors have other keys") {
    const uint64_t key = same_text_key(doc("t", kStory));
    CHECK(same_text_key(doc("t", kStory + " More.")) != key);
    CHECK(same_text_key(doc("t", "Apple has expanded its iPod" + kStory.substr(34))) != key);  // a word fewer
    CHECK(same_text_key(doc("t", "APPLE" + kStory.substr(5))) != key);
    CHECK(same_text_key(doc("t", kStory, "post", "@a")) != key);
    CHECK(same_text_key(doc("t", kStory, "post", "@a")) != same_text_key(doc("t", kStory, "post", "@b")));
    CHECK(same_text_key(doc("t", kStory, "post", "@a")) == same_text_key(doc("u", kStory, "post", "@a")));
}

TEST_CASE("a short text is told apart by its title too") {
    // Reuters' briefs: a headline and the filler "Blah blah blah.".
    CHECK(same_text_key(doc("BANK RAISES RATE", "Blah blah blah.")) !=
          same_text_key(doc("OIL PRICES FALL", "Blah blah blah.")));
    CHECK(same_text_key(doc("BANK RAISES RATE", "Blah blah blah.")) ==
          same_text_key(doc("BANK RAISES RATE ", " Blah blah blah.")));
    CHECK(same_text_key(doc("A", "")) != same_text_key(doc("B", "")));
}
