#include "news/text.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <bitset>
#include <set>
#include <string>
#include <vector>

using namespace news;

namespace {

// The terms Xapian's TermGenerator makes from a normalised text, as the indexer does.
std::set<std::string> terms_of(const std::string& text) {
    Xapian::TermGenerator tg;
    tg.set_stemmer(text_stemmer());
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(normalise_text(text));
    return {doc.termlist_begin(), doc.termlist_end()};
}

// The terms a query's QueryParser reading asks for.
std::set<std::string> query_terms(const std::string& query) {
    Xapian::QueryParser qp;
    qp.set_stemmer(text_stemmer());
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    auto q = qp.parse_query(normalise_query(query),
                            Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM);
    return {q.get_terms_begin(), q.get_terms_end()};
}

bool subset(const std::set<std::string>& a, const std::set<std::string>& b) {
    for (const auto& t : a)
        if (!b.count(t)) return false;
    return true;
}

}  // namespace

TEST_CASE("a query finds the text it was typed from") {
    auto [text, query] = GENERATE(table<std::string, std::string>({
        {"J-Hope’s caption", "j-hope"},
        {"J-Hope's caption", "J-Hope"},
        {"the K-pop idol", "k-pop"},
        {"Beyoncé sang", "beyonce"},
        {"Beyoncé sang", "Beyoncé"},
        {"CONCERTS in Seoul", "concert"},
        {"Concerts in Seoul", "Concerts"},
        {"BTS 방탄소년단 콘서트", "방탄소년단"},
        {"Taehyung talks about Lady Gaga🐻: I’m a big fan", "gaga"},
        {"love❤️you all", "you"},
        {"Jazz 👀).— Lady Gaga", "jazz"},
        {"BTS’ V aka Kim Taehyung", "bts"},
    }));
    INFO(text << " / " << query);
    CHECK(subset(query_terms(query), terms_of(text)));
}

TEST_CASE("URLs leave no junk words") {
    auto t = terms_of("a pic https://t.co/Sng4ocZF2f and pic.twitter.com/OwKcz4ztj5 here www.example.com/x.");
    CHECK_FALSE(t.count("sng4oczf2f"));
    CHECK_FALSE(t.count("co"));
    CHECK_FALSE(t.count("https"));
    CHECK_FALSE(t.count("owkcz4ztj5"));
    CHECK_FALSE(t.count("twitter"));
    CHECK(t.count("pic"));
    CHECK(t.count("here"));
}

TEST_CASE("X's new picture links leave no junk words either") {
    auto t = terms_of("my whole heart pic.x.com/Ab3dEf9GhI— lisa updates");
    CHECK_FALSE(t.count("ab3def9ghi"));
    CHECK_FALSE(t.count("x"));
    CHECK(t.count("heart"));
    CHECK(t.count("lisa"));
}

TEST_CASE("emoji and variation selectors never glue onto words") {
    auto t = terms_of("love\xE2\x9D\xA4\xEF\xB8\x8Fyou Gaga\xF0\x9F\x83\x8F(fan) 👍🏽great");
    CHECK(t.count("love"));
    CHECK(t.count("you"));
    CHECK(t.count("gaga"));
    CHECK(t.count("fan"));
    CHECK(t.count("great"));
    for (const auto& term : t) CHECK(term.find("\xEF\xB8\x8F") == std::string::npos);
}

TEST_CASE("queries keep operators only where they were plainly meant") {
    auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"kennedy AND diem", "kennedy AND diem"},
        {"KENNEDY AND DIEM", "kennedy and diem"},
        {"Lady Gaga NOT Grammy", "lady gaga NOT grammy"},
        {"\"Born This Way\" OR Shallow", "\"born this way\" OR shallow"},
        {"gaga NEAR/5 jazz", "gaga NEAR/5 jazz"},
        {"Beyoncé’s tour", "beyonce tour"},
    }));
    CHECK(normalise_query(query) == expected);
}

