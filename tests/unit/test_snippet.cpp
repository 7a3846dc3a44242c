// make_snippet: which words light up, and which passage is shown.
#include "snippet.hpp"

#include "news/text.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using news::searcher::Highlight;
using news::searcher::make_snippet;
using news::searcher::SnippetPart;

namespace {

// The parts as one string, hits in [[ ]]: "Lady [[Gaga]] sings".
std::string show(const std::vector<SnippetPart>& parts) {
    std::string s;
    for (const auto& p : parts) s += p.hit ? "[[" + p.text + "]]" : p.text;
    return s;
}

Highlight words(std::set<std::string> w) {
    Highlight h;
    h.words = std::move(w);
    return h;
}

std::string snippet(const std::string& text, const Highlight& h, size_t length = 200) {
    return show(make_snippet(text, h, length));
}

// Bytes of the parts, "…" left out.
size_t shown_bytes(const std::vector<SnippetPart>& parts) {
    size_t n = 0;
    for (const auto& p : parts)
        if (p.text != "…") n += p.text.size();
    return n;
}

std::string repeat(const std::string& s, size_t times) {
    std::string out;
    for (size_t i = 0; i < times; ++i) out += s;
    return out;
}

const std::string kFiller = "The weather was mild and the markets were calm all day. ";

}  // namespace

TEST_CASE("a query word is highlighted whole, whatever its case") {
    auto [text, word, expected] = GENERATE(table<std::string, std::string, std::string>({
        {"Lady Gaga sings", "gaga", "Lady [[Gaga]] sings"},
        {"LADY GAGA SINGS", "gaga", "LADY [[GAGA]] SINGS"},
        {"Beyoncé sang", "beyonce", "[[Beyoncé]] sang"},
        {"a new Gagaland opens", "gaga", "a new Gagaland opens"},
        {"the gag was a gaga joke", "gaga", "the gag was a [[gaga]] joke"},
        {"Lady Gaga's new song", "gaga", "Lady [[Gaga's]] new song"},
    }));
    INFO(text);
    CHECK(snippet(text, words({word})) == expected);
}

TEST_CASE("a stem of the query highlights every form of the word") {
    Highlight h;
    h.stems = {Xapian::Stem("english")("concerts")};
    REQUIRE(h.stems.count("concert"));
    CHECK(snippet("Concerts sold out; the concert starts at eight", h) ==
          "[[Concerts]] sold out; the [[concert]] starts at eight");
}

TEST_CASE("a possessive stays inside the highlighted word") {
    CHECK(snippet("J-Hope’s caption went viral", words({"j", "hope"})) == "[[J-Hope’s]] caption went viral");
}

TEST_CASE("an alias highlights its whole run of words and nothing less") {
    Highlight h;
    h.aliases = {{"kim", "taehyung"}, {"v"}};
    auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"BTS’ V aka Kim Taehyung", "BTS’ [[V]] aka [[Kim Taehyung]]"},
        {"Kim Jennie and Taehyung", "Kim Jennie and Taehyung"},
        {"V’s solo album", "[[V’s]] solo album"},
        {"the v sign", "the v sign"},
        {"a V-neck top", "a V-neck top"},
        {"the V8 engine", "the V8 engine"},
    }));
    INFO(text);
    CHECK(snippet(text, h) == expected);
}

TEST_CASE("a one-letter alias in a script without case matches as written") {
    Highlight h;
    h.aliases = {{"뷔"}};
    CHECK(snippet("뷔 왔다", h) == "[[뷔]] 왔다");
}

TEST_CASE("a CJK query highlights the whole Korean word that holds it") {
    auto [text, query, expected] = GENERATE(table<std::string, std::string, std::string>({
        {"BTS 방탄소년단은 오늘", "방탄소년단", "BTS [[방탄소년단은]] 오늘"},
        {"그룹방탄소년단 콘서트", "방탄소년단", "[[그룹방탄소년단]] 콘서트"},
        {"뷔가 왔다", "뷔", "[[뷔가]] 왔다"},
        {"사뷔 왔다", "뷔", "사뷔 왔다"},
        {"방탄 콘서트", "방탄소년단", "방탄 콘서트"},
    }));
    Highlight h;
    h.cjk = {query};
    INFO(text);
    CHECK(snippet(text, h) == expected);
}

