#pragma once
// Reading request bodies: parse the JSON, then take typed fields out of the object with a
// FieldReader. Every getter returns a Result whose error is a VALIDATION_ERROR that names
// the field ("title is required", "horizon must be one of year, quarter, month",
// "strategies[1].title must be at most 200 characters").
//
//   auto body = parse_body(request);
//   if (!body) return error_response(body.error());
//   FieldReader in{*body};
//   auto title = in.required_string("title", limits::title);
//   auto owner = in.required_string({"ownerId", "owner_id"}, limits::id);
//   auto horizon = in.required_enum("horizon", horizon_text);
//   auto tags = in.string_array({"valueTags", "value_tags"}, limits::tags, limits::tag);
//   auto metadata = in.optional_json_object("metadata");
//   if (auto e = first_error(title, owner, horizon, tags, metadata)) return error_response(*e);
//
// Optional getters give nullopt for an absent field and for null. Patch getters tell the
// three apart: absent → nullopt, null → an engaged optional holding nullopt, a value → the
// value (`Patch<T>` = std::optional<std::optional<T>>).

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traction/domain/limits.hpp"
#include "traction/enum_text.hpp"
#include "traction/error.hpp"
#include "traction/http/field_names.hpp"
#include "traction/http/request.hpp"
#include "traction/time.hpp"

namespace traction::http {

template <class T>
using Patch = std::optional<std::optional<T>>;

// The body as a JSON object. Empty → 400 "Request body is required"; not JSON → 400
// "Request body is not valid JSON"; another JSON type → 400 "Request body must be a JSON
// object".
[[nodiscard]] Result<boost::json::object> parse_body(const Request& request);
// As parse_body, but an empty body reads as {} (bodies whose every field is optional).
[[nodiscard]] Result<boost::json::object> parse_optional_body(const Request& request);

// The first error among several results, for reading many fields before answering.
template <class... Rs>
[[nodiscard]] std::optional<Error> first_error(const Rs&... results) {
  std::optional<Error> out;
  ((out || results.has_value() ? void() : void(out = results.error())), ...);
  return out;
}

// Characters (UTF-8 code points) in `text`.
[[nodiscard]] std::size_t utf8_length(std::string_view text) noexcept;

class FieldReader {
 public:
  // `prefix` is put before field names in errors (nested objects: "strategies[0].").
  explicit FieldReader(const boost::json::object& object, std::string prefix = {});
  // The reader keeps a reference: a temporary would dangle.
  explicit FieldReader(boost::json::object&&, std::string = {}) = delete;

  // The value of the first spelling present (null included), or nullptr.
  [[nodiscard]] const boost::json::value* find(const FieldNames& names) const;
  [[nodiscard]] bool has(const FieldNames& names) const { return find(names) != nullptr; }
  // The name errors use: the prefix and the spelling present, else the canonical one.
  [[nodiscard]] std::string field_name(const FieldNames& names) const;
  [[nodiscard]] const boost::json::object& object() const { return *object_; }

  // Strings are kept as sent (no trimming). A required string must not be empty.
  [[nodiscard]] Result<std::string> required_string(const FieldNames& names,
                                                    std::size_t max_length) const;
  [[nodiscard]] Result<std::optional<std::string>> optional_string(const FieldNames& names,
                                                                   std::size_t max_length) const;
  [[nodiscard]] Result<Patch<std::string>> patch_string(const FieldNames& names,
                                                        std::size_t max_length) const;

  // Integers in [min, max]; 3.0 reads as 3, 3.5 is an error.
  [[nodiscard]] Result<std::int64_t> required_int(const FieldNames& names, std::int64_t min,
                                                  std::int64_t max) const;
  [[nodiscard]] Result<std::optional<std::int64_t>> optional_int(const FieldNames& names,
                                                                 std::int64_t min,
                                                                 std::int64_t max) const;
  [[nodiscard]] Result<Patch<std::int64_t>> patch_int(const FieldNames& names, std::int64_t min,
                                                      std::int64_t max) const;

  // Finite numbers in [min, max].
  [[nodiscard]] Result<double> required_number(const FieldNames& names, double min,
                                               double max) const;
  [[nodiscard]] Result<std::optional<double>> optional_number(const FieldNames& names, double min,
                                                              double max) const;
  [[nodiscard]] Result<Patch<double>> patch_number(const FieldNames& names, double min,
                                                   double max) const;

