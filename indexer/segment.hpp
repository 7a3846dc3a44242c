// Stage 2 of the indexer (read → segment → analyse → write): split an
// article's body into its own prose and the social-media posts it embeds.
// Pure: text in, values out.
#pragma once

#include "news/dates.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::indexer {

struct Post {
    std::string handle;        // "@vdailyl": the author's handle, with '@', as written
    std::string display_name;  // "thv updates ♛"
    std::string text;          // the post's text, once (a scraped card repeats it), links kept
    std::optional<Date> date;  // the post's own timestamp, when it has one
};

struct Segmented {
    std::string prose;        // the article's own text: the body with the posts cut out
    std::vector<Post> posts;  // in order of appearance
};

// Recognised forms (see the seeds in corpus/):
//  - embed:  "TEXT— Display Name (@handle) Month D, YYYY" on one line;
//  - card:   "Display Name @handle TEXT [https://t.co/…]" where TEXT is often
//            repeated twice over (kept once), possibly spread over several
//            lines and blank lines up to the repeat.
// @mentions inside a post's text ("@bluberrymin") are not posts.
Segmented segment(std::string_view body);

}  // namespace news::indexer