TEST_CASE("an emoji glued to a word is kept verbatim and not highlighted") {
    CHECK(snippet("Taehyung talks about Lady Gaga🐻: I’m a big fan", words({"gaga"})) ==
          "Taehyung talks about Lady [[Gaga]]🐻: I’m a big fan");
}

TEST_CASE("neighbouring hits joined by a space or hyphen make one part") {
    auto parts = make_snippet("Lady Gaga and Lady\n Gaga", words({"lady", "gaga"}), 200);
    CHECK(show(parts) == "[[Lady Gaga]] and [[Lady Gaga]]");
    CHECK(parts.size() == 3);
}

TEST_CASE("whitespace runs inside the snippet become single spaces") {
    CHECK(snippet("  Lady\n\n  Gaga \t sings\r\n tonight \n", words({"gaga"})) == "Lady [[Gaga]] sings tonight");
}

TEST_CASE("the window shows the densest passage of a long text") {
    std::string text = repeat(kFiller, 55) + "Lady Gaga met V in Seoul after the concert. " + repeat(kFiller, 5);
    REQUIRE(text.size() > 3000);
    Highlight h = words({"gaga", "seoul"});
    h.aliases = {{"v"}};
    auto parts = make_snippet(text, h, 200);
    std::string s = show(parts);
    INFO(s);
    CHECK(parts.front().text == "…");
    CHECK(parts.back().text == "…");
    CHECK(s.find("[[Gaga]] met [[V]] in [[Seoul]]") != std::string::npos);
    CHECK(shown_bytes(parts) <= 200 + 16);
}

TEST_CASE("the window prefers more distinct words to more hits of one word") {
    std::string text = "gaga gaga gaga gaga. " + repeat(kFiller, 10) + "Gaga sang in Seoul. " + repeat(kFiller, 10);
    std::string s = snippet(text, words({"gaga", "seoul"}), 100);
    INFO(s);
    CHECK(s.find("[[Gaga]] sang in [[Seoul]]") != std::string::npos);
}

TEST_CASE("equally good passages: the earliest wins") {
    std::string text = repeat(kFiller, 5) + "Gaga one. " + repeat(kFiller, 5) + "Gaga two. " + repeat(kFiller, 5);
    std::string s = snippet(text, words({"gaga"}), 80);
    INFO(s);
    CHECK(s.find("[[Gaga]] one") != std::string::npos);
}

TEST_CASE("a cut passage starts at a word, preferably a sentence, with an ellipsis") {
    std::string text = repeat(kFiller, 5) + "Then she said that Lady Gaga is back. " + repeat(kFiller, 5);
    auto parts = make_snippet(text, words({"gaga"}), 120);
    INFO(show(parts));
    REQUIRE(parts.size() >= 3);
    CHECK(parts.front().text == "…");
    CHECK(parts[1].text.rfind("Then she said", 0) == 0);
    CHECK(parts.back().text == "…");
}

TEST_CASE("a sentence start is found behind closing quotes, but not after a possessive") {
    std::string filler = repeat("alpha beta gamma delta ", 10);
    auto [middle, sentence] = GENERATE(table<std::string, bool>({
        {"as he said.” Then Lady Gaga sang ", true},
        {"he said (twice.) Then Lady Gaga sang ", true},
        {"fans of BTS’ Then Lady Gaga sang ", false},
    }));
    auto parts = make_snippet(filler + middle + filler, words({"gaga"}), 100);
    INFO(show(parts));
    REQUIRE(parts.size() >= 3);
    CHECK((parts[1].text.rfind("Then Lady", 0) == 0) == sentence);
}

TEST_CASE("without a sentence start nearby the window still starts at a word start") {
    std::string text = repeat("alpha beta gamma delta ", 20) + "Gaga " + repeat("alpha beta gamma delta ", 20);
    auto parts = make_snippet(text, words({"gaga"}), 100);
    INFO(show(parts));
    REQUIRE(parts.size() >= 3);
    CHECK(parts.front().text == "…");
    size_t at = text.find(parts[1].text);
    REQUIRE(at != std::string::npos);
    CHECK(text[at - 1] == ' ');
    CHECK(parts.back().text == "…");
}

