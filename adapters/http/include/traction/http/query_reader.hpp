#pragma once
// Reading query parameters, with the same error style as FieldReader (the error names the
// parameter). An absent parameter, or one given empty (`?status=`), reads as nullopt.
//
//   QueryReader q{request};
//   auto page = q.page();                                   // page, size via make_page_request
//   auto status = q.enum_value("status", goal_status_text);
//   auto from = q.date("from");
//   if (auto e = first_error(page, status, from)) return error_response(*e);

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traction/domain/limits.hpp"
#include "traction/domain/page.hpp"
#include "traction/enum_text.hpp"
#include "traction/error.hpp"
#include "traction/http/field_names.hpp"
#include "traction/http/request.hpp"
#include "traction/time.hpp"

namespace traction::http {

class QueryReader {
 public:
  explicit QueryReader(const Request& request) : query_(&request.query) {}
  explicit QueryReader(const QueryParams& query) : query_(&query) {}
  // The reader keeps a reference: a temporary would dangle.
  explicit QueryReader(Request&&) = delete;
  explicit QueryReader(QueryParams&&) = delete;

  // The raw value of the first spelling present, empty values included.
  [[nodiscard]] std::optional<std::string_view> find(const FieldNames& names) const;
  [[nodiscard]] std::string field_name(const FieldNames& names) const;

  // `page` (default 1) and `size` (default 20, clamped to 100) through make_page_request.
  [[nodiscard]] Result<PageRequest> page() const;
  [[nodiscard]] Result<PageRequest> page(std::int64_t default_size) const;

  [[nodiscard]] Result<std::optional<std::string>> string(const FieldNames& names,
                                                          std::size_t max_length) const;
  // Every value of a repeated parameter, each also split at commas (`?s=a,b&s=c`).
  [[nodiscard]] Result<std::vector<std::string>> strings(const FieldNames& names,
                                                         std::size_t max_count,
                                                         std::size_t max_length) const;
  [[nodiscard]] Result<std::optional<std::int64_t>> integer(const FieldNames& names,
                                                            std::int64_t min,
                                                            std::int64_t max) const;
  [[nodiscard]] Result<std::optional<double>> number(const FieldNames& names, double min,
                                                     double max) const;
  // "true" or "false".
  [[nodiscard]] Result<std::optional<bool>> boolean(const FieldNames& names) const;
  [[nodiscard]] Result<std::optional<Date>> date(const FieldNames& names) const;
  [[nodiscard]] Result<std::optional<Timestamp>> timestamp(const FieldNames& names) const;
  [[nodiscard]] Result<std::optional<YearMonth>> year_month(const FieldNames& names) const;

  template <class E, std::size_t N>
  [[nodiscard]] Result<std::optional<E>> enum_value(const FieldNames& names,
                                                    const EnumText<E, N>& table) const {
    const auto text = find(names);
    if (!text || text->empty()) return std::optional<E>{};
    if (auto value = table.parse(*text)) return std::optional<E>{*value};
    return enum_error(names, table.choices());
  }
  // Repeated and/or comma-separated enum values.
  template <class E, std::size_t N>
  [[nodiscard]] Result<std::vector<E>> enum_values(const FieldNames& names,
                                                   const EnumText<E, N>& table) const {
    auto texts = strings(names, limits::tags, limits::short_text);
    if (!texts) return std::unexpected(std::move(texts.error()));
    std::vector<E> out;
    for (const auto& text : *texts) {
      auto value = table.parse(text);
      if (!value) return enum_error(names, table.choices());
      out.push_back(*value);
    }
    return out;
  }

 private:
  [[nodiscard]] std::unexpected<Error> enum_error(const FieldNames& names,
                                                  const std::string& choices) const;
  const QueryParams* query_;
};

}  // namespace traction::http
