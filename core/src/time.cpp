#include "traction/time.hpp"

#include <fmt/format.h>

#include <cctype>

namespace traction {
namespace {

using namespace std::chrono;

// Reads exactly `width` digits at `pos`; advances pos.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<Date> parse_ymd(std::string_view s, std::size_t& pos) {
  const auto y = digits(s, pos, 4);
  if (!y || !expect(s, pos, '-')) return std::nullopt;
  const auto m = digits(s, pos, 2);
  if (!m || !expect(s, pos, '-')) return std::nullopt;
  const auto d = digits(s, pos, 2);
  if (!d) return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)},
                           day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

// Writes `value` as exactly `width` decimal digits at `pos` (value < 10^width).
void put_digits(std::string& out, std::size_t pos, std::size_t width, unsigned value) {
  for (std::size_t i = width; i > 0; --i) {
    out[pos + i - 1] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

std::string format_timestamp(Timestamp t) {
  const auto day_point = floor<days>(t);
  const hh_mm_ss hms{t - day_point};
  // Every response carries several timestamps: written digit by digit, not through fmt.
  std::string out = format_date(day_point);
  const auto at = out.size();
  out += "T00:00:00.000Z";
  put_digits(out, at + 1, 2, static_cast<unsigned>(hms.hours().count()));
  put_digits(out, at + 4, 2, static_cast<unsigned>(hms.minutes().count()));
  put_digits(out, at + 7, 2, static_cast<unsigned>(hms.seconds().count()));
  put_digits(out, at + 10, 3, static_cast<unsigned>(hms.subseconds().count()));
  return out;
}

std::string format_date(Date d) {
  const year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) {
    return fmt::format("{:04d}-{:02d}-{:02d}", y, static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
  }
  std::string out = "0000-00-00";
  put_digits(out, 0, 4, static_cast<unsigned>(y));
  put_digits(out, 5, 2, static_cast<unsigned>(ymd.month()));
  put_digits(out, 8, 2, static_cast<unsigned>(ymd.day()));
  return out;
}

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  std::size_t pos = 0;
  const auto date = parse_ymd(s, pos);
  if (!date) return std::nullopt;
  if (pos == s.size()) return Timestamp{*date};
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  const auto hh = digits(s, pos, 2);
  if (!hh || !expect(s, pos, ':')) return std::nullopt;
  const auto mm = digits(s, pos, 2);
  if (!mm) return std::nullopt;
  int ss = 0;
  int millis = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    const auto sec = digits(s, pos, 2);
    if (!sec) return std::nullopt;
    ss = *sec;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int scale = 100;
      std::size_t count = 0;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
        if (count < 3) millis += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
        ++count;
      }
      if (count == 0) return std::nullopt;
    }
  }
  if (*hh > 23 || *mm > 59 || ss > 60) return std::nullopt;
  auto t = Timestamp{*date} + hours{*hh} + minutes{*mm} + seconds{ss} + milliseconds{millis};
  if (pos == s.size()) return std::nullopt;  // a zone is required for a time of day
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '+' ? 1 : -1;
    ++pos;
    const auto oh = digits(s, pos, 2);
    if (!oh) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') ++pos;
    const auto om = digits(s, pos, 2);
    if (!om || *oh > 23 || *om > 59) return std::nullopt;
    t -= sign * (hours{*oh} + minutes{*om});
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return t;
}

std::optional<Date> parse_date(std::string_view text) {
  const auto t = parse_timestamp(text);
  if (!t) return std::nullopt;
  return date_of(*t);
}

std::optional<YearMonth> parse_year_month(std::string_view s) {
  std::size_t pos = 0;
  const auto y = digits(s, pos, 4);
  if (!y || !expect(s, pos, '-')) return std::nullopt;
  const auto m = digits(s, pos, 2);
  if (!m || pos != s.size() || *m < 1 || *m > 12) return std::nullopt;
  return YearMonth{*y, static_cast<unsigned>(*m)};
}

std::string format_year_month(YearMonth ym) {
  return fmt::format("{:04d}-{:02d}", ym.year, ym.month);
}

YearMonth year_month_of(Date d) {
  const year_month_day ymd{d};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())};
}

Date first_day(YearMonth ym) {
  return sys_days{year{ym.year} / month{ym.month} / day{1}};
}

Date last_day(YearMonth ym) {
  return sys_days{year{ym.year} / month{ym.month} / last};
}

}  // namespace traction
