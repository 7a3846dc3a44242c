#include "news/dates.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace news {
namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
    return kDays[static_cast<size_t>(month - 1)];
}

bool is_valid_date(int year, int month, int day) {
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::key() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

std::string Date::month_key() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

DateResult<Date> parse_iso_date(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    // The date part ends at 'T' or a space (a date-time) or at the end.
    std::string_view date = s.substr(0, s.find_first_of("Tt "));
    if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !all_digits(date.substr(0, 4)) ||
        !all_digits(date.substr(5, 2)) || !all_digits(date.substr(8, 2))) {
        return DateError{quoted(text) + " is not a date; use YYYY-MM-DD or an ISO 8601 date-time"};
    }
    Date d{to_int(date.substr(0, 4)), to_int(date.substr(5, 2)), to_int(date.substr(8, 2))};
    if (!is_valid_date(d.year, d.month, d.day))
        return DateError{quoted(text) + " is not a calendar date; use YYYY-MM-DD"};
    return d;
}

std::optional<int> month_from_name(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths{
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!lower.empty() && lower.back() == '.') lower.pop_back();
    if (lower.size() < 3) return std::nullopt;
    for (size_t i = 0; i < kMonths.size(); ++i) {
        if (lower == kMonths[i]) return static_cast<int>(i + 1);
        if (lower.size() == 3 && kMonths[i].substr(0, 3) == lower) return static_cast<int>(i + 1);
        if (lower == "sept" && i == 8) return 9;
    }
    return std::nullopt;
}

std::optional<Date> parse_written_date(std::string_view text) {
    // Split into up to three words, dropping commas.
    std::array<std::string_view, 3> w;
    size_t n = 0, i = 0;
    while (i < text.size() && n < 4) {
        while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == ','))
            ++i;
        size_t start = i;
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != ',')
            ++i;
        if (i > start) {
            if (n == 3) return std::nullopt;
            w[n++] = text.substr(start, i - start);
        }
    }
    if (n != 3) return std::nullopt;
    std::optional<int> month;
    std::string_view day, year;
    if ((month = month_from_name(w[0]))) {  // June 21, 2023
        day = w[1];
        year = w[2];
    } else if ((month = month_from_name(w[1]))) {  // 21 June 2023
        day = w[0];
        year = w[2];
    } else {
        return std::nullopt;
    }
    if (!all_digits(day) || day.size() > 2 || !all_digits(year) || year.size() != 4) return std::nullopt;
    Date d{to_int(year), *month, to_int(day)};
    if (!is_valid_date(d.year, d.month, d.day)) return std::nullopt;
    return d;
}

DateResult<DateBound> parse_date_bound(std::string_view text) {
    const std::string what = quoted(text) + " is not a date; use YYYY, YYYY-MM or YYYY-MM-DD";
    if (text.size() == 4 && all_digits(text)) {
        int y = to_int(text);
        if (y < 1) return DateError{what};
        return DateBound{{y, 1, 1}, {y, 12, 31}};
    }
    if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(0, 4)) && all_digits(text.substr(5, 2))) {
        int y = to_int(text.substr(0, 4)), m = to_int(text.substr(5, 2));
        if (y < 1 || m < 1 || m > 12) return DateError{quoted(text) + " is not a calendar month; use YYYY-MM"};
        return DateBound{{y, m, 1}, {y, m, days_in_month(y, m)}};
    }
    if (text.size() == 10) {
        auto r = parse_iso_date(text);
        if (auto* d = std::get_if<Date>(&r)) return DateBound{*d, *d};
        return std::get<DateError>(r);
    }
    return DateError{what};
}

}  // namespace news
