// Stage 2 of the indexer (read → segment → analyse → write): cut the
// social-media posts out of an article's body, leaving its own prose.
//
// The body is read line by line (blank lines separate paragraphs; "\r\n" is
// read as "\n").  On each line not yet taken, the forms of embedded post are
// tried in turn (kForms below); each is one small function, the platforms'
// embeds in embeds.cpp, the X/Twitter card of the seeds here:
//
//  - card: the line starts "Display Name @handle" (1-5 words of name, then a
//    bare @handle), and the text after the handle goes on, over later lines
//    if need be, until it is two copies of one text (a scraped card repeats
//    its text; the copies are compared with whitespace removed, and one may
//    hold the other, e.g. with a trailing emoji), optionally followed by a
//    t.co link.  A card that is not doubled counts only when a t.co link
//    ends it on its header's line (or on the next line, after a header that
//    stands alone).  Anything else is prose: an @mention mid-sentence, or a
//    short "Thanks to @bob for ..." line, never makes a post.
//
// A card's text is kept once (the longer copy), whitespace collapsed, with
// its trailing t.co link kept.  Bodies without posts or embed leftovers come
// back unchanged; otherwise the prose is the remaining lines, "\n\n" between
// paragraphs (and "\n" between lines that were adjacent in the body).
#include "segment.hpp"

#include "forms.hpp"

#include <algorithm>
#include <cstddef>

namespace news::indexer {

namespace forms {

namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";  // U+00A0
constexpr size_t kMaxHandle = 30;               // Twitter allows 15; Instagram 30

// 0 when text[i] starts no whitespace, else the bytes of that whitespace.
size_t space_at(std::string_view text, size_t i) {
    if (is_space(text[i])) return 1;
    return text.compare(i, kNbsp.size(), kNbsp) == 0 ? kNbsp.size() : 0;
}

}  // namespace

bool is_handle_char(char c, bool dots) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (dots && c == '.');
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string collapse(std::string_view text) {
    std::string out;
    bool gap = false;
    for (size_t i = 0; i < text.size(); ++i) {
        if (size_t n = space_at(text, i)) {
            gap = true;
            i += n - 1;
            continue;
        }
        if (gap && !out.empty()) out += ' ';
        gap = false;
        out += text[i];
    }
    return out;
}

size_t word_count(std::string_view text) {
    size_t n = 0;
    for (size_t i = 0; i < text.size(); ++i)
        if (!is_space(text[i]) && (i == 0 || is_space(text[i - 1]))) ++n;
    return n;
}

bool is_handle(std::string_view s, bool dots) {
    if (s.size() < 2 || s.size() > kMaxHandle + 1 || s[0] != '@' || s.back() == '.') return false;
    return std::all_of(s.begin() + 1, s.end(), [dots](char c) { return is_handle_char(c, dots); });
}

// ---- Cards (X/Twitter, the seeds): "Display Name @handle TEXT TEXT https://t.co/…"

namespace {

constexpr size_t kMaxCardNameWords = 5;
constexpr size_t kMaxCardLines = 16;   // header to closing repeat
constexpr size_t kMaxFirstCopy = 1200; // bytes read before giving up on a repeat
constexpr size_t kMaxCardText = 4000;  // bytes of a whole card, both copies

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

struct CardHead {
    std::string_view name;
    std::string_view handle;
    std::string_view rest;  // the header line after the handle
};

// A line starting with 1..kMaxCardNameWords words of name, then an @handle.
std::optional<CardHead> read_card_head(std::string_view line) {
    size_t i = 0;
    for (size_t words = 0; words <= kMaxCardNameWords; ++words) {
        while (i < line.size() && is_space(line[i])) ++i;
        size_t start = i;
        while (i < line.size() && !is_space(line[i])) ++i;
        if (start == i) return std::nullopt;
        if (line[start] != '@') continue;
        std::string_view handle = line.substr(start, i - start);
        if (words == 0 || !is_handle(handle)) return std::nullopt;
        return CardHead{trim(line.substr(0, start)), handle, line.substr(i)};
    }
    return std::nullopt;
}

// Where `key` splits into two copies of one text: among the splits where the
// shorter part is at least two thirds of the longer and occurs in it, the
// one with the longest shorter part.  0 when there is none.
size_t best_split(std::string_view key) {
    size_t best = 0, best_size = 0;
    size_t margin = key.size() * 2 / 5;  // a two-thirds ratio puts s in [2n/5, 3n/5]
    for (size_t s = std::max<size_t>(margin, 1); s + margin <= key.size() && s < key.size(); ++s) {
        if (is_continuation_byte(key[s])) continue;
        std::string_view a = key.substr(0, s), b = key.substr(s);
        std::string_view shorter = a.size() <= b.size() ? a : b;
        std::string_view longer = a.size() <= b.size() ? b : a;
        if (shorter.size() <= best_size || shorter.size() * 3 < longer.size() * 2) continue;
        if (longer.find(shorter) != std::string_view::npos) {
            best = s;
            best_size = shorter.size();
        }
    }
    return best;
}

// The text once when `text` (whitespace collapsed) is two copies of it,
// compared with whitespace removed.  The longer copy is kept: a card's
// second copy may add what the first lost (a trailing emoji, say).
std::optional<std::string> undouble(std::string_view text) {
    std::string key;          // text without its spaces
    std::vector<size_t> at;   // at[j]: where key[j] is in text
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] != ' ') {
            key += text[i];
            at.push_back(i);
        }
    size_t split = best_split(key);
    if (split == 0) return std::nullopt;
    std::string_view first = text.substr(0, at[split]), second = text.substr(at[split]);
    return std::string(trim(split * 2 < key.size() ? second : first));
}

