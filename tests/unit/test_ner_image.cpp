// The name model's image (names_image.cpp): what the build lays out from
// schema/ner.model and the tagger reads in place holds the same weights and
// lexicon as the compressed model, and a bad image is refused.
#include "names_model.hpp"

#include "news/error.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

using namespace news;
using namespace news::ner;

namespace {

// A copy of bytes at a 16-byte aligned address (as the build places the image).
struct Aligned {
    explicit Aligned(const std::string& bytes) : store(new std::max_align_t[bytes.size() / sizeof(std::max_align_t) + 1]) {
        std::memcpy(store.get(), bytes.data(), bytes.size());
        view = std::string_view(reinterpret_cast<const char*>(store.get()), bytes.size());
    }
    std::unique_ptr<std::max_align_t[]> store;
    std::string_view view;
};

Model small_model() {
    Model m;
    m.bits = 8;
    for (size_t k = 0; k < (size_t(1) << m.bits) * kLabels; ++k) m.weights.push_back(static_cast<std::int16_t>(k * 7919 % 601) - 300);
    m.lexicon.gazetteer_longest = 3;
    for (Hash k = 1; k < 40; ++k) m.lexicon.gazetteer[k * 0x9e3779b97f4a7c15ULL] = static_cast<std::uint8_t>(k);
    m.lexicon.cases[0] = kCaseTitle;  // the key kept aside
    m.lexicon.cases[12345] = kCaseLower;
    m.lexicon.clusters[hash_bytes("blair")] = 517;
    return m;
}

template <class V>
void same_map(const FlatMap<V>& a, const FlatMap<V>& b) {
    CHECK(a.size() == b.size());
    a.for_each([&](Hash k, V v) {
        const V* found = b.find(k);
        REQUIRE(found);
        CHECK(*found == v);
    });
    CHECK(b.find(987654321) == nullptr);
}

void same_model(const Model& a, const Model& b) {
    REQUIRE(a.bits == b.bits);
    const size_t cells = (size_t(1) << a.bits) * kLabels;
    CHECK(std::memcmp(a.table(), b.table(), cells * sizeof(std::int16_t)) == 0);
    CHECK(a.lexicon.gazetteer_longest == b.lexicon.gazetteer_longest);
    same_map(a.lexicon.gazetteer, b.lexicon.gazetteer);
    same_map(a.lexicon.cases, b.lexicon.cases);
    same_map(a.lexicon.clusters, b.lexicon.clusters);
}

}  // namespace

TEST_CASE("a model's image holds its table and lexicon, read in place") {
    const Model m = small_model();
    Aligned image(ner::image(m));
    const Model view = view_image(image.view);
    CHECK(view.weights.empty());
    CHECK(reinterpret_cast<const char*>(view.table()) > image.view.data());
    same_model(m, view);
    CHECK(*view.lexicon.cases.find(0) == kCaseTitle);
    // The image of a view is the same image.
    CHECK(ner::image(view) == std::string(image.view));
}

TEST_CASE("a borrowed table is copied before a change") {
    Aligned image(ner::image(small_model()));
    const std::string before(image.view);
    Model view = view_image(image.view);
    view.lexicon.clusters[hash_bytes("blair")] = 1;
    view.lexicon.clusters[hash_bytes("brown")] = 2;
    CHECK(*view.lexicon.clusters.find(hash_bytes("blair")) == 1);
    CHECK(*view.lexicon.clusters.find(hash_bytes("brown")) == 2);
    CHECK(std::string(image.view) == before);
}

TEST_CASE("the built-in image is schema/ner.model's") {
    std::ifstream in(NEWS_NER_MODEL_FILE, std::ios::binary);
    REQUIRE(in);
    std::stringstream bytes;
    bytes << in.rdbuf();
    same_model(deserialise(bytes.str()), view_image(shipped_image()));
}

TEST_CASE("a bad image is refused") {
    std::string bytes = ner::image(small_model());
    CHECK_THROWS_WITH(view_image(Aligned(bytes.substr(0, 40)).view), Catch::Contains("truncated"));
    CHECK_THROWS_WITH(view_image(Aligned(bytes.substr(0, bytes.size() - 16)).view), Catch::Contains("bad sizes"));
    std::string other = bytes;
    other[0] = 'X';
    CHECK_THROWS_WITH(view_image(Aligned(other).view), Catch::Contains("not an image"));
    CHECK_THROWS_WITH(view_image(""), Catch::Contains("scripts/train-ner"));
}