  [[nodiscard]] Result<bool> required_bool(const FieldNames& names) const;
  [[nodiscard]] Result<std::optional<bool>> optional_bool(const FieldNames& names) const;

  // Arrays of strings: at most max_count items, each 1..max_length characters. Absent or
  // null reads as empty (string_array) or nullopt (optional_string_array).
  [[nodiscard]] Result<std::vector<std::string>> string_array(const FieldNames& names,
                                                              std::size_t max_count,
                                                              std::size_t max_length) const;
  [[nodiscard]] Result<std::optional<std::vector<std::string>>> optional_string_array(
      const FieldNames& names, std::size_t max_count, std::size_t max_length) const;

  // Enums by their wire spelling in core's EnumText tables.
  template <class E, std::size_t N>
  [[nodiscard]] Result<E> required_enum(const FieldNames& names, const EnumText<E, N>& table) const {
    auto text = required_string(names, limits::short_text);
    if (!text) return std::unexpected(std::move(text.error()));
    return parse_enum(names, *text, table);
  }
  template <class E, std::size_t N>
  [[nodiscard]] Result<std::optional<E>> optional_enum(const FieldNames& names,
                                                       const EnumText<E, N>& table) const {
    auto text = optional_string(names, limits::short_text);
    if (!text) return std::unexpected(std::move(text.error()));
    if (!*text) return std::optional<E>{};
    auto value = parse_enum(names, **text, table);
    if (!value) return std::unexpected(std::move(value.error()));
    return std::optional<E>{*value};
  }
  template <class E, std::size_t N>
  [[nodiscard]] Result<Patch<E>> patch_enum(const FieldNames& names,
                                            const EnumText<E, N>& table) const {
    auto text = patch_string(names, limits::short_text);
    if (!text) return std::unexpected(std::move(text.error()));
    if (!*text) return Patch<E>{};
    if (!**text) return Patch<E>{std::optional<E>{}};
    auto value = parse_enum(names, ***text, table);
    if (!value) return std::unexpected(std::move(value.error()));
    return Patch<E>{std::optional<E>{*value}};
  }

  // Dates "YYYY-MM-DD" (a timestamp reads as its UTC date).
  [[nodiscard]] Result<Date> required_date(const FieldNames& names) const;
  [[nodiscard]] Result<std::optional<Date>> optional_date(const FieldNames& names) const;
  [[nodiscard]] Result<Patch<Date>> patch_date(const FieldNames& names) const;
  // Timestamps: ISO-8601 with Z or an offset, or a bare date (midnight UTC).
  [[nodiscard]] Result<Timestamp> required_timestamp(const FieldNames& names) const;
  [[nodiscard]] Result<std::optional<Timestamp>> optional_timestamp(const FieldNames& names) const;
  [[nodiscard]] Result<Patch<Timestamp>> patch_timestamp(const FieldNames& names) const;
  // Months "YYYY-MM" (KPI periods).
  [[nodiscard]] Result<YearMonth> required_year_month(const FieldNames& names) const;
  [[nodiscard]] Result<std::optional<YearMonth>> optional_year_month(const FieldNames& names) const;

  // A nested JSON object kept as its serialized text (metadata), at most max_bytes long.
  [[nodiscard]] Result<std::optional<std::string>> optional_json_object(
      const FieldNames& names, std::size_t max_bytes = limits::json_text) const;
  [[nodiscard]] Result<Patch<std::string>> patch_json_object(
      const FieldNames& names, std::size_t max_bytes = limits::json_text) const;

  // A nested object to read further; its errors name "parent.child".
  [[nodiscard]] Result<FieldReader> required_object(const FieldNames& names) const;
  [[nodiscard]] Result<std::optional<FieldReader>> optional_object(const FieldNames& names) const;
  // An array of objects (absent or null: empty); errors name "items[2].child".
  [[nodiscard]] Result<std::vector<FieldReader>> object_array(const FieldNames& names,
                                                              std::size_t max_count) const;

 private:
  template <class E, std::size_t N>
  Result<E> parse_enum(const FieldNames& names, std::string_view text,
                       const EnumText<E, N>& table) const {
    if (auto value = table.parse(text)) return *value;
    return enum_error(names, table.choices());
  }
  [[nodiscard]] std::unexpected<Error> enum_error(const FieldNames& names,
                                                  const std::string& choices) const;

  const boost::json::object* object_;
  std::string prefix_;
};

}  // namespace traction::http
