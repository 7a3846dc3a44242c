// The pure parts of export and --show: CSV and TSV fields, and a stored
// text's paragraphs.
#include "export.hpp"
#include "show.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using news::searcher::csv_field;
using news::searcher::paragraphs;
using news::searcher::tsv_field;

TEST_CASE("a CSV field is quoted only when it holds a comma, a quote, CR or LF (RFC 4180)") {
    CHECK(csv_field("plain words") == "plain words");
    CHECK(csv_field("") == "");
    CHECK(csv_field("Gaga, V") == "\"Gaga, V\"");
    CHECK(csv_field("the \"jazz queen\"") == "\"the \"\"jazz queen\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(csv_field("tab\there") == "tab\there");
}

TEST_CASE("a TSV field has no tab, CR or LF: each is a space") {
    CHECK(tsv_field("a\tb\r\nc") == "a b  c");
    CHECK(tsv_field("\"quotes\", commas") == "\"quotes\", commas");
}

TEST_CASE("paragraphs end at blank lines") {
    CHECK(paragraphs("One.\n\nTwo,\nstill two.\n\n\n  \nThree.\n") ==
          std::vector<std::string>{"One.", "Two, still two.", "Three."});
    CHECK(paragraphs("").empty());
    CHECK(paragraphs("\n \n").empty());
}

TEST_CASE("an indented line starts a paragraph (Reuters' wire copy)") {
    const std::string reuters =
        "Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means\n"
        "the temporao will be late.\n    Arrivals for the week";
    CHECK(paragraphs(reuters) == std::vector<std::string>{"Showers continued throughout the week in the Bahia cocoa zone.",
                                                          "The dry period means the temporao will be late.",
                                                          "Arrivals for the week"});
}
