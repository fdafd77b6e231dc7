#include <catch2/catch.hpp>

#include "traction/time.hpp"

using namespace traction;

TEST_CASE("timestamps are written as ISO-8601 UTC with milliseconds and Z") {
  const auto t = parse_timestamp("2025-01-15T10:00:00Z");
  REQUIRE(t);
  CHECK(format_timestamp(*t) == "2025-01-15T10:00:00.000Z");
  CHECK(format_timestamp(*parse_timestamp("2025-01-15T10:00:00.5Z")) == "2025-01-15T10:00:00.500Z");
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