TEST_CASE("words are split as the term generator splits them, with byte ranges") {
    std::string text = "J-Hope’s “Butter” 방탄소년단은 don't";
    auto words = split_words(text);
    REQUIRE(words.size() == 5);
    CHECK(words[0].key == "j");
    CHECK(words[1].key == "hope");
    CHECK(text.substr(words[1].begin, words[1].end - words[1].begin) == "Hope’s");
    CHECK(words[2].key == "butter");
    CHECK(words[3].cjk);
    CHECK(words[3].key == "방탄소년단은");
    CHECK(words[4].key == "don't");
    // Plain ASCII takes a faster path: the same keys, the possessive dropped
    // in any case, the apostrophe kept inside a word.
    std::vector<std::string> keys;
    for (const Word& w : split_words("MOODY'S Moody's o'neill's it's 'quoted' A's x's GOV'T _id 9'5"))
        keys.push_back(w.key);
    CHECK(keys == std::vector<std::string>{"moody", "moody", "o'neill", "it", "quoted", "a", "x", "gov't", "_id", "9'5"});
}

TEST_CASE("words at the edges: apostrophes, scripts, emoji and bytes that are not UTF-8") {
    // Each word as "begin-end:key", a CJK run marked with '*'.
    auto words = [](const std::string& text) {
        std::vector<std::string> out;
        for (const Word& w : split_words(text))
            out.push_back(std::to_string(w.begin) + "-" + std::to_string(w.end) + ":" + w.key + (w.cjk ? "*" : ""));
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(words("rock'") == V{"0-4:rock"});
    CHECK(words("rock’") == V{"0-4:rock"});
    // The text's end is the view's, not the string's.
    const std::string longer = "rock'n roll";
    REQUIRE(split_words(std::string_view(longer).substr(0, 5)).size() == 1);
    CHECK(split_words(std::string_view(longer).substr(0, 5))[0].key == "rock");
    CHECK(words("o’neill’s") == V{"0-13:o'neill"});
    CHECK(words("a'b'c") == V{"0-5:a'b'c"});
    CHECK(words("don''t") == V{"0-3:don", "5-6:t"});
    CHECK(words("x'뷔") == V{"0-1:x", "2-5:뷔*"});
    CHECK(words("뷔'x") == V{"0-3:뷔*", "4-5:x"});
    CHECK(words("Beyonc\xC3\xA9's") == V{"0-10:beyonce"});
    CHECK(words("caf\xE9 ole") == V{"0-4:cafe", "5-8:ole"});  // a lone byte is a character of its own
    CHECK(words("a\xE2\x80") == V{"0-2:aa"});                 // cut short
    CHECK(words("😀fan😀") == V{"4-7:fan"});
    CHECK(words("a\xE2\x80\x8D" "b") == V{"0-1:a", "4-5:b"});  // a zero-width joiner splits
    CHECK(words("ABC_123") == V{"0-7:abc_123"});
    CHECK(words("Ǆemal İstanbul ﬁne") == V{"0-6:dzemal", "7-16:istanbul", "17-22:fine"});  // ligature: its letters
}

TEST_CASE("letters in every form fold as plain letters do") {
    auto [written, plain] = GENERATE(table<std::string, std::string>({
        {"ＬＩＳＡ", "lisa"},                       // fullwidth
        {"𝐋𝐢𝐬𝐚", "lisa"},                           // mathematical bold
        {"𝘓𝘪𝘴𝘢", "lisa"},                           // mathematical sans-serif italic
        {"𝓛𝓲𝓼𝓪", "lisa"},                           // mathematical bold script
        {"Ἀθῆναι", "αθηναι"},                       // Greek breathings and accents
        {"Αθήνα", "αθηνα"},                         // Greek tonos
        {"ΟΔΟΣ", "οδοσ"},                           // Greek capitals: one sigma
        {"οδός", "οδοσ"},                           // and the final sigma folds to it
        {"Ёлка", "елка"},                           // Cyrillic ё
        {"Nguyễn Thị Ánh", "nguyen thi anh"},       // Vietnamese, two marks on one letter
        {"Beyonce\u0301", "beyonce"},               // a mark typed apart
        {"Straße", "strasse"},
        {"Øresund Łódź Đorđe", "oresund lodz dorde"},
        {"ﬁnance", "finance"},
        {"ex\u00ADample", "example"},               // soft hyphen
    }));
    INFO(written);
    std::string keys;
    for (const Word& w : split_words(written)) keys += (keys.empty() ? "" : " ") + w.key;
    CHECK(keys == plain);
    CHECK(Xapian::Unicode::tolower(normalise_text(written)) == plain);
    CHECK(normalise_query(written) == plain);
}

TEST_CASE("letters that are part of their script keep their marks") {
    CHECK(fold_word("हिन्दी") == "हिन्दी");     // Devanagari vowel signs and virama
    CHECK(fold_word("ไทย") == "ไทย");
    CHECK(fold_word("방탄소년단") == "방탄소년단");  // Hangul stays in syllables
    CHECK(fold_word("がんばって") == "がんばって");  // kana keep their voicing marks
    CHECK(normalise_text("Google™ 5㎏") == "Google™ 5㎏");  // symbols are not letters
}

TEST_CASE("abbreviations: dotted ones are words, stop words in capitals are marked") {
    auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"the U.N. Security Council", "the UN Security Council"},
        {"E.C. ministers in N.Y.", "EC ministers in NY"},
        {"U.S.A. and U.K.", "USA and UK"},
        {"U.S-Japan talks", "U_S-Japan talks"},
        {"U.S. officials", "U_S officials"},
        {"the US economy", "the U_S economy"},
        {"WHO said IT", "W_H_O said I_T"},
        {"BANK OF ENGLAND IT", "BANK OF ENGLAND IT"},   // a text all in capitals: stop words
        {"US TRADE DEFICIT", "U_S TRADE DEFICIT"},      // but "US" is the country in any text
        {"let us pray", "let us pray"},
        {"coffee OR tea AND NOT milk", "coffee OR tea AND NOT milk"},  // operators stay
        {"“U.S.” said", "“U_S” said"},
        {"U.S.'s trade", "U_S trade"},
        {"e.g. this", "eg this"},
        {"J.R.R. Tolkien", "JRR Tolkien"},
        {"John F. Kennedy", "John F. Kennedy"},           // one initial is no abbreviation
        {"bbc.co.uk and a.b.com", "bbc.co.uk and a.b.com"},
        {"3.5.1", "3.5.1"},
    }));
    INFO(text);
    CHECK(normalise_text(text) == expected);
}

