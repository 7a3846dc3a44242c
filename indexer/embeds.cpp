// The platforms' embeds, as a scraped article keeps them: one small reader
// a form (the segmenter tries them in turn, segment.cpp; doc/embeds.md lists
// the forms with examples).
//
//  - X embed: the line "TEXT— Display Name (@handle) [Month D, YYYY]": the
//    name sits between the last em dash (U+2014) before "(@" and "(@", and
//    what follows ")" must be nothing or a written date.  Links are kept in
//    TEXT (pic.twitter.com/…, pic.x.com/…).  When nothing precedes the dash,
//    the text is the paragraph above (a scraper that put the blockquote's
//    paragraph on a line of its own), unless it introduces ("…here:").
//  - Instagram: "View this post on Instagram", then "A post shared by NAME
//    (@handle)" (or "A photo/video posted by", or "@handle" without a name),
//    maybe followed by " on Nov 1, 2023 at 4:12am PDT" (the post's date).
//    Either line may come without the other (older embeds have the second
//    only); the first alone is boilerplate and goes, with no post.
//  - Threads: "Post by @handle" and "View on Threads", adjacent, in either
//    order; "View on Threads" alone goes, with no post.  "Post by @handle"
//    alone stays prose: Mastodon's embeds say the same.
//  - TikTok: "@handle CAPTION #tags ♬ SOUND" on one line or over up to four
//    (the handle's line first, the sound's last); a line starting with "♬"
//    outside one is a sound credit left behind, and goes.
//
// The caption of an Instagram post, the text of a Threads post: the
// paragraph directly above the embed, when it reads as one: it holds an
// emoji, a #hashtag or an @mention, and does not end like a sentence of
// prose ('.') or an introduction (':').  So "Paris mornings 🥐☕️ see you soon
// BLINKs" is a caption, and "Rosé reposted one of the photos." or "Check
// out her post:" above an embed stay the article's own.
#include "forms.hpp"

#include <array>

