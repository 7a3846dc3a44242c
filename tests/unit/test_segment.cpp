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

// ---- Other platforms' embeds (indexer/embeds.cpp, doc/embeds.md) ---------------

namespace {

struct Expected {
    std::string platform, handle, name, text, iso, prose;
};

void check_one_post(const std::string& body, const Expected& want) {
    CAPTURE(body);
    Segmented s = segment(body);
    REQUIRE(s.posts.size() == 1);
    const Post& p = s.posts[0];
    CHECK(p.platform == want.platform);
    CHECK(p.handle == want.handle);
    CHECK(p.display_name == want.name);
    CHECK(p.text == want.text);
    CHECK(p.date.has_value() == !want.iso.empty());
    if (p.date) CHECK(p.date->iso() == want.iso);
    CHECK(s.prose == want.prose);
}

void check_prose_only(const std::string& body, const std::string& prose) {
    CAPTURE(body);
    Segmented s = segment(body);
    CHECK(s.posts.empty());
    CHECK(s.prose == prose);
}

}  // namespace

TEST_CASE("Instagram embeds: author, date when given, the caption standing above") {
    auto [body, want] = GENERATE(table<std::string, Expected>({
        {"Intro.\n\nParis mornings 🥐☕️ see you soon BLINKs\n\nView this post on Instagram\n\n"
         "A post shared by LISA (@lalalalisa_m) on Nov 1, 2023 at 4:12am PDT\n\nOutro.",
         {"instagram", "@lalalalisa_m", "LISA", "Paris mornings 🥐☕️ see you soon BLINKs", "2023-11-01", "Intro.\n\nOutro."}},
        // Newer embeds: no date; prose above (a sentence) is no caption.
        {"She shared photos on Tuesday.\n\nView this post on Instagram\n\nA post shared by LISA (@lalalalisa_m)",
         {"instagram", "@lalalalisa_m", "LISA", "", "", "She shared photos on Tuesday."}},
        // Older embeds: the byline alone, the caption on the line above.
        {"so happy 💕 #tbt\nA photo posted by Jennie (@jennierubyjane) on Jan 16, 2016 at 9:00pm PST",
         {"instagram", "@jennierubyjane", "Jennie", "so happy 💕 #tbt", "2016-01-16", ""}},
        {"A video shared by BLACKPINK (@blackpinkofficial) on Aug 8, 2022\n\nAfter.",
         {"instagram", "@blackpinkofficial", "BLACKPINK", "", "2022-08-08", "After."}},
        // Both lines on one; a byline without a display name.
        {"View this post on Instagram A post shared by ROSÉ (@roses_are_rosie)",
         {"instagram", "@roses_are_rosie", "ROSÉ", "", "", ""}},
        {"View this post on Instagram\nA post shared by @lalalalisa_m", {"instagram", "@lalalalisa_m", "", "", "", ""}},
        // A caption over adjacent lines is read whole; an introduction is no caption.
        {"line one 🖤\nline two #blackpink\n\nView this post on Instagram\n\nA post shared by Jisoo (@sooyaaa__)",
         {"instagram", "@sooyaaa__", "Jisoo", "line one 🖤 line two #blackpink", "", ""}},
        {"Check out her post 👇:\n\nView this post on Instagram\n\nA post shared by Jisoo (@sooyaaa__)",
         {"instagram", "@sooyaaa__", "Jisoo", "", "", "Check out her post 👇:"}},
        {"She wrote \"love you @jennierubyjane 🖤.\"\n\nA post shared by Jisoo (@sooyaaa__)",
         {"instagram", "@sooyaaa__", "Jisoo", "", "", "She wrote \"love you @jennierubyjane 🖤.\""}},
    }));
    check_one_post(body, want);
}

TEST_CASE("TikTok embeds: handle, caption with its tags and sound, on one line or several") {
    auto [body, want] = GENERATE(table<std::string, Expected>({
        {"Fans made edits.\n\n@blinkparis.edits the way she looks 😭 #lisa #blackpink ♬ Rockstar - LISA\n\nOutro.",
         {"tiktok", "@blinkparis.edits", "", "the way she looks 😭 #lisa #blackpink ♬ Rockstar - LISA", "",
          "Fans made edits.\n\nOutro."}},
        {"@mycloverbloomss #oliviarodrigo #fyp ♬ sorry I didnt order - Jann",
         {"tiktok", "@mycloverbloomss", "", "#oliviarodrigo #fyp ♬ sorry I didnt order - Jann", "", ""}},
        {"@jo.dance\nnew routine #kpop\n♬ original sound - jo", {"tiktok", "@jo.dance", "", "new routine #kpop ♬ original sound - jo", "", ""}},
        {"Intro.\n\n@jo\n\nfirst try 🎉\n\n♬ original sound - Jo\n\nOutro.",
         {"tiktok", "@jo", "", "first try 🎉 ♬ original sound - Jo", "", "Intro.\n\nOutro."}},
    }));
    check_one_post(body, want);
}