TEST_CASE("an abbreviation is searched as it was indexed") {
    auto [text, query] = GENERATE(table<std::string, std::string>({
        {"the U.N. Security Council met", "U.N."},
        {"the U.N. Security Council met", "UN"},
        {"the UN Security Council met", "U.N."},
        {"talks at the U.N.", "u.n."},
        {"U.S. officials", "U.S."},
        {"U.S. officials", "US officials"},
        {"the US economy", "U.S. economy"},
        {"the US economy", "US"},
        {"E.C. ministers", "E.C."},
        {"in N.Y. today", "N.Y."},
    }));
    INFO(text << " / " << query);
    CHECK(subset(query_terms(query), terms_of(text)));
    CHECK_FALSE(query_terms(query).empty());
}

TEST_CASE("U.S. stays apart from the pronoun us") {
    CHECK_FALSE(terms_of("let us go").count("u_s"));
    CHECK(terms_of("the U.S. said").count("u_s"));
    CHECK_FALSE(terms_of("the U.S. said").count("us"));
    CHECK(query_terms("U.S.") == query_terms("US"));
    CHECK(query_terms("U.S. trade") == query_terms("US trade"));
    CHECK_FALSE(query_terms("U.S.").count("Zus"));
    CHECK(query_terms("us") == std::set<std::string>{"Zus"});
}