TEST_CASE("without a match the snippet is the start of the text") {
    std::string text = repeat(kFiller, 10);
    auto parts = make_snippet(text, words({"gaga"}), 100);
    REQUIRE(parts.size() == 2);
    CHECK_FALSE(parts[0].hit);
    CHECK(text.rfind(parts[0].text, 0) == 0);
    CHECK(parts[0].text.size() <= 100);
    CHECK(parts[0].text.size() > 80);
    CHECK(parts[1].text == "…");
    CHECK(snippet("Short text.", Highlight{}) == "Short text.");
}

TEST_CASE("empty text gives no parts and length 0 means the whole text") {
    CHECK(make_snippet("", words({"gaga"}), 200).empty());
    CHECK(make_snippet(" \n ", words({"gaga"}), 200).empty());
    std::string text = repeat(kFiller, 10) + "Gaga.";
    CHECK(show(make_snippet(text, words({"gaga"}), 0)) == text.substr(0, text.size() - 5) + "[[Gaga]].");
}

TEST_CASE("the snippet stays within the length, give or take whole words") {
    auto length = GENERATE(as<size_t>{}, 20, 50, 100, 200, 400);
    std::string text = repeat(kFiller, 4) + "Lady Gaga and V in Seoul. " + repeat(kFiller, 20);
    Highlight h = words({"gaga", "seoul"});
    auto parts = make_snippet(text, h, length);
    INFO(length << ": " << show(parts));
    CHECK(shown_bytes(parts) <= length + 16);
    CHECK(shown_bytes(parts) + 30 >= length);
}

TEST_CASE("a cut never splits a UTF-8 sequence, and invalid UTF-8 does not crash") {
    SECTION("a long CJK run is cut between characters") {
        std::string text = repeat("我爱北京天安门", 40);
        auto parts = make_snippet(text, Highlight{}, 50);
        REQUIRE_FALSE(parts.empty());
        CHECK(news::is_valid_utf8(parts[0].text));
        CHECK(parts[0].text.size() <= 50);
        CHECK(parts[0].text.size() >= 45);
    }
    SECTION("a text of only emoji and accents") {
        std::string text = repeat("🐻é", 50);
        for (size_t length : {1, 5, 7, 33}) CHECK(news::is_valid_utf8(show(make_snippet(text, words({"e"}), length))));
    }
    SECTION("invalid bytes") {
        std::string text = "\xff\xfe Gaga \xc3 sings \xe2\x80";
        CHECK_NOTHROW(make_snippet(text, words({"gaga"}), 4));
        CHECK(show(make_snippet(text, words({"gaga"}), 200)).find("[[Gaga]]") != std::string::npos);
    }
}

TEST_CASE("the longest alias wins where aliases overlap, so the passage with more query words is chosen") {
    Highlight h;
    h.aliases = {{"gaga"}, {"lady", "gaga"}};
    h.stems = {"jazz"};
    std::string text = "Lady GaGa at a ball. " + repeat("filler words here. ", 12) +
                       "She met Gaga at her Jazz show. " + repeat("more filler text. ", 12) +
                       "Lady Gaga Lady Gaga in concert.";
    std::string s = snippet(text, h, 80);
    CHECK(s.find("[[Gaga]]") != std::string::npos);
    CHECK(s.find("[[Jazz]]") != std::string::npos);
    CHECK(snippet("Lady GaGa sang.", h) == "[[Lady GaGa]] sang.");
}

TEST_CASE("length 0 is the whole text, its words marked (--show --highlight)") {
    const std::string text =
        "The first sentence says nothing. A long middle part follows here, and the word gaga comes late in "
        "the text. Then the end, which names gaga again, well after the first mark.";
    CHECK(snippet(text, words({"gaga"}), 0) ==
          "The first sentence says nothing. A long middle part follows here, and the word [[gaga]] comes late in "
          "the text. Then the end, which names [[gaga]] again, well after the first mark.");
    CHECK(snippet(text, Highlight{}, 0) == text);
}