bool is_short_link(std::string_view word) {
    return word.rfind("https://t.co/", 0) == 0 || word.rfind("http://t.co/", 0) == 0;
}

// A collapsed text split into what precedes a final t.co link, and that link.
std::pair<std::string_view, std::string_view> split_link(std::string_view text) {
    size_t space = text.rfind(' ');
    size_t start = space == std::string_view::npos ? 0 : space + 1;
    if (!is_short_link(text.substr(start))) return {text, {}};
    return {trim(text.substr(0, start)), text.substr(start)};
}

Found make_card(const CardHead& head, std::string text, size_t first, size_t last) {
    Post post{std::string(kPlatformX), std::string(head.handle), std::string(head.name), std::move(text), std::nullopt};
    return {std::move(post), first, last};
}

}  // namespace

// The card whose header is line i, read up to its repeat or its link.
std::optional<Found> read_x_card(const Lines& body, size_t i) {
    const auto& lines = body.lines;
    std::optional<CardHead> head = read_card_head(lines[i].text);
    if (!head) return std::nullopt;
    std::string text = collapse(head->rest);
    bool head_alone = text.empty();
    for (size_t k = i; k < lines.size() && k < i + kMaxCardLines; ++k) {
        if (k > i) {
            if (text.size() > kMaxFirstCopy || !body.free(k) || read_card_head(lines[k].text) ||
                opens_embed(lines[k].text))
                break;
            text = collapse(text + ' ' + std::string(lines[k].text));
        }
        if (text.size() > kMaxCardText) break;
        auto [words, link] = split_link(text);
        if (auto once = undouble(words))
            return make_card(*head, link.empty() ? *once : *once + ' ' + std::string(link), i, k);
        if (link.empty()) continue;
        if (k == i || (k == i + 1 && head_alone)) return make_card(*head, text, i, k);
        break;
    }
    return std::nullopt;
}

}  // namespace forms

namespace {

using forms::Found;
using forms::Line;

// The forms, tried in this order on each line not yet taken: the platforms'
// boilerplate first, so that no form reads it as a post's text.
constexpr forms::Form kForms[] = {
    forms::read_instagram, forms::read_threads, forms::read_tiktok, forms::read_x_embed, forms::read_x_card,
};

std::vector<Line> nonblank_lines(std::string_view body) {
    std::vector<Line> lines;
    size_t number = 0;
    for (size_t start = 0; start <= body.size(); ++number) {
        size_t end = std::min(body.find('\n', start), body.size());
        std::string_view text = body.substr(start, end - start);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        if (!forms::trim(text).empty()) lines.push_back({text, number});
        start = end + 1;
    }
    return lines;
}

// The kept lines: "\n" between lines that were adjacent, "\n\n" across a gap.
std::string join_prose(const std::vector<Line>& lines, const std::vector<bool>& cut) {
    std::string prose;
    const Line* previous = nullptr;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (cut[i]) continue;
        if (previous) prose += lines[i].number == previous->number + 1 ? "\n" : "\n\n";
        prose += lines[i].text;
        previous = &lines[i];
    }
    return prose;
}

std::optional<Found> find_form(const forms::Lines& body, size_t i) {
    for (forms::Form form : kForms)
        if (auto found = form(body, i)) return found;
    return std::nullopt;
}

}  // namespace

Segmented segment(std::string_view body) {
    if (!forms::may_hold_embeds(body)) return {std::string(body), {}};
    std::vector<Line> lines = nonblank_lines(body);
    std::vector<bool> cut(lines.size(), false);
    const forms::Lines view{lines, cut};
    Segmented out;
    bool any = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (cut[i]) continue;
        std::optional<Found> found = find_form(view, i);
        if (!found) continue;
        any = true;
        if (found->post) out.posts.push_back(std::move(*found->post));
        std::fill(cut.begin() + static_cast<std::ptrdiff_t>(found->first),
                  cut.begin() + static_cast<std::ptrdiff_t>(found->last + 1), true);
        i = found->last;
    }
    out.prose = any ? join_prose(lines, cut) : std::string(body);
    return out;
}

}  // namespace news::indexer