TEST_CASE("split_words keys abbreviations as normalise_text writes them") {
    using V = std::vector<std::string>;
    auto words = [](const std::string& t) {
        V out;
        for (const Word& w : split_words(t)) out.push_back(std::to_string(w.begin) + "-" + std::to_string(w.end) + ":" + w.key);
        return out;
    };
    CHECK(words("U.N. aid") == V{"0-4:un", "5-8:aid"});
    CHECK(words("the U.S. said") == V{"0-3:the", "4-8:u_s", "9-13:said"});
    CHECK(words("the US said") == V{"0-3:the", "4-6:u_s", "7-11:said"});
    CHECK(words("IT") == V{"0-2:it"});  // no lower-case letter: the stop word in capitals
    CHECK(words("US") == V{"0-2:u_s"});  // but "US" is the country in any text
    CHECK(words("U.S") == V{"0-3:u_s"});
    CHECK(words("D.O.") == V{"0-4:d_o"});
    CHECK(fold_word("U.S.") == "u_s");
    CHECK(fold_word("U.N.") == "un");
}

TEST_CASE("split_words with key_starts: the same words and ranges, keys only where they may be wanted") {
    const std::string text =
        "Gaga's JAZZ show, j-hope and Émile at the 방탄소년단 concert: don't Gaga_1 9pm "
        "x'뷔 Beyonc\xC3\xA9's caf\xE9 ABC_123 grammy GRAMMYS";
    const std::vector<Word> all = split_words(text);
    for (const std::string starts : {"", "g", "gj", "cd9_x", "abcdefghijklmnopqrstuvwxyz0123456789_"}) {
        std::bitset<256> wanted;
        for (char c : starts) wanted.set(static_cast<unsigned char>(c));
        const std::vector<Word> some = split_words(text, wanted);
        INFO("key starts \"" << starts << "\"");
        REQUIRE(some.size() == all.size());
        for (size_t i = 0; i < all.size(); ++i) {
            INFO(all[i].key);
            CHECK(some[i].begin == all[i].begin);
            CHECK(some[i].end == all[i].end);
            CHECK(some[i].cjk == all[i].cjk);
            const std::string_view raw(text.data() + all[i].begin, all[i].end - all[i].begin);
            const bool ascii = std::all_of(raw.begin(), raw.end(), [](char c) { return (c & 0x80) == 0; });
            if (!ascii || wanted.test(static_cast<unsigned char>(all[i].key[0])))
                CHECK(some[i].key == all[i].key);  // CJK and beyond ASCII always, the rest when wanted
            else
                CHECK(some[i].key.empty());
        }
    }
}

TEST_CASE("the stop list is Snowball's English one, whole words in lower case") {
    const Xapian::Stopper& stop = stopper();
    // Its first and last words in order, and some between (a binary search
    // over a list out of order would miss some of them).
    for (const char* w : {"a", "about", "yourselves", "the", "theirs", "them", "s", "t", "don", "will", "nor", "i"})
        CHECK(stop(w));
    for (const char* w : {"", "The", "THE", "th", "thee", "zebra", "aa", "yourselvesx", "gaga", "bts", "v"})
        CHECK_FALSE(stop(w));
    // The same 127 words as Xapian's SimpleStopper given the Snowball list.
    const char* snowball[] = {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
        "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
        "itself", "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom",
        "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being",
        "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but",
        "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to",
        "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then",
        "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few",
        "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so",
        "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now"};
    REQUIRE(std::size(snowball) == 127);
    for (const char* w : snowball) CHECK(stop(w));
}

TEST_CASE("the text stemmer gives Xapian's English stems, also once it has remembered them and started afresh") {
    const Xapian::Stem english("english");
    const std::vector<std::string> words = {"concerts", "concert", "dying",  "generously", "skies", "running",
                                            "taehyung", "jazz",    "queens", "",           "1987",  "ponies",
                                            "concerts", "dying",   "gaga",   "relational", "x",     "concerts"};
    // Remembering 3 words at most: it starts afresh several times on the way.
    for (size_t keep : {size_t{100000}, size_t{3}, size_t{1}}) {
        Xapian::Stem stem = text_stemmer(keep);
        for (int pass = 0; pass < 2; ++pass)
            for (const auto& w : words) {
                INFO(keep << " " << w);
                CHECK(stem(w) == english(w));
            }
        CHECK(stem.get_description() == english.get_description());
    }
    CHECK(text_stemmer()("concerts") == "concert");
}

