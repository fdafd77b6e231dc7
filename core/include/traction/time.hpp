#pragma once
// Time values of the domain. All times are UTC. Timestamps have millisecond precision and
// are written as ISO-8601 with a "Z" ("2025-01-15T10:00:00.000Z"); dates as "YYYY-MM-DD";
// KPI periods as "YYYY-MM".

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace traction {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
using Date = std::chrono::sys_days;

[[nodiscard]] std::string format_timestamp(Timestamp t);
[[nodiscard]] std::string format_date(Date d);

// Accepts "YYYY-MM-DD" (midnight UTC), "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or an
// offset "+HH:MM"/"-HH:MM" (converted to UTC); a space may stand for the "T".
[[nodiscard]] std::optional<Timestamp> parse_timestamp(std::string_view text);
// Accepts "YYYY-MM-DD" or any timestamp parse_timestamp accepts (its UTC date).
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);

[[nodiscard]] inline Date date_of(Timestamp t) {
  return std::chrono::floor<std::chrono::days>(t);
}
[[nodiscard]] inline Timestamp start_of(Date d) { return Timestamp{d}; }

// Whole days from a to b (negative when b is before a).
[[nodiscard]] inline long days_between(Date a, Date b) {
  return static_cast<long>((b - a).count());
}

struct YearMonth {
  int year = 1970;
  unsigned month = 1;  // 1..12
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

[[nodiscard]] std::optional<YearMonth> parse_year_month(std::string_view text);
[[nodiscard]] std::string format_year_month(YearMonth ym);
[[nodiscard]] YearMonth year_month_of(Date d);
[[nodiscard]] Date first_day(YearMonth ym);
[[nodiscard]] Date last_day(YearMonth ym);

}  // namespace traction
