#include "news/dates.hpp"

#include <catch2/catch.hpp>

using namespace news;

TEST_CASE("ISO dates and date-times give their calendar date") {
    auto [text, iso] = GENERATE(table<std::string, std::string>({
        {"2023-06-21", "2023-06-21"},
        {"1987-02-26T15:02:20Z", "1987-02-26"},
        {"  2022-04-15 ", "2022-04-15"},
        {"2024-02-29", "2024-02-29"},
        {"2023-06-21 10:00:00+02:00", "2023-06-21"},
    }));
    auto r = parse_iso_date(text);
    REQUIRE(std::holds_alternative<Date>(r));
    CHECK(std::get<Date>(r).iso() == iso);
}

TEST_CASE("impossible ISO dates are errors that quote the value") {
    auto text = GENERATE(as<std::string>{}, "2022-13-45", "2023-02-29", "2021-02-30", "20230621", "June 2023", "");
    auto r = parse_iso_date(text);
    REQUIRE(std::holds_alternative<DateError>(r));
    CHECK(std::get<DateError>(r).message.find("\"" + text + "\"") != std::string::npos);
}

TEST_CASE("written dates in posts are read in both orders") {
    auto [text, iso] = GENERATE(table<std::string, std::string>({
        {"June 21, 2023", "2023-06-21"},
        {"Jun 21, 2023", "2023-06-21"},
        {"21 June 2023", "2023-06-21"},
        {"Sept 3, 2020", "2020-09-03"},
    }));
    auto d = parse_written_date(text);
    REQUIRE(d);
    CHECK(d->iso() == iso);
}

TEST_CASE("text that is not a written date gives nothing") {
    auto text = GENERATE(as<std::string>{}, "June 31, 2023", "Maybe 21, 2023", "June 2023", "21 June", "June 21, 2023 extra");
    CHECK_FALSE(parse_written_date(text));
}

TEST_CASE("date bounds cover a whole year, month or day") {
    auto [text, first, last] = GENERATE(table<std::string, std::string, std::string>({
        {"2023", "2023-01-01", "2023-12-31"},
        {"2024-02", "2024-02-01", "2024-02-29"},
        {"2023-02", "2023-02-01", "2023-02-28"},
        {"2022-04-15", "2022-04-15", "2022-04-15"},
    }));
    auto r = parse_date_bound(text);
    REQUIRE(std::holds_alternative<DateBound>(r));
    CHECK(std::get<DateBound>(r).first.iso() == first);
    CHECK(std::get<DateBound>(r).last.iso() == last);
}

TEST_CASE("bad date bounds say what is accepted") {
    auto text = GENERATE(as<std::string>{}, "2022-13-45", "2022-13", "22", "2022/01/01", "yesterday");
    auto r = parse_date_bound(text);
    REQUIRE(std::holds_alternative<DateError>(r));
    CHECK(std::get<DateError>(r).message.find(text) != std::string::npos);
    CHECK(std::get<DateError>(r).message.find("YYYY") != std::string::npos);
}

TEST_CASE("date keys sort as dates") {
    CHECK(Date{2023, 6, 21}.key() == "20230621");
    CHECK(Date{2023, 6, 21}.month_key() == "2023-06");
    CHECK(Date{2022, 12, 31} < Date{2023, 1, 1});
}