TEST_CASE("hashtags and handles are extracted in lower case, once each") {
    auto tags = extract_tags("#BTS is here @Vdailyl and @vdailyl, mail me@example.com #방탄소년단 #");
    CHECK(tags.hashtags == std::vector<std::string>{"bts", "방탄소년단"});
    CHECK(tags.mentions == std::vector<std::string>{"vdailyl"});
}

TEST_CASE("a handle keeps the dots between its letters, not a sentence's full stop") {
    auto tags = extract_tags("edit by @BlinkParis.Edits. Thanks @jo. And @a..b #tag.more");
    CHECK(tags.mentions == std::vector<std::string>{"blinkparis.edits", "jo", "a"});
    CHECK(tags.hashtags == std::vector<std::string>{"tag"});
}

TEST_CASE("text that is not UTF-8 is decoded as Windows-1252") {
    CHECK(is_valid_utf8("Beyonc\xC3\xA9"));
    CHECK_FALSE(is_valid_utf8("Beyonc\xE9"));
    CHECK_FALSE(is_valid_utf8("\xC0\x80"));
    CHECK(windows1252_to_utf8("Beyonc\xE9 \x93hi\x94 \xA3") == "Beyoncé “hi” £");
}

namespace {
// UTF-8 as RFC 3629 has it, a byte at a time (is_valid_utf8 skips ASCII
// eight bytes at a time).
bool valid_utf8_reference(const std::string& b) {
    for (size_t i = 0; i < b.size();) {
        const auto c = static_cast<unsigned char>(b[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > b.size()) return false;
        unsigned cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(b[i + k]);
            if ((cc >> 6) != 0x2) return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}
}  // namespace

TEST_CASE("is_valid_utf8 agrees with a byte-at-a-time check wherever the non-ASCII bytes fall") {
    // ASCII runs of every length around the 8-byte steps, with one sequence
    // (whole, cut short, overlong, a surrogate, or a stray byte) at each place.
    const std::vector<std::string> pieces{"\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x8E\xA4", "\xC3", "\xE2\x80",
                                          "\xC0\x80", "\xED\xA0\x80", "\x80", "\xFF", "\xF4\x90\x80\x80"};
    size_t checked = 0, valid = 0;
    for (size_t before = 0; before <= 17; ++before)
        for (size_t after = 0; after <= 17; after += 3)
            for (const auto& piece : pieces) {
                const std::string text = std::string(before, 'a') + piece + std::string(after, 'z');
                const bool want = valid_utf8_reference(text);
                CHECK(is_valid_utf8(text) == want);
                ++checked;
                valid += want;
            }
    CHECK(checked == 18 * 6 * 10);
    CHECK(valid == 18 * 6 * 3);  // the three whole sequences
    CHECK(is_valid_utf8(std::string(64, 'x')));
    CHECK_FALSE(is_valid_utf8(std::string(63, 'x') + "\x80"));
}

TEST_CASE("a sentence does not end at an abbreviation's dot") {
    auto ends_at_first_dot = [](const std::string& t) { return dot_ends_sentence(t, t.find('.')); };
    CHECK_FALSE(ends_at_first_dot("The U.N. Security Council met."));
    CHECK_FALSE(ends_at_first_dot("In N.Y. today"));
    CHECK_FALSE(ends_at_first_dot("John F. Kennedy"));
    CHECK_FALSE(ends_at_first_dot("Mr. Baker said"));
    CHECK(ends_at_first_dot("Prices rose. Then"));
    CHECK(ends_at_first_dot("It was 5. Then"));
    CHECK(ends_at_first_dot("Plan 9B. Then"));
    const std::string t = "The U.S. agreed.";
    CHECK(dot_ends_sentence(t, t.size() - 1));
}
