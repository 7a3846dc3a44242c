// Sample inputs for the indexer's unit tests: a text article as read from a
// file, and stored records like a news corpus's.
#pragma once

#include "read.hpp"

#include "news/stored.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace news::test {

// An article of corpus/x1.txt (id x1) with this text.
inline indexer::Article text_article(const std::string& text) {
    std::vector<indexer::Diagnostic> diags;
    indexer::Article a = indexer::parse_text_article(text, "x1", "corpus/x1.txt", diags);
    a.file = "corpus/x1.txt";
    return a;
}

// Records like a news corpus's: the same keys, paths and phrasing in each,
// different text (a fixed pseudo-random draw from a small vocabulary).
inline std::vector<StoredDoc> sample_docs(size_t n) {
    static const char* words[] = {"the", "market", "shares", "rose", "fell", "percent", "company", "said", "oil",
                                  "prices", "bank", "rates", "analysts", "expected", "quarter", "profit", "year",
                                  "government", "trade", "dollar", "billion", "million", "week", "officials"};
    uint32_t seed = 12345;
    auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
    std::vector<StoredDoc> docs;
    for (size_t i = 0; i < n; ++i) {
        StoredDoc d;
        d.id = "reuters-" + std::to_string(i);
        d.type = "article";
        d.article = d.id;
        d.title = "REPORT " + std::to_string(i);
        d.date = "1987-03-" + std::to_string(10 + i % 18);
        d.location = "/data/corpora/reuters21578.jsonl:" + std::to_string(i + 1);
        d.publication = "Reuters";
        for (size_t w = 0; w < 150; ++w) d.text += std::string(words[(next() >> 16) % 24]) + (w % 12 == 11 ? ".\n" : " ");
        docs.push_back(d);
    }
    return docs;
}

}  // namespace news::test
