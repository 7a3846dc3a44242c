// libFuzzer target: a plain-text article file, as news-index reads it.
//
// The input is a file's bytes.  First the text primitives get the raw bytes
// (normalise_text, normalise_query, fold_word, split_words, extract_tags,
// the entity Matcher, the UTF-8 check and the Windows-1252 decoder); then the
// bytes go down the reader's path: a BOM is dropped, a file with NUL bytes is
// skipped (as read.cpp does), text that is not UTF-8 is decoded as
// Windows-1252, and the result is parsed (parse_text_article), segmented into
// prose and posts (segment) and analysed into Xapian documents (Analyser).
//
// A crash, a sanitizer report, an exception other than news::Error, or a
// broken invariant below (all documented in the headers) is a bug.
#include "fuzz_common.hpp"

#include "analyse.hpp"
#include "read.hpp"
#include "segment.hpp"

#include "news/entities.hpp"
#include "news/doc_codec.hpp"
#include "news/text.hpp"

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace news;
using news::fuzz::require;

namespace {

const Catalogue& catalogue() {
    static const Catalogue c = Catalogue::builtin();
    return c;
}

const Matcher& matcher() {
    static const Matcher m(catalogue());
    return m;
}

indexer::Analyser& analyser() {
    static indexer::Analyser a(catalogue());
    return a;
}

// split_words: words in order, each a non-empty byte range of the text;
// with key_starts (here the text's odd bytes), the same words, each with
// its key or, when that key begins with another byte, none.
void check_words(std::string_view text) {
    size_t last_end = 0;
    const std::vector<Word> words = split_words(text);
    for (const Word& w : words) {
        require(w.begin < w.end && w.end <= text.size(), "split_words: a word's range is outside the text");
        require(w.begin >= last_end, "split_words: words overlap or go backwards");
        last_end = w.end;
    }
    std::bitset<256> starts;
    for (size_t i = 1; i < text.size(); i += 2) starts.set(static_cast<unsigned char>(text[i]));
    const std::vector<Word> some = split_words(text, starts);
    require(some.size() == words.size(), "split_words with key_starts: other words");
    for (size_t i = 0; i < words.size(); ++i) {
        require(some[i].begin == words[i].begin && some[i].end == words[i].end && some[i].cjk == words[i].cjk,
                "split_words with key_starts: a word's range differs");
        require(some[i].key == words[i].key ||
                    (some[i].key.empty() && !starts.test(static_cast<unsigned char>(words[i].key[0]))),
                "split_words with key_starts: a wanted key is missing or wrong");
    }
}

// Matcher::find: each mention a non-empty byte range of the text, with its entity.
void check_mentions(std::string_view text) {
    for (const Mention& m : matcher().find(text)) {
        require(m.entity != nullptr, "Matcher::find: a mention without an entity");
        require(m.begin < m.end && m.end <= text.size(), "Matcher::find: a mention's range is outside the text");
    }
}

// What every function of news/text.hpp must survive: any bytes at all.
void raw_bytes(std::string_view raw) {
    (void)normalise_text(raw);
    (void)normalise_query(raw);
    (void)fold_word(raw);
    check_words(raw);
    (void)extract_tags(raw);
    check_mentions(raw);
    bool valid = is_valid_utf8(raw);
    std::string decoded = windows1252_to_utf8(raw);
    require(is_valid_utf8(decoded), "windows1252_to_utf8: the result is not valid UTF-8");
    if (valid) require(is_valid_utf8(normalise_text(raw)), "normalise_text: valid UTF-8 in, invalid out");
}

// The reader's text-file path (indexer/read.cpp), then segment and analyse.
void article(std::string bytes) {
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
    if (bytes.find('\0') != std::string::npos) return;  // binary: the reader skips it
    std::string text = is_valid_utf8(bytes) ? std::move(bytes) : windows1252_to_utf8(bytes);
    require(is_valid_utf8(text), "the reader's text is not valid UTF-8");

    std::vector<indexer::Diagnostic> diags;
    indexer::Article a = indexer::parse_text_article(text, "fuzz/article", "fuzz/article.txt", diags);
    a.file = "fuzz/article.txt";
    require(a.id == "fuzz/article", "parse_text_article: the id changed");

    indexer::Segmented seg = indexer::segment(a.body);
    for (const indexer::Post& p : seg.posts) {
        require(p.handle.size() >= 2 && p.handle[0] == '@', "segment: a post's handle is not @handle", p.handle);
        require(p.platform == kPlatformX || p.platform == kPlatformInstagram ||
                    p.platform == kPlatformTiktok || p.platform == kPlatformThreads,
                "segment: a post of no known platform", p.platform);
    }
    // An embed's boilerplate never stays in the prose (indexer/embeds.cpp).
    for (size_t start = 0; start < seg.prose.size();) {
        size_t end = std::min(seg.prose.find('\n', start), seg.prose.size());
        std::string_view line(seg.prose.data() + start, end - start);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
        require(line != "View this post on Instagram" && line != "View on Threads" && line.rfind("\xE2\x99\xAC", 0) != 0,
                "segment: an embed's boilerplate line stayed in the prose", std::string(line));
        start = end + 1;
    }

    std::vector<indexer::IndexDoc> docs = analyser().analyse(a);
    require(docs.size() == 1 + seg.posts.size(), "analyse: not one document for the article and one per post");
    for (const indexer::IndexDoc& d : docs) {
        require(!d.uid.empty(), "analyse: a document without its Q term");
        StoredDoc s = DocCodec().unpack(stored_record(d.doc));
        require(s.article == a.id, "analyse: a document's stored article id is not its article's");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    news::fuzz::expect_no_surprise("text primitives", [&] { raw_bytes(raw); });
    news::fuzz::expect_no_surprise("article", [&] { article(std::string(raw)); });
    return 0;
}