TEST_CASE("Threads embeds: handle, the text when it stands above") {
    auto [body, want] = GENERATE(table<std::string, Expected>({
        {"Rosé reposted a photo.\n\nPost by @roses_are_rosie\nView on Threads\n\nOutro.",
         {"threads", "@roses_are_rosie", "", "", "", "Rosé reposted a photo.\n\nOutro."}},
        {"new chapter 🌹\n\nPost by @roses_are_rosie\n\nView on Threads", {"threads", "@roses_are_rosie", "", "new chapter 🌹", "", ""}},
        {"View on Threads\nPost by @zuck", {"threads", "@zuck", "", "", "", ""}},
    }));
    check_one_post(body, want);
}

TEST_CASE("X embeds: pic.x.com links as pic.twitter.com ones, the text on the line above") {
    auto [body, want] = GENERATE(table<std::string, Expected>({
        {"my whole heart 🥹 pic.x.com/Ab3dEf9GhI— lisa updates (@lalisaupdates_) November 1, 2023",
         {"x", "@lalisaupdates_", "lisa updates", "my whole heart 🥹 pic.x.com/Ab3dEf9GhI", "2023-11-01", ""}},
        {"Intro.\n\nso proud of her pic.twitter.com/abc\n— Jane Doe (@jane_d) June 21, 2023\n\nOutro.",
         {"x", "@jane_d", "Jane Doe", "so proud of her pic.twitter.com/abc", "2023-06-21", "Intro.\n\nOutro."}},
        {"See it here:\n— Jane Doe (@jane_d) June 21, 2023", {"x", "@jane_d", "Jane Doe", "", "2023-06-21", "See it here:"}},
    }));
    check_one_post(body, want);
}

TEST_CASE("embed boilerplate without an author goes, with no post") {
    auto [body, prose] = GENERATE(table<std::string, std::string>({
        {"Intro.\n\nView this post on Instagram\n\nView this post on Instagram\n\nOutro.", "Intro.\n\nOutro."},
        {"Intro.\n\nView on Threads\n\nOutro.", "Intro.\n\nOutro."},
        {"Intro.\n\n♬ original sound - jo\n\nOutro.", "Intro.\n\nOutro."},
    }));
    check_prose_only(body, prose);
}

TEST_CASE("prose naming a platform or a handle makes no post on any platform") {
    auto body = GENERATE(as<std::string>{},
        "A post shared by the singer drew four million likes.",
        "Lisa shared the photos on Instagram (@lalalalisa_m) on Tuesday.",
        "A post shared by LISA (@lalalalisa_m) on her birthday drew fans.",
        "A post shared by LISA (@lalalalisa_m) on Nov 31, 2023",
        "View this post on Instagram to see the rest.",
        "Fans on TikTok were quick to turn the moment into edits.",
        "@jo loved the song ♬",
        "@bob's video ♬ Rockstar - LISA",
        "We asked @bob about ♬ Rockstar - LISA",
        "@jo said hi.\n\nMore prose.\n\nEven more.\n\nAnd more.\n\nStill more ♬ late",
        "Post by @roses_are_rosie",
        "Rosé posted on Threads (@roses_are_rosie) today.\n\nView on Threads, she said.",
        "BLACKPINK's Jennie | @jennierubyjane/Instagram");
    check_prose_only(body, body);
}

TEST_CASE("an article with one embed of each platform keeps them in order, prose between") {
    std::string body =
        "Lisa posted from Paris.\n\n"
        "Paris mornings 🥐 see you soon\n\nView this post on Instagram\n\n"
        "A post shared by LISA (@lalalalisa_m) on Nov 1, 2023 at 4:12am PDT\n\n"
        "Fans made edits.\n\n"
        "@blinkparis.edits the way she looks 😭 #lisa ♬ Rockstar - LISA\n\n"
        "Rosé reposted it.\n\nPost by @roses_are_rosie\nView on Threads\n\n"
        "my whole heart pic.x.com/Ab3— lisa updates (@lalisaupdates_) November 1, 2023\n\n"
        "Nameless @fan wow wow\n\n"
        "The end.";
    Segmented s = segment(body);
    CHECK(handles(s) == std::vector<std::string>{"@lalalalisa_m", "@blinkparis.edits", "@roses_are_rosie",
                                                 "@lalisaupdates_", "@fan"});
    std::vector<std::string> platforms;
    for (const Post& p : s.posts) platforms.push_back(p.platform);
    CHECK(platforms == std::vector<std::string>{"instagram", "tiktok", "threads", "x", "x"});
    CHECK(s.prose == "Lisa posted from Paris.\n\nFans made edits.\n\nRosé reposted it.\n\nThe end.");
}

TEST_CASE("the seeds' posts are all X posts") {
    for (const auto& file : {kSeed001, kSeed002})
        for (const Post& p : segment(read_seed(file)).posts) CHECK(p.platform == "x");
}
