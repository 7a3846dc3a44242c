// The segmenter's inside (indexer/segment.cpp and indexer/embeds.cpp): the
// lines an article's body is read as, what a form of embedded post finds in
// them, and the text helpers the forms share.  Not for other stages: they
// see segment.hpp only.
#pragma once

#include "segment.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::indexer::forms {

struct Line {
    std::string_view text;  // without its line ending
    size_t number = 0;      // 0-based, blank lines counted
};

// What a form found from line i on: the lines it takes (lines[first..last],
// `first` below i when a caption standing above belongs to the post) and the
// post they make, or none when they are an embed's leftover boilerplate with
// no author to make a post of (a lone "View this post on Instagram").
struct Found {
    std::optional<Post> post;
    size_t first = 0;
    size_t last = 0;
};

// The body's lines, in order.  `taken[k]`: lines[k] is already part of a
// post (a form reads only lines not taken).
struct Lines {
    const std::vector<Line>& lines;
    const std::vector<bool>& taken;
    bool free(size_t k) const { return k < lines.size() && !taken[k]; }
};

// A form of embedded post: what it finds starting at line i, if anything.
using Form = std::optional<Found> (*)(const Lines& body, size_t i);

// The forms, in the order they are tried on each line (embeds.cpp), and
// whether a line opens one of them (a multi-line form stops before such a
// line).  The X/Twitter card of the seeds is segment.cpp's own.
std::optional<Found> read_instagram(const Lines& body, size_t i);
std::optional<Found> read_threads(const Lines& body, size_t i);
std::optional<Found> read_tiktok(const Lines& body, size_t i);
std::optional<Found> read_x_embed(const Lines& body, size_t i);
std::optional<Found> read_x_card(const Lines& body, size_t i);
bool opens_embed(std::string_view line);

// Whether a body may hold a post or an embed's leftovers at all (cheap: the
// bodies of a news wire hold neither, and come back as they are).
bool may_hold_embeds(std::string_view body);

// ---- Text helpers ------------------------------------------------------------

bool is_space(char c);
std::string_view trim(std::string_view s);
// Runs of whitespace (NBSP included) become one space; none at either end.
std::string collapse(std::string_view text);
size_t word_count(std::string_view text);
// "@name": '@' then 1..30 letters, digits or '_' (X/Twitter), or also '.'
// (Instagram, TikTok, Threads: "@blinkparis.edits"; not at its end).
bool is_handle(std::string_view s, bool dots = false);
bool is_handle_char(char c, bool dots);

}  // namespace news::indexer::forms
