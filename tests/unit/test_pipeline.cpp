// Analyse on a worker thread (indexer/pipeline.hpp): results in order, and
// the dictionary asked for only once the first articles are packed.
#include "pipeline.hpp"
#include "samples.hpp"

#include "news/doc_codec.hpp"
#include "news/schema.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace news;
using namespace news::indexer;
using news::test::sample_docs;
using news::test::text_article;

TEST_CASE("an update packs its first articles on their own and reads the dictionary only after them") {
    std::vector<std::string> samples;
    for (const auto& d : sample_docs(400)) samples.push_back(encode(d));
    const std::string dict = DocCodec::train(samples);
    REQUIRE_FALSE(dict.empty());
    Catalogue cat = Catalogue::builtin();
    for (size_t articles : {size_t(0), size_t(3), size_t(8)}) {
        size_t asked = 0;
        std::vector<unsigned> packed_with;
        {
            AnalysePipeline pipeline(
                cat, [&] { ++asked; return dict; }, DocCodec::kQuickLevel, 5,
                [&](Article&&, std::vector<IndexDoc>&& docs) {
                    for (const auto& d : docs) packed_with.push_back(DocCodec::dictionary_of(stored_record(d.doc)));
                });
            for (size_t i = 0; i < articles; ++i) {
                Article a = text_article("Article " + std::to_string(i) + "\n\nSome text about markets and banks.");
                a.id = "a" + std::to_string(i);
                pipeline.push(std::move(a));
            }
            pipeline.drain();
        }
        INFO(articles << " articles");
        CHECK(asked == (articles > 5 ? 1u : 0u));
        REQUIRE(packed_with.size() == articles);
        // From the sixth article on, against the dictionary (those before may
        // be too, once it is there); with five or fewer, never.
        for (size_t i = 5; i < articles; ++i) CHECK(packed_with[i] != 0);
        if (articles <= 5)
            for (unsigned id : packed_with) CHECK(id == 0);
    }
}
