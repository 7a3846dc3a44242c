#include "segment.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace news;
using namespace news::indexer;

namespace {

std::string read_seed(const std::string& name) {
    std::ifstream in(std::string(NEWS_SOURCE_DIR "/corpus/") + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string kSeed000 = "000_94794d201c4013cb.txt";
const std::string kSeed001 = "001_a3c739b97393af1b.txt";
const std::string kSeed002 = "002_621f14e393696cc3.txt";

size_t count(const std::string& text, const std::string& piece) {
    size_t n = 0;
    for (size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + piece.size())) ++n;
    return n;
}

std::vector<std::string> handles(const Segmented& s) {
    std::vector<std::string> out;
    for (const auto& p : s.posts) out.push_back(p.handle);
    return out;
}

}  // namespace

// ---- The seeds ---------------------------------------------------------------

TEST_CASE("the seeds hold twelve posts, in order of appearance") {
    CHECK(segment(read_seed(kSeed000)).posts.empty());
    CHECK(handles(segment(read_seed(kSeed001))) ==
          std::vector<std::string>{"@Vdailyl", "@vantebear_", "@chromatikadi", "@pjggulmayo", "@dessym1"});
    CHECK(handles(segment(read_seed(kSeed002))) ==
          std::vector<std::string>{"@ladygaganownet", "@GagaChileanFans", "@starryguktae", "@tae_mybabybear",
                                   "@jayixhere", "@dadobabie", "@HappyTae95"});
}

TEST_CASE("each seed post has its author, its text once and its own date") {
    auto [file, index, handle, name, piece, dated] =
        GENERATE(table<std::string, size_t, std::string, std::string, std::string, bool>({
            {kSeed001, 0, "@Vdailyl", "thv updates ♛", "Taehyung talks about Lady Gaga", false},
            {kSeed001, 1, "@vantebear_", "nochu", "this whole interaction is so wholesome", false},
            {kSeed001, 2, "@chromatikadi", "Skadi 🤍", "im speaking for me and my bestie @bluberrymin", false},
            {kSeed001, 3, "@pjggulmayo", "octopus", "a jazz collab between gaga and v would be amazing!", false},
            {kSeed001, 4, "@dessym1", "Dessy Miranti", "Gaga & V 🕯 ballad collab 🕯 prod by Suga", false},
            {kSeed002, 0, "@ladygaganownet", "Lady Gaga Now 🃏", "at the 64th Grammy Awards. pic.twitter.com/OwKcz4ztj5", true},
            {kSeed002, 1, "@GagaChileanFans", "Lady Gaga Fans Chile 🫶", "working on an album (maybe Jazz 👀).", true},
            {kSeed002, 2, "@starryguktae", "7✯ ash", "TAEHYUNG X LADY GAGA OMG?" "?!!!", true},
            {kSeed002, 3, "@tae_mybabybear", "눈꽃왕자 태", "queen and king of Jazz plssss", true},
            {kSeed002, 4, "@jayixhere", "𝗝 𝗮 𝘆 𝘆🌶", "i can sense some possible collaboration here 👀", true},
            {kSeed002, 5, "@dadobabie", "ؘ", "they should collab on a track and on movies too 🥰", true},
            {kSeed002, 6, "@HappyTae95", "ⱽ", "his jazz queen pic.twitter.com/Y1FN8nvw8c", true},
        }));
    CAPTURE(file, handle);
    Segmented s = segment(read_seed(file));
    REQUIRE(index < s.posts.size());
    const Post& post = s.posts[index];
    CHECK(post.handle == handle);
    CHECK(post.display_name == name);
    CHECK(count(post.text, piece) == 1);
    CHECK(post.text.find('\n') == std::string::npos);
    CHECK(post.text.find("— ") == std::string::npos);
    CHECK(post.text.find(handle) == std::string::npos);
    if (dated) {
        REQUIRE(post.date);
        CHECK(post.date->iso() == "2023-06-21");
    } else {
        CHECK_FALSE(post.date);
    }
}

TEST_CASE("seed cards keep their repeated text once, flattened, with the link") {
    auto [index, text] = GENERATE(table<size_t, std::string>({
        {0, ": I’m a big fan Taehyung talks about Lady Gaga🐻: I’m a big fan https://t.co/Sng4ocZF2f"},
        {2, "V and Gaga collab pls im speaking for me and my bestie @bluberrymin https://t.co/o950D4czMc"},
        {3, "i'm just really happy to see many armys appreciating gaga today, and vice versa. the interaction "
            "between her and v was one of the sweetest moments during the grammys. a jazz collab between gaga "
            "and v would be amazing!"},
        {4, "Manifesting 🕯 🕯 🕯 🕯 Gaga & V 🕯 ballad collab 🕯 prod by Suga 🕯 🕯 🕯 🕯"},
    }));
    Segmented s = segment(read_seed(kSeed001));
    REQUIRE(index < s.posts.size());
    CHECK(s.posts[index].text == text);
}

TEST_CASE("a seed's prose keeps the article's own text and loses the posts") {
    auto [file, kept] = GENERATE(table<std::string, std::string>({
        {kSeed001, "She said that she really likes us and that she’s cheering for us.\"\n\nThe other BTS members"},
        {kSeed001, "alongside the caption, \"My jazz queen is @lady gaga.\""},
        {kSeed001, "I felt like it could be rude…\"\n\nWatch the full VLive here:\n\nWhile V's excitement"},
        {kSeed001, "begging for a collaboration.\n\nBTS may have lost the Best Pop Duo/Group"},
        {kSeed001, "Edited by Rachel Syiemlieh"},
        {kSeed002, "Check out the old photo here:\n\nTwitter has been abuzz"},
        {kSeed002, "A user theorized, “Maybe that’s the special project! He’s working on an album (maybe Jazz).”"},
        {kSeed002, "Watch the moment of their meeting here:\n\nV recently released the music cover"},
    }));
    CAPTURE(file);
    Segmented s = segment(read_seed(file));
    CHECK(count(s.prose, kept) == 1);
    for (const Post& post : s.posts) {
        CHECK(s.prose.find(post.text) == std::string::npos);
        CHECK(s.prose.find(post.handle) == std::string::npos);
    }
    for (const char* gone : {"t.co/", "pic.twitter.com", "(@", "June 21, 2023", "🕯", "\n\n\n"})
        CHECK(s.prose.find(gone) == std::string::npos);
}

TEST_CASE("a seed without posts comes back as it was") {
    std::string body = read_seed(kSeed000);
    CHECK(segment(body).prose == body);
}

// ---- Small cases ---------------------------------------------------------------

TEST_CASE("a lone post is read with its author, text and date") {
    auto [body, handle, name, text, iso] = GENERATE(table<std::string, std::string, std::string, std::string, std::string>({
        // Embeds, with and without a date.
        {"Great news!— Jane Doe (@jane_d) June 21, 2023", "@jane_d", "Jane Doe", "Great news!", "2023-06-21"},
        {"Great news!— Jane Doe (@jane_d) 3 May 2021", "@jane_d", "Jane Doe", "Great news!", "2021-05-03"},
        {"Great news! — Jane Doe (@jane_d)", "@jane_d", "Jane Doe", "Great news!", ""},
        {"wait — what?— J (@j) June 21, 2023", "@j", "J", "wait — what?", "2023-06-21"},
        // Cards: doubled with a link, doubled without, over several lines, link only.
        {"Jo Bloggs @jobloggs what a night what a night https://t.co/AbC123", "@jobloggs", "Jo Bloggs",
         "what a night https://t.co/AbC123", ""},
        {"Jo ✨ @jo so happy today so happy today", "@jo", "Jo ✨", "so happy today", ""},
        {"Jo @jo Line one\n\nline two\n\nLine one line two https://t.co/x", "@jo", "Jo", "Line one line two https://t.co/x", ""},
        {"Jo @jo\n\n\n\nhello there hello there🎉 https://t.co/x", "@jo", "Jo", "hello there🎉 https://t.co/x", ""},
        {"Jo @jo\n\nhello there https://t.co/x", "@jo", "Jo", "hello there https://t.co/x", ""},
        {"Jo @jo hello there https://t.co/x", "@jo", "Jo", "hello there https://t.co/x", ""},
        // A mention inside a post's text is part of the post.
        {"Skadi 🤍 @chromatikadi me and @bluberrymin me and @bluberrymin https://t.co/o9", "@chromatikadi",
         "Skadi 🤍", "me and @bluberrymin https://t.co/o9", ""},
        {"thanks @bob!— Ann (@ann) June 21, 2023", "@ann", "Ann", "thanks @bob!", "2023-06-21"},
    }));
    CAPTURE(body);
    Segmented s = segment(body);
    REQUIRE(s.posts.size() == 1);
    CHECK(s.posts[0].handle == handle);
    CHECK(s.posts[0].display_name == name);
    CHECK(s.posts[0].text == text);
    CHECK(s.posts[0].date.has_value() == !iso.empty());
    if (s.posts[0].date) CHECK(s.posts[0].date->iso() == iso);
    CHECK(s.prose.empty());
}

TEST_CASE("mentions and handles in prose make no post") {
    auto body = GENERATE(as<std::string>{},
        "",
        "No handles here at all.\r\n\r\nNor here.",
        "We asked @bob about it, and he laughed.",
        "V posted the caption, \"My jazz queen is @lady gaga.\" He deleted it.",
        "Thanks to @bob for the tip.\n\nMore at https://t.co/abc",
        "Thanks to @bob for the tip.\n\nHe said so twice. He said so twice.",
        "Mail me at jo@example.com or jo@example.com",
        "Jo @jo",
        "@jo hello hello",
        "He said— Jane Doe (@jane_d) was right.",
        "The fan (@jane_d) June 21, 2023 wrote nothing.");
    CAPTURE(body);
    Segmented s = segment(body);
    CHECK(s.posts.empty());
    CHECK(s.prose == body);
}

TEST_CASE("posts are cut out of the prose, paragraph breaks kept") {
    std::string body =
        "Intro line one.\nIntro line two.\n\n"
        "nochu @vantebear_ so precious so precious https://t.co/x\n\n"
        "Middle.\n\n"
        "Wow— A B (@ab) June 21, 2023\n"
        "Skadi 🤍 @sk hi @bob hi @bob\n\n\n"
        "Outro.\n";
    Segmented s = segment(body);
    CHECK(handles(s) == std::vector<std::string>{"@vantebear_", "@ab", "@sk"});
    CHECK(s.prose == "Intro line one.\nIntro line two.\n\nMiddle.\n\nOutro.");
}

TEST_CASE("CRLF line endings read like LF ones") {
    std::string body =
        "Intro.\r\n\r\n"
        "nochu @vantebear_ so precious so precious https://t.co/x\r\n\r\n"
        "Dessy @d Manifesting\r\n\r\nGaga & V\r\n\r\nManifesting Gaga & V\r\n\r\n"
        "Wow— A B (@ab) June 21, 2023\r\n\r\n"
        "Outro.\r\n";
    Segmented s = segment(body);
    REQUIRE(s.posts.size() == 3);
    CHECK(s.posts[0].text == "so precious https://t.co/x");
    CHECK(s.posts[1].text == "Manifesting Gaga & V");
    CHECK(s.posts[2].text == "Wow");
    REQUIRE(s.posts[2].date);
    CHECK(s.posts[2].date->iso() == "2023-06-21");
    CHECK(s.prose == "Intro.\n\nOutro.");
}