namespace news::indexer::forms {

namespace {

constexpr std::string_view kEmDash = "\xE2\x80\x94";  // U+2014
constexpr std::string_view kNote = "\xE2\x99\xAC";    // ♬ U+266C, TikTok's sound
constexpr std::string_view kInstagramView = "View this post on Instagram";
constexpr std::string_view kThreadsView = "View on Threads";
constexpr std::string_view kPostBy = "Post by ";
constexpr std::array<std::string_view, 5> kBylines = {
    "A post shared by ", "A photo shared by ", "A video shared by ", "A photo posted by ", "A video posted by "};
constexpr size_t kMaxNameWords = 8;
constexpr size_t kMaxCaption = 3000;        // bytes; Instagram allows 2,200 characters
constexpr size_t kMaxCaptionLines = 20;
constexpr size_t kMaxTweetAbove = 1200;     // bytes of an X post's text on the line above
constexpr size_t kMaxTiktokLines = 4;
constexpr size_t kMaxTiktokText = 3000;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool contains(std::string_view s, std::string_view piece) { return s.find(piece) != std::string_view::npos; }

// ---- Captions above an embed -------------------------------------------------

// The codepoint of the UTF-8 sequence at s[i] (0 when it is not one).
char32_t codepoint_at(std::string_view s, size_t i) {
    auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
    char32_t c = b(0);
    if (c < 0x80) return c;
    if (c >= 0xF0 && i + 3 < s.size()) return ((c & 7) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    if (c >= 0xE0 && i + 2 < s.size()) return ((c & 0xF) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    return 0;
}

bool is_emoji(char32_t cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF);
}

// An emoji, a #hashtag or an @mention: what captions have and prose rarely.
bool has_caption_mark(std::string_view t) {
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        bool starts_word = i == 0 || is_space(t[i - 1]);
        if ((c == '#' || c == '@') && starts_word && i + 1 < t.size() &&
            (is_handle_char(t[i + 1], false) || static_cast<unsigned char>(t[i + 1]) >= 0x80))
            return true;
        if (static_cast<unsigned char>(c) >= 0xE0 && is_emoji(codepoint_at(t, i))) return true;
    }
    return false;
}

// The last character but closing quotes and brackets.
char last_meaningful(std::string_view t) {
    for (;;) {
        if (t.empty()) return '\0';
        if (t.back() == '"' || t.back() == '\'' || t.back() == ')' || t.back() == ']') {
            t.remove_suffix(1);
        } else if (t.size() >= 3 && (t.substr(t.size() - 3) == "\xE2\x80\x9D" ||   // ”
                                     t.substr(t.size() - 3) == "\xE2\x80\x99")) {  // ’
            t.remove_suffix(3);
        } else {
            return t.back();
        }
    }
}

struct Above {
    std::string text;  // collapsed
    size_t first = 0;  // its first line
};

// The paragraph directly above line i (adjacent lines, none taken), if any.
std::optional<Above> paragraph_above(const Lines& body, size_t i) {
    if (i == 0 || !body.free(i - 1)) return std::nullopt;
    size_t first = i - 1;
    while (first > 0 && body.free(first - 1) && i - first < kMaxCaptionLines &&
           body.lines[first - 1].number + 1 == body.lines[first].number)
        --first;
    std::string text;
    for (size_t k = first; k < i; ++k) {
        if (opens_embed(body.lines[k].text)) return std::nullopt;
        text += ' ';
        text += body.lines[k].text;
    }
    return Above{collapse(text), first};
}

std::optional<Above> caption_above(const Lines& body, size_t i) {
    std::optional<Above> above = paragraph_above(body, i);
    if (!above || above->text.size() > kMaxCaption || !has_caption_mark(above->text)) return std::nullopt;
    char last = last_meaningful(above->text);
    if (last == '.' || last == ':') return std::nullopt;
    return above;
}

// ---- Instagram -------------------------------------------------------------------

struct Byline {
    std::string_view name, handle;
    std::optional<Date> date;
};

// " on Nov 1, 2023 at 4:12am PDT" (or nothing) after an Instagram byline.
bool read_byline_date(std::string_view after, std::optional<Date>& date) {
    after = trim(after);
    if (after.empty()) return true;
    if (!starts_with(after, "on ")) return false;
    after.remove_prefix(3);
    size_t at = after.find(" at ");
    date = parse_written_date(after.substr(0, at));
    if (!date) return false;
    if (at == std::string_view::npos) return true;
    std::string_view time = trim(after.substr(at + 4));
    return !time.empty() && time[0] >= '0' && time[0] <= '9' && word_count(time) <= 3;
}

// "A post shared by NAME (@handle)[ on DATE]" or "A post shared by @handle[ on DATE]".
std::optional<Byline> read_byline(std::string_view t) {
    std::string_view rest;
    for (std::string_view lead : kBylines)
        if (starts_with(t, lead)) rest = t.substr(lead.size());
    if (rest.empty()) return std::nullopt;
    Byline by;
    std::string_view after;
    if (rest[0] == '@') {
        size_t end = rest.find(' ');
        by.handle = rest.substr(0, end);
        after = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    } else {
        size_t open = rest.find("(@"), close = rest.find(')', open);
        if (close == std::string_view::npos) return std::nullopt;
        by.name = trim(rest.substr(0, open));
        by.handle = rest.substr(open + 1, close - open - 1);
        after = rest.substr(close + 1);
    }
    if (!is_handle(by.handle, true) || word_count(by.name) > kMaxNameWords) return std::nullopt;
    if (!read_byline_date(after, by.date)) return std::nullopt;
    return by;
}

// The byline of a line, also after "View this post on Instagram " on the same line.
std::optional<Byline> line_byline(std::string_view t) {
    if (starts_with(t, kInstagramView)) t = trim(t.substr(kInstagramView.size()));
    return read_byline(t);
}

// ---- Threads ---------------------------------------------------------------------

// The handle of a "Post by @handle" line.
std::optional<std::string_view> post_by(std::string_view t) {
    if (!starts_with(t, kPostBy) || !is_handle(t.substr(kPostBy.size()), true)) return std::nullopt;
    return t.substr(kPostBy.size());
}

// ---- X ---------------------------------------------------------------------------

// "TEXT— Display Name (@handle) June 21, 2023"
std::optional<Post> read_embed_line(std::string_view line) {
    size_t open = line.rfind("(@");
    if (open == std::string_view::npos) return std::nullopt;
    size_t close = line.find(')', open);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view handle = line.substr(open + 1, close - open - 1);
    size_t dash = line.rfind(kEmDash, open);
    if (!is_handle(handle) || dash == std::string_view::npos) return std::nullopt;

    size_t name_start = dash + kEmDash.size();
    std::string_view name = trim(line.substr(name_start, open - name_start));
    if (name.empty() || word_count(name) > kMaxNameWords) return std::nullopt;
    std::string_view when = trim(line.substr(close + 1));
    std::optional<Date> date;
    if (!when.empty() && !(date = parse_written_date(when))) return std::nullopt;
    return Post{std::string(kPlatformX), std::string(handle), std::string(name), collapse(line.substr(0, dash)), date};
}

}  // namespace

bool may_hold_embeds(std::string_view body) {
    return contains(body, "@") || contains(body, kInstagramView) || contains(body, kThreadsView) ||
           contains(body, kNote);
}

bool opens_embed(std::string_view line) {
    if (!contains(line, "@") && !contains(line, kInstagramView) && !contains(line, kThreadsView)) return false;
    std::string t = collapse(line);
    return t == kInstagramView || line_byline(t) || t == kThreadsView || post_by(t) || read_embed_line(line);
}

std::optional<Found> read_instagram(const Lines& body, size_t i) {
    std::string_view line = body.lines[i].text;
    if (!contains(line, kInstagramView) && !contains(line, " by ")) return std::nullopt;
    std::string t = collapse(line);
    size_t last = i;
    std::optional<Byline> by;
    std::string next;  // the byline's line, when it is the next one (by refers to it)
    if (t == kInstagramView) {
        if (body.free(i + 1)) by = read_byline(next = collapse(body.lines[i + 1].text));
        if (!by) return Found{std::nullopt, i, i};
        last = i + 1;
    } else if (!(by = line_byline(t))) {
        return std::nullopt;
    }
    Post post{std::string(kPlatformInstagram), std::string(by->handle), std::string(by->name), {}, by->date};
    size_t first = i;
    if (std::optional<Above> caption = caption_above(body, i)) {
        post.text = std::move(caption->text);
        first = caption->first;
    }
    return Found{std::move(post), first, last};
}

std::optional<Found> read_threads(const Lines& body, size_t i) {
    std::string_view line = body.lines[i].text;
    if (!contains(line, kThreadsView) && !contains(line, kPostBy)) return std::nullopt;
    std::string t = collapse(line);
    std::string next = body.free(i + 1) ? collapse(body.lines[i + 1].text) : std::string();
    std::optional<std::string_view> handle;
    if (t == kThreadsView) {
        handle = post_by(next);  // "View on Threads" above "Post by @handle"
        if (!handle) return Found{std::nullopt, i, i};
    } else if (!(handle = post_by(t)) || next != kThreadsView) {
        return std::nullopt;
    }
    Post post{std::string(kPlatformThreads), std::string(*handle), {}, {}, std::nullopt};
    size_t first = i;
    if (std::optional<Above> text = caption_above(body, i)) {
        post.text = std::move(text->text);
        first = text->first;
    }
    return Found{std::move(post), first, i + 1};
}

std::optional<Found> read_tiktok(const Lines& body, size_t i) {
    std::string_view line = trim(body.lines[i].text);
    if (starts_with(line, kNote)) return Found{std::nullopt, i, i};  // a sound credit left behind
    if (line.empty() || line[0] != '@') return std::nullopt;
    std::string t = collapse(line);
    size_t space = t.find(' ');
    std::string handle = t.substr(0, space);
    if (!is_handle(handle, true)) return std::nullopt;
    std::string text = space == std::string::npos ? std::string() : t.substr(space + 1);
    for (size_t k = i; k < i + kMaxTiktokLines && k < body.lines.size(); ++k) {
        if (k > i) {
            std::string_view more = trim(body.lines[k].text);
            if (!body.free(k) || opens_embed(more) || (more[0] == '@' && contains(more, kNote))) break;
            text = collapse(text + ' ' + std::string(more));
        }
        if (text.size() > kMaxTiktokText) break;
        size_t note = text.find(kNote);
        if (note == std::string::npos) continue;
        if (trim(std::string_view(text).substr(note + kNote.size())).empty()) break;  // no sound: not an embed
        return Found{Post{std::string(kPlatformTiktok), handle, {}, std::move(text), std::nullopt}, i, k};
    }
    return std::nullopt;
}

std::optional<Found> read_x_embed(const Lines& body, size_t i) {
    std::string_view line = body.lines[i].text;
    if (!contains(line, "(@")) return std::nullopt;
    std::optional<Post> post = read_embed_line(line);
    if (!post) return std::nullopt;
    size_t first = i;
    if (post->text.empty()) {
        std::optional<Above> above = paragraph_above(body, i);
        if (above && above->text.size() <= kMaxTweetAbove && last_meaningful(above->text) != ':') {
            post->text = std::move(above->text);
            first = above->first;
        }
    }
    return Found{std::move(post), first, i};
}

}  // namespace news::indexer::forms
