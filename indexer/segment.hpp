// Stage 2 of the indexer (read → segment → analyse → write): split an
// article's body into its own prose and the social-media posts it embeds.
// Pure: text in, values out.
#pragma once

#include "news/dates.hpp"
#include "news/schema.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::indexer {

struct Post {
    std::string platform;      // kPlatformX, kPlatformInstagram, ... (news/schema.hpp)
    std::string handle;        // "@vdailyl": the author's handle, with '@', as written
    std::string display_name;  // "thv updates ♛"; "" when the embed shows none (TikTok, Threads)
    std::string text;          // the post's text, once (a scraped card repeats it), links kept;
                               // "" when the embed carries none
    std::optional<Date> date;  // the post's own timestamp, when it has one
};

struct Segmented {
    std::string prose;        // the article's own text: the body with the posts cut out
    std::vector<Post> posts;  // in order of appearance
};

// Recognised forms (doc/embeds.md lists them with examples):
//  - X embed: "TEXT— Display Name (@handle) Month D, YYYY" on one line (or
//    TEXT on the line above);
//  - X card (the seeds): "Display Name @handle TEXT [https://t.co/…]" where
//    TEXT is often repeated twice over (kept once), possibly spread over
//    several lines and blank lines up to the repeat;
//  - Instagram: [caption] "View this post on Instagram" "A post shared by
//    NAME (@handle) [on Mon D, YYYY at H:MMam TZ]";
//  - TikTok: "@handle CAPTION #tags ♬ SOUND - ARTIST" (maybe over lines);
//  - Threads: [text] "Post by @handle" "View on Threads".
// @mentions inside a post's text ("@bluberrymin") are not posts, and an
// embed's boilerplate lines never stay in the prose.
Segmented segment(std::string_view body);

}  // namespace news::indexer
