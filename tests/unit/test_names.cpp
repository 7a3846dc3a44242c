#include "news/names.hpp"

#include "names_decode.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace news;

namespace {

// The names of a text as "TYPE text" strings, in order.
std::vector<std::string> names_of(std::string_view text) {
    std::vector<std::string> out;
    for (const NameSpan& n : NameTagger::shipped().find_names(text)) {
        REQUIRE(n.begin < n.end);
        REQUIRE(n.end <= text.size());
        out.push_back(std::string(name_type_code(n.type)) + " " + std::string(text.substr(n.begin, n.end - n.begin)));
    }
    return out;
}

bool any_name_contains(std::string_view text, std::string_view part) {
    for (const auto& n : names_of(text))
        if (n.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("clear sentences give their people, organisations and places") {
    using V = std::vector<std::string>;
    auto [text, names] = GENERATE(table<std::string, V>({
        {"Tony Blair met Gerhard Schroeder in Berlin on Monday, the BBC said.",
         V{"PER Tony Blair", "PER Gerhard Schroeder", "LOC Berlin", "ORG BBC"}},
        {"Tony Blair met Helmut Kohl in Berlin on Monday, the BBC said.",
         V{"PER Tony Blair", "PER Helmut Kohl", "LOC Berlin", "ORG BBC"}},
        {"Samsung Electronics said on Tuesday it would build a plant in Vietnam.",
         V{"ORG Samsung Electronics", "LOC Vietnam"}},
        {"The European Commission said it disagreed with German advice to consumers.",
         V{"ORG European Commission", "MISC German"}},
    }));
    CAPTURE(text);
    CHECK(names_of(text) == names);
}

TEST_CASE("tokens are cut as CoNLL's: abbreviations whole, 's and punctuation apart") {
    CHECK(names_of("Mr. Blair's government spoke to the U.S. Treasury.") ==
          std::vector<std::string>{"PER Blair", "ORG U.S. Treasury"});
    CHECK(NameTagger::shipped().tag_tokens({"Peter", "Blackburn"}) == std::vector<std::string>{"B-PER", "I-PER"});
    // "I'm" and "I’m" as CoNLL's "I" "'m": whole, the unknown word was an organisation.
    for (std::string_view text : {"I'm such a big fan, and I’m not alone.", "I’ve met her; I’d say we’re friends, don’t you think?"})
        CHECK_FALSE(any_name_contains(text, "I"));
}

TEST_CASE("handles, hashtags, URLs and e-mail addresses are never names") {
    std::string text = "Thanks @BTS_twt and @Reuters for the show! #BTSARMY #London https://t.co/AbCd www.Example.com "
                       "Write to News@Example.com";
    for (const char* part : {"@", "#", "http", "www", "Example", "BTS_twt"}) {
        CAPTURE(part);
        CHECK_FALSE(any_name_contains(text, part));
    }
}

TEST_CASE("Korean, Japanese and Chinese words are never names") {
    std::string text = "방탄소년단 콘서트 서울 東京 ソウル in Seoul on Saturday";
    for (const auto& n : names_of(text)) CHECK(n == "LOC Seoul");
    CHECK(names_of("방탄소년단이 서울에서 콘서트를 열었다.").empty());
}

TEST_CASE("headlines in capitals give no junk") {
    auto names = names_of("EU REJECTS GERMAN CALL TO BOYCOTT BRITISH LAMB");
    for (const auto& n : names) {
        CAPTURE(n);
        for (const char* word : {"REJECTS", "CALL", "BOYCOTT", "LAMB"}) CHECK(n.find(word) == std::string::npos);
    }
    CHECK(names_of("STANDARD OIL <SRD> TO FORM FINANCIAL UNIT") != std::vector<std::string>{"PER SRD"});
    CHECK_FALSE(any_name_contains("STANDARD OIL <SRD> TO FORM FINANCIAL UNIT", "SRD"));
}

TEST_CASE("datelines give the place, not the date") {
    CHECK(names_of("LONDON 1996-08-30") == std::vector<std::string>{"LOC LONDON"});
    auto names = names_of("NEW YORK, Feb 26 - Standard Oil Co said it would form a financial unit.");
    CHECK_FALSE(any_name_contains("NEW YORK, Feb 26 - Standard Oil Co said it would form a financial unit.", "Feb"));
    REQUIRE_FALSE(names.empty());
    CHECK(names.front() == "LOC NEW YORK");
    CHECK_FALSE(any_name_contains("SEOUL, Dec 7 (Reuters) - Prices rose.", "Dec"));
}

TEST_CASE("a name across a wire line break is one name; a blank line ends a sentence") {
    CHECK(names_of("Prime Minister Tony\nBlair spoke.") == std::vector<std::string>{"PER Tony\nBlair"});
    auto names = names_of("He said\n\nBlair spoke");
    CHECK(names == std::vector<std::string>{"PER Blair"});
}

TEST_CASE("empty and blank texts have no names") {
    CHECK(names_of("").empty());
    CHECK(names_of(" \n\t ").empty());
    CHECK(NameTagger::shipped().tag_tokens({}).empty());
}

TEST_CASE("type codes are CoNLL's") {
    CHECK(name_type_code(NameType::person) == "PER");
    CHECK(name_type_code(NameType::organisation) == "ORG");
    CHECK(name_type_code(NameType::place) == "LOC");
    CHECK(name_type_code(NameType::misc) == "MISC");
}

TEST_CASE("a model that is not one is refused") {
    CHECK_THROWS_WITH(NameTagger("not a model"), Catch::Contains("scripts/train-ner"));
}

TEST_CASE("BIO2 tags read as BILOU labels the way conlleval.py reads them") {
    const std::vector<std::string> bio = {"B-PER", "I-PER", "O", "I-LOC", "B-LOC", "B-LOC", "I-LOC", "I-LOC", "I-ORG"};
    std::vector<int> labels;
    REQUIRE(ner::labels_of_bio(bio, labels));
    std::vector<std::string> names, back;
    for (int l : labels) names.emplace_back(ner::label_name(l)), back.emplace_back(ner::bio_name(l));
    CHECK(names == std::vector<std::string>{"B-PER", "L-PER", "O", "U-LOC", "U-LOC", "B-LOC", "I-LOC", "L-LOC", "U-ORG"});
    CHECK(back == std::vector<std::string>{"B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-LOC", "I-LOC", "I-LOC", "B-ORG"});
    CHECK(ner::label_name(ner::closed(ner::make_label(1, ner::kPartBegin))) == "U-ORG");
    CHECK(ner::label_name(ner::closed(ner::make_label(1, ner::kPartInside))) == "L-ORG");
    CHECK(ner::closed(0) == 0);
    CHECK_FALSE(ner::labels_of_bio({"B-XYZ"}, labels));
    CHECK_FALSE(ner::labels_of_bio({"E-PER"}, labels));
}

// The best sequence by trying them all (kLabels^n of them).
static double brute_force_best(const std::vector<std::array<double, ner::kLabels>>& score, const std::vector<double>& trans,
                               const std::vector<bool>& outside) {
    const size_t n = score.size();
    double best = -1e300;
    std::vector<int> seq(n, 0);
    for (;;) {
        bool ok = !ner::opens(seq[n - 1]);
        double sum = 0;
        for (size_t i = 0; i < n && ok; ++i) {
            const int prev = i ? seq[i - 1] : -1;
            ok = (i ? ner::allowed(prev, seq[i]) : !ner::is_inside(seq[i])) && (!outside[i] || seq[i] == 0);
            sum += (outside[i] ? 0 : score[i][static_cast<size_t>(seq[i])]) + trans[static_cast<size_t>((prev + 1) * ner::kLabels + seq[i])];
        }
        if (ok) best = std::max(best, sum);
        size_t k = 0;
        while (k < n && ++seq[k] == ner::kLabels) seq[k++] = 0;
        if (k == n) return best;
    }
}

TEST_CASE("Viterbi decoding finds the best sequence BILOU allows") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(-1, 1);
    for (int round = 0; round < 40; ++round) {
        const size_t n = 1 + static_cast<size_t>(round % 3);
        ner::SentenceInfo s;
        s.tokens.assign(n, ner::TokenInfo{});  // capitalised words: all scored, but for some never in a name
        std::vector<bool> outside(n);
        for (size_t i = 0; i < n; ++i) outside[i] = s.tokens[i].force_outside = round % 4 == 3 && i == 1;
        if (round % 4 == 2 && n > 1) {  // a lower-case word, not one joining a name's words: never inside one
            s.tokens[1].lower_word = true;
            s.tokens[1].case_class = ner::kCaseLower;
            outside[1] = ner::never_inside(s.tokens[1]);
            CHECK(outside[1]);
        }
        std::vector<std::array<double, ner::kLabels>> score(n);
        for (auto& row : score)
            for (double& v : row) v = u(rng);
        std::vector<double> trans((ner::kLabels + 1) * ner::kLabels);
        for (double& v : trans) v = u(rng);
        std::vector<int> labels;
        std::vector<double> sums;
        ner::decode_viterbi(s, trans.data(), [&](size_t i, double* out) {
            for (int l = 0; l < ner::kLabels; ++l) out[l] += score[i][static_cast<size_t>(l)];
        }, labels, sums);
        double sum = 0;
        for (size_t i = 0; i < n; ++i) {
            const int prev = i ? labels[i - 1] : -1;
            CHECK((i ? ner::allowed(prev, labels[i]) : !ner::is_inside(labels[i])));
            sum += (outside[i] ? 0 : score[i][static_cast<size_t>(labels[i])]) +
                   trans[static_cast<size_t>((prev + 1) * ner::kLabels + labels[i])];
        }
        CHECK_FALSE(ner::opens(labels[n - 1]));
        CHECK(sum == Approx(brute_force_best(score, trans, outside)));
    }
}

TEST_CASE("a name does not run on over a lower-case word that joins no name") {
    const std::string text = "The Lib Dems say Labour is wrong, and the Bank of England agrees.";
    for (const NameSpan& n : NameTagger::shipped().find_names(text)) {
        const std::string_view name = std::string_view(text).substr(n.begin, n.end - n.begin);
        CHECK(name.find(" say") == std::string_view::npos);
        CHECK(name.find(" is") == std::string_view::npos);
        CHECK(name.find("agrees") == std::string_view::npos);
    }
}
