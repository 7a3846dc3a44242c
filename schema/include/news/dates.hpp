// Calendar dates as news-index stores them and news-search filters on them.
// Pure functions: text in, a value or an error message out; no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace news {

struct Date {
    int year = 0;   // 1..9999
    int month = 0;  // 1..12
    int day = 0;    // 1..31, valid for the month

    std::string iso() const;    // "YYYY-MM-DD"
    std::string key() const;    // "YYYYMMDD": the Slot::Date value and the XD term
    std::string month_key() const;  // "YYYY-MM": the XM term and the month facet
    friend bool operator==(const Date& a, const Date& b) {
        return a.year == b.year && a.month == b.month && a.day == b.day;
    }
    friend bool operator<(const Date& a, const Date& b) { return a.key() < b.key(); }
};

// Days in a month of the proleptic Gregorian calendar (month 1-12).
int days_in_month(int year, int month);

bool is_valid_date(int year, int month, int day);

// A parse failure: what was wrong, in words a user can act on.
struct DateError {
    std::string message;
};

template <typename T>
using DateResult = std::variant<T, DateError>;

// "2023-06-21", "2023-06-21T15:02:20Z", "2023-06-21 15:02:20+02:00":
// the date part of an ISO 8601 date or date-time, checked against the calendar.
DateResult<Date> parse_iso_date(std::string_view text);

// "June 21, 2023", "Jun 21, 2023", "21 June 2023" (month names in English).
std::optional<Date> parse_written_date(std::string_view text);

// Month number from an English month name or its 3-letter abbreviation, any case.
std::optional<int> month_from_name(std::string_view name);

// A user's date bound: "YYYY", "YYYY-MM" or "YYYY-MM-DD".  As a lower bound
// it means the first day it covers, as an upper bound the last.
struct DateBound {
    Date first;
    Date last;
};
DateResult<DateBound> parse_date_bound(std::string_view text);

}  // namespace news
