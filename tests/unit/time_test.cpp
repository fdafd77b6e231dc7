#include <catch2/catch.hpp>

#include "traction/time.hpp"

using namespace traction;

TEST_CASE("timestamps are written as ISO-8601 UTC with milliseconds and Z") {
  const auto t = parse_timestamp("2025-01-15T10:00:00Z");
  REQUIRE(t);
  CHECK(format_timestamp(*t) == "2025-01-15T10:00:00.000Z");
  CHECK(format_timestamp(*parse_timestamp("2025-01-15T10:00:00.5Z")) == "2025-01-15T10:00:00.500Z");
}

TEST_CASE("every field of a timestamp and a date is written zero-padded") {
  using namespace std::chrono;
  const Timestamp t = sys_days{year{987} / 3 / 4} + hours{5} + minutes{6} + seconds{7} + milliseconds{8};
  CHECK(format_timestamp(t) == "0987-03-04T05:06:07.008Z");
  CHECK(format_timestamp(sys_days{year{9999} / 12 / 31} + hours{23} + minutes{59} + seconds{59} +
                         milliseconds{999}) == "9999-12-31T23:59:59.999Z");
  CHECK(format_timestamp(Timestamp{}) == "1970-01-01T00:00:00.000Z");
  CHECK(format_timestamp(Timestamp{milliseconds{-1}}) == "1969-12-31T23:59:59.999Z");
  CHECK(format_date(Date{sys_days{year{2026} / 1 / 9}}) == "2026-01-09");
  CHECK(format_timestamp(sys_days{year{12025} / 1 / 2}) == "12025-01-02T00:00:00.000Z");  // past 4 digits
}

TEST_CASE("timestamp offsets are converted to UTC") {
  CHECK(format_timestamp(*parse_timestamp("2025-01-15T12:30:00+02:30")) == "2025-01-15T10:00:00.000Z");
  CHECK(format_timestamp(*parse_timestamp("2025-01-15T23:00:00-02:00")) == "2025-01-16T01:00:00.000Z");
}

TEST_CASE("a date alone is midnight UTC") {
  CHECK(format_timestamp(*parse_timestamp("2024-02-29")) == "2024-02-29T00:00:00.000Z");
  CHECK(format_date(*parse_date("2024-02-29T23:59:59Z")) == "2024-02-29");
}

TEST_CASE("malformed times are refused") {
  CHECK_FALSE(parse_timestamp(""));
  CHECK_FALSE(parse_timestamp("2025-13-01"));
  CHECK_FALSE(parse_timestamp("2023-02-29"));
  CHECK_FALSE(parse_timestamp("2025-01-15T10:00:00"));  // no zone
  CHECK_FALSE(parse_timestamp("2025-01-15T25:00:00Z"));
  CHECK_FALSE(parse_timestamp("2025-01-15Tjunk"));
  CHECK_FALSE(parse_timestamp("2025-01-15T10:00:00Zextra"));
}

TEST_CASE("KPI periods are YYYY-MM") {
  const auto ym = parse_year_month("2025-03");
  REQUIRE(ym);
  CHECK(ym->year == 2025);
  CHECK(ym->month == 3u);
  CHECK(format_year_month(*ym) == "2025-03");
  CHECK_FALSE(parse_year_month("2025-13"));
  CHECK_FALSE(parse_year_month("2025-00"));
  CHECK_FALSE(parse_year_month("2025-3"));
  CHECK_FALSE(parse_year_month("2025-03-01"));
  CHECK(format_date(last_day(*parse_year_month("2024-02"))) == "2024-02-29");
  CHECK(year_month_of(*parse_date("2025-12-31")) == YearMonth{2025, 12});
}
