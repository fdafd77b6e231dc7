#include "traction/http/field_reader.hpp"

#include <boost/json/parse.hpp>

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "traction/http/json.hpp"

namespace traction::http {
namespace {

std::string_view view(const boost::json::string& s) { return {s.data(), s.size()}; }

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Result<boost::json::object> parse_object_text(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::json::error_code ec;
  boost::json::value value =
      boost::json::parse(boost::json::string_view{text.data(), text.size()}, ec, {}, options);
  if (ec) return invalid("", "Request body is not valid JSON");
  if (!value.is_object()) return invalid("", "Request body must be a JSON object");
  return std::move(value.as_object());
}

std::string range_text(std::int64_t min, std::int64_t max) {
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  if (min != lowest && max != highest) return fmt::format("between {} and {}", min, max);
  if (min != lowest) return fmt::format("at least {}", min);
  return fmt::format("at most {}", max);
}

std::string range_text(double min, double max) {
  constexpr auto lowest = std::numeric_limits<double>::lowest();
  constexpr auto highest = std::numeric_limits<double>::max();
  if (min != lowest && max != highest) return fmt::format("between {} and {}", min, max);
  if (min != lowest) return fmt::format("at least {}", min);
  return fmt::format("at most {}", max);
}

}  // namespace

Result<boost::json::object> parse_body(const Request& request) {
  if (is_blank(request.body)) return invalid("", "Request body is required");
  return parse_object_text(request.body);
}

Result<boost::json::object> parse_optional_body(const Request& request) {
  if (is_blank(request.body)) return boost::json::object{};
  return parse_object_text(request.body);
}

std::size_t utf8_length(std::string_view text) noexcept {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

FieldReader::FieldReader(const boost::json::object& object, std::string prefix)
    : object_(&object), prefix_(std::move(prefix)) {}

const boost::json::value* FieldReader::find(const FieldNames& names) const {
  for (const auto name : names.all()) {
    if (const auto* value = object_->if_contains(boost::json::string_view{name.data(), name.size()})) {
      return value;
    }
  }
  return nullptr;
}

std::string FieldReader::field_name(const FieldNames& names) const {
  for (const auto name : names.all()) {
    if (object_->contains(boost::json::string_view{name.data(), name.size()})) {
      return prefix_ + std::string{name};
    }
  }
  return prefix_ + std::string{names.canonical()};
}

std::unexpected<Error> FieldReader::enum_error(const FieldNames& names,
                                               const std::string& choices) const {
  const auto name = field_name(names);
  return invalid(name, fmt::format("{} must be one of {}", name, choices));
}

// ---- strings ------------------------------------------------------------------------------

Result<std::string> FieldReader::required_string(const FieldNames& names,
                                                 std::size_t max_length) const {
  const auto* value = find(names);
  const auto name = field_name(names);
  if (value == nullptr || value->is_null()) return invalid(name, name + " is required");
  auto text = optional_string(names, max_length);
  if (!text) return std::unexpected(std::move(text.error()));
  if ((*text)->empty()) return invalid(name, name + " must not be empty");
  return std::move(**text);
}

Result<std::optional<std::string>> FieldReader::optional_string(const FieldNames& names,
                                                                std::size_t max_length) const {
  const auto* value = find(names);
  if (value == nullptr || value->is_null()) return std::optional<std::string>{};
  const auto name = field_name(names);
  if (!value->is_string()) return invalid(name, name + " must be a string");
  const auto text = view(value->get_string());
  if (utf8_length(text) > max_length) {
    return invalid(name, fmt::format("{} must be at most {} characters", name, max_length));
  }
  return std::optional<std::string>{std::string{text}};
}

Result<Patch<std::string>> FieldReader::patch_string(const FieldNames& names,
                                                     std::size_t max_length) const {
  const auto* value = find(names);
  if (value == nullptr) return Patch<std::string>{};
  if (value->is_null()) return Patch<std::string>{std::optional<std::string>{}};
  auto text = optional_string(names, max_length);
  if (!text) return std::unexpected(std::move(text.error()));
  return Patch<std::string>{std::move(*text)};
}

// ---- integers -----------------------------------------------------------------------------

Result<std::optional<std::int64_t>> FieldReader::optional_int(const FieldNames& names,
                                                              std::int64_t min,
                                                              std::int64_t max) const {
  const auto* value = find(names);
  if (value == nullptr || value->is_null()) return std::optional<std::int64_t>{};
  const auto name = field_name(names);
  const auto out_of_range = [&] {
    return invalid(name, fmt::format("{} must be {}", name, range_text(min, max)));
  };
  std::int64_t n = 0;
  if (value->is_int64()) {
    n = value->get_int64();
  } else if (value->is_uint64()) {
    return out_of_range();  // above every int64
  } else if (value->is_double()) {
    const double d = value->get_double();
    if (!std::isfinite(d) || std::trunc(d) != d) return invalid(name, name + " must be an integer");
    if (d < -9.2e18 || d > 9.2e18) return out_of_range();
    n = static_cast<std::int64_t>(d);
  } else {
    return invalid(name, name + " must be an integer");
  }
  if (n < min || n > max) return out_of_range();
  return std::optional<std::int64_t>{n};
}

Result<std::int64_t> FieldReader::required_int(const FieldNames& names, std::int64_t min,
                                               std::int64_t max) const {
  auto n = optional_int(names, min, max);
  if (!n) return std::unexpected(std::move(n.error()));
  if (!*n) {
    const auto name = field_name(names);
    return invalid(name, name + " is required");
  }
  return **n;
}

Result<Patch<std::int64_t>> FieldReader::patch_int(const FieldNames& names, std::int64_t min,
                                                   std::int64_t max) const {
  const auto* value = find(names);
  if (value == nullptr) return Patch<std::int64_t>{};
  auto n = optional_int(names, min, max);
  if (!n) return std::unexpected(std::move(n.error()));
  return Patch<std::int64_t>{*n};
}

// ---- numbers ------------------------------------------------------------------------------

Result<std::optional<double>> FieldReader::optional_number(const FieldNames& names, double min,
                                                           double max) const {
  const auto* value = find(names);
  if (value == nullptr || value->is_null()) return std::optional<double>{};
  const auto name = field_name(names);
  double x = 0;
  if (value->is_int64()) {
    x = static_cast<double>(value->get_int64());
  } else if (value->is_uint64()) {
    x = static_cast<double>(value->get_uint64());
  } else if (value->is_double()) {
    x = value->get_double();
  } else {
    return invalid(name, name + " must be a number");
  }
  if (!std::isfinite(x)) return invalid(name, name + " must be a finite number");
  if (x < min || x > max) {
    return invalid(name, fmt::format("{} must be {}", name, range_text(min, max)));
  }
  return std::optional<double>{x};
}

Result<double> FieldReader::required_number(const FieldNames& names, double min,
                                             double max) const {
  auto x = optional_number(names, min, max);
  if (!x) return std::unexpected(std::move(x.error()));
  if (!*x) {
    const auto name = field_name(names);
    return invalid(name, name + " is required");
  }
  return **x;
}

Result<Patch<double>> FieldReader::patch_number(const FieldNames& names, double min,
                                                double max) const {
  const auto* value = find(names);
  if (value == nullptr) return Patch<double>{};
  auto x = optional_number(names, min, max);
  if (!x) return std::unexpected(std::move(x.error()));
  return Patch<double>{*x};
}

// ---- booleans -----------------------------------------------------------------------------

Result<std::optional<bool>> FieldReader::optional_bool(const FieldNames& names) const {
  const auto* value = find(names);
  if (value == nullptr || value->is_null()) return std::optional<bool>{};
  if (!value->is_bool()) {
    const auto name = field_name(names);
    return invalid(name, name + " must be true or false");
  }
  return std::optional<bool>{value->get_bool()};
}

Result<bool> FieldReader::required_bool(const FieldNames& names) const {
  auto b = optional_bool(names);
  if (!b) return std::unexpected(std::move(b.error()));
  if (!*b) {
    const auto name = field_name(names);
    return invalid(name, name + " is required");
  }
  return **b;
}

// ---- string arrays ------------------------------------------------------------------------

Result<std::optional<std::vector<std::string>>> FieldReader::optional_string_array(
    const FieldNames& names, std::size_t max_count, std::size_t max_length) const {
  const auto* value = find(names);
  if (value == nullptr || value->is_null()) return std::optional<std::vector<std::string>>{};
  const auto name = field_name(names);
  if (!value->is_array()) return invalid(name, name + " must be an array of strings");
  const auto& array = value->get_array();
  if (array.size() > max_count) {
    return invalid(name, fmt::format("{} must have at most {} items", name, max_count));
  }
  std::vector<std::string> out;
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto item_name = fmt::format("{}[{}]", name, i);
    if (!array[i].is_string()) return invalid(item_name, item_name + " must be a string");
    const auto text = view(array[i].get_string());
    if (text.empty()) return invalid(item_name, item_name + " must not be empty");
    if (utf8_length(text) > max_length) {
      return invalid(item_name,
                     fmt::format("{} must be at most {} characters", item_name, max_length));
    }
    out.emplace_back(text);
  }
  return std::optional<std::vector<std::string>>{std::move(out)};
}

Result<std::vector<std::string>> FieldReader::string_array(const FieldNames& names,
                                                           std::size_t max_count,
                                                           std::size_t max_length) const {
  auto items = optional_string_array(names, max_count, max_length);
  if (!items) return std::unexpected(std::move(items.error()));
  if (!*items) return std::vector<std::string>{};
  return std::move(**items);
}

// ---- dates and times ----------------------------------------------------------------------

namespace {

template <class T, class Parse>
Result<std::optional<T>> optional_parsed(const FieldReader& in, const FieldNames& names,
                                         Parse parse, std::string_view expected) {
  auto text = in.optional_string(names, limits::short_text);
  if (!text) return std::unexpected(std::move(text.error()));
  if (!*text) return std::optional<T>{};
  if (auto value = parse(**text)) return std::optional<T>{*value};
  const auto name = in.field_name(names);
  return invalid(name, fmt::format("{} must be {}", name, expected));
}

template <class T, class Parse>
Result<T> required_parsed(const FieldReader& in, const FieldNames& names, Parse parse,
                          std::string_view expected) {
  auto value = optional_parsed<T>(in, names, parse, expected);
  if (!value) return std::unexpected(std::move(value.error()));
  if (!*value) {
    const auto name = in.field_name(names);
    return invalid(name, name + " is required");
  }
  return **value;
}

template <class T, class Parse>
Result<Patch<T>> patch_parsed(const FieldReader& in, const FieldNames& names, Parse parse,
                              std::string_view expected) {
  const auto* raw = in.find(names);
  if (raw == nullptr) return Patch<T>{};
  auto value = optional_parsed<T>(in, names, parse, expected);
  if (!value) return std::unexpected(std::move(value.error()));
  return Patch<T>{*value};
}

constexpr std::string_view date_expected = "a date (YYYY-MM-DD)";
constexpr std::string_view timestamp_expected =
    "an ISO-8601 timestamp (YYYY-MM-DDTHH:MM:SSZ) or a date (YYYY-MM-DD)";
constexpr std::string_view month_expected = "a month (YYYY-MM)";

const auto parse_date_fn = [](std::string_view s) { return parse_date(s); };
const auto parse_timestamp_fn = [](std::string_view s) { return parse_timestamp(s); };
const auto parse_month_fn = [](std::string_view s) { return parse_year_month(s); };

}  // namespace

Result<Date> FieldReader::required_date(const FieldNames& names) const {
  return required_parsed<Date>(*this, names, parse_date_fn, date_expected);
}
Result<std::optional<Date>> FieldReader::optional_date(const FieldNames& names) const {
  return optional_parsed<Date>(*this, names, parse_date_fn, date_expected);
}
Result<Patch<Date>> FieldReader::patch_date(const FieldNames& names) const {
  return patch_parsed<Date>(*this, names, parse_date_fn, date_expected);
}
Result<Timestamp> FieldReader::required_timestamp(const FieldNames& names) const {
  return required_parsed<Timestamp>(*this, names, parse_timestamp_fn, timestamp_expected);
}
Result<std::optional<Timestamp>> FieldReader::optional_timestamp(const FieldNames& names) const {
  return optional_parsed<Timestamp>(*this, names, parse_timestamp_fn, timestamp_expected);
}
Result<Patch<Timestamp>> FieldReader::patch_timestamp(const FieldNames& names) const {
  return patch_parsed<Timestamp>(*this, names, parse_timestamp_fn, timestamp_expected);
}
Result<YearMonth> FieldReader::required_year_month(const FieldNames& names) const {
  return required_parsed<YearMonth>(*this, names, parse_month_fn, month_expected);
}
Result<std::optional<YearMonth>> FieldReader::optional_year_month(const FieldNames& names) const {
  return optional_parsed<YearMonth>(*this, names, parse_month_fn, month_expected);
}

// ---- nested JSON --------------------------------------------------------------------------

Result<std::optional<std::string>> FieldReader::optional_json_object(const FieldNames& names,
                                                                     std::size_t max_bytes) const {
  const auto* value = find(names);
  if (value == nullptr || value->is_null()) return std::optional<std::string>{};
  const auto name = field_name(names);
  if (!value->is_object()) return invalid(name, name + " must be an object");
  auto text = json_text(*value);
  if (text.size() > max_bytes) {
    return invalid(name, fmt::format("{} must be at most {} bytes of JSON", name, max_bytes));
  }
  return std::optional<std::string>{std::move(text)};
}

Result<Patch<std::string>> FieldReader::patch_json_object(const FieldNames& names,
                                                          std::size_t max_bytes) const {
  const auto* value = find(names);
  if (value == nullptr) return Patch<std::string>{};
  auto text = optional_json_object(names, max_bytes);
  if (!text) return std::unexpected(std::move(text.error()));
  return Patch<std::string>{std::move(*text)};
}

Result<std::optional<FieldReader>> FieldReader::optional_object(const FieldNames& names) const {
  const auto* value = find(names);
  if (value == nullptr || value->is_null()) return std::optional<FieldReader>{};
  const auto name = field_name(names);
  if (!value->is_object()) return invalid(name, name + " must be an object");
  return std::optional<FieldReader>{FieldReader{value->get_object(), name + "."}};
}

Result<FieldReader> FieldReader::required_object(const FieldNames& names) const {
  auto reader = optional_object(names);
  if (!reader) return std::unexpected(std::move(reader.error()));
  if (!*reader) {
    const auto name = field_name(names);
    return invalid(name, name + " is required");
  }
  return std::move(**reader);
}

Result<std::vector<FieldReader>> FieldReader::object_array(const FieldNames& names,
                                                           std::size_t max_count) const {
  const auto* value = find(names);
  if (value == nullptr || value->is_null()) return std::vector<FieldReader>{};
  const auto name = field_name(names);
  if (!value->is_array()) return invalid(name, name + " must be an array of objects");
  const auto& array = value->get_array();
  if (array.size() > max_count) {
    return invalid(name, fmt::format("{} must have at most {} items", name, max_count));
  }
  std::vector<FieldReader> out;
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto item_name = fmt::format("{}[{}]", name, i);
    if (!array[i].is_object()) return invalid(item_name, item_name + " must be an object");
    out.emplace_back(array[i].get_object(), item_name + ".");
  }
  return out;
}

}  // namespace traction::http
