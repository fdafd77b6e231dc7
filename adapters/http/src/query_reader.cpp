#include "traction/http/query_reader.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "traction/http/field_reader.hpp"

namespace traction::http {
namespace {

std::optional<std::int64_t> to_int(std::string_view text) {
  std::int64_t n = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return n;
}

std::optional<double> to_double(std::string_view text) {
  double x = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, x);
  if (ec != std::errc{} || ptr != end || !std::isfinite(x)) return std::nullopt;
  return x;
}

}  // namespace

std::optional<std::string_view> QueryReader::find(const FieldNames& names) const {
  for (const auto name : names.all()) {
    if (auto value = query_->get(name)) return value;
  }
  return std::nullopt;
}

std::string QueryReader::field_name(const FieldNames& names) const {
  for (const auto name : names.all()) {
    if (query_->has(name)) return std::string{name};
  }
  return std::string{names.canonical()};
}

std::unexpected<Error> QueryReader::enum_error(const FieldNames& names,
                                               const std::string& choices) const {
  const auto name = field_name(names);
  return invalid(name, fmt::format("{} must be one of {}", name, choices));
}

Result<PageRequest> QueryReader::page() const {
  return page(static_cast<std::int64_t>(limits::page_size_default));
}

Result<PageRequest> QueryReader::page(std::int64_t default_size) const {
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  auto page_number = integer("page", lowest, highest);
  if (!page_number) return std::unexpected(std::move(page_number.error()));
  auto size = integer("size", lowest, highest);
  if (!size) return std::unexpected(std::move(size.error()));
  return make_page_request(page_number->value_or(1), size->value_or(default_size));
}

Result<std::optional<std::string>> QueryReader::string(const FieldNames& names,
                                                       std::size_t max_length) const {
  const auto text = find(names);
  if (!text || text->empty()) return std::optional<std::string>{};
  if (utf8_length(*text) > max_length) {
    const auto name = field_name(names);
    return invalid(name, fmt::format("{} must be at most {} characters", name, max_length));
  }
  return std::optional<std::string>{std::string{*text}};
}

Result<std::vector<std::string>> QueryReader::strings(const FieldNames& names,
                                                      std::size_t max_count,
                                                      std::size_t max_length) const {
  std::vector<std::string> out;
  const auto name = field_name(names);
  for (const auto spelling : names.all()) {
    for (auto value : query_->all(spelling)) {
      while (true) {
        const auto comma = value.find(',');
        const auto piece = value.substr(0, comma);
        if (!piece.empty()) {
          if (utf8_length(piece) > max_length) {
            return invalid(name, fmt::format("each {} must be at most {} characters", name,
                                             max_length));
          }
          out.emplace_back(piece);
          if (out.size() > max_count) {
            return invalid(name, fmt::format("{} takes at most {} values", name, max_count));
          }
        }
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
      }
    }
  }
  return out;
}

Result<std::optional<std::int64_t>> QueryReader::integer(const FieldNames& names,
                                                         std::int64_t min,
                                                         std::int64_t max) const {
  const auto text = find(names);
  if (!text || text->empty()) return std::optional<std::int64_t>{};
  const auto name = field_name(names);
  const auto n = to_int(*text);
  if (!n) return invalid(name, name + " must be an integer");
  if (*n < min || *n > max) {
    return invalid(name, fmt::format("{} must be between {} and {}", name, min, max));
  }
  return std::optional<std::int64_t>{*n};
}

Result<std::optional<double>> QueryReader::number(const FieldNames& names, double min,
                                                  double max) const {
  const auto text = find(names);
  if (!text || text->empty()) return std::optional<double>{};
  const auto name = field_name(names);
  const auto x = to_double(*text);
  if (!x) return invalid(name, name + " must be a number");
  if (*x < min || *x > max) {
    return invalid(name, fmt::format("{} must be between {} and {}", name, min, max));
  }
  return std::optional<double>{*x};
}

Result<std::optional<bool>> QueryReader::boolean(const FieldNames& names) const {
  const auto text = find(names);
  if (!text || text->empty()) return std::optional<bool>{};
  if (*text == "true") return std::optional<bool>{true};
  if (*text == "false") return std::optional<bool>{false};
  const auto name = field_name(names);
  return invalid(name, name + " must be true or false");
}

Result<std::optional<Date>> QueryReader::date(const FieldNames& names) const {
  const auto text = find(names);
  if (!text || text->empty()) return std::optional<Date>{};
  if (auto d = parse_date(*text)) return std::optional<Date>{*d};
  const auto name = field_name(names);
  return invalid(name, name + " must be a date (YYYY-MM-DD)");
}

Result<std::optional<Timestamp>> QueryReader::timestamp(const FieldNames& names) const {
  const auto text = find(names);
  if (!text || text->empty()) return std::optional<Timestamp>{};
  if (auto t = parse_timestamp(*text)) return std::optional<Timestamp>{*t};
  const auto name = field_name(names);
  return invalid(name,
                 name + " must be an ISO-8601 timestamp (YYYY-MM-DDTHH:MM:SSZ) or a date (YYYY-MM-DD)");
}

Result<std::optional<YearMonth>> QueryReader::year_month(const FieldNames& names) const {
  const auto text = find(names);
  if (!text || text->empty()) return std::optional<YearMonth>{};
  if (auto m = parse_year_month(*text)) return std::optional<YearMonth>{*m};
  const auto name = field_name(names);
  return invalid(name, name + " must be a month (YYYY-MM)");
}

}  // namespace traction::http
