#pragma once
// Binding values to statements and reading them back, in the store's column formats:
// timestamps are INTEGER milliseconds since the epoch (UTC), dates INTEGER days since the
// epoch, KPI periods INTEGER year*100+month, enums TEXT in their wire spelling, booleans
// INTEGER 0/1. Every value reaches SQL through a bound parameter.

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "traction/enum_text.hpp"
#include "traction/time.hpp"

namespace traction::sqlite {

[[nodiscard]] inline std::int64_t to_db(Timestamp t) noexcept { return t.time_since_epoch().count(); }
[[nodiscard]] inline std::int64_t to_db(Date d) noexcept { return d.time_since_epoch().count(); }
[[nodiscard]] inline std::int64_t to_db(YearMonth ym) noexcept {
  return static_cast<std::int64_t>(ym.year) * 100 + static_cast<std::int64_t>(ym.month);
}
[[nodiscard]] inline Timestamp timestamp_from_db(std::int64_t v) noexcept {
  return Timestamp{std::chrono::milliseconds{v}};
}
[[nodiscard]] inline Date date_from_db(std::int64_t v) noexcept { return Date{std::chrono::days{v}}; }
[[nodiscard]] inline YearMonth year_month_from_db(std::int64_t v) noexcept {
  return YearMonth{static_cast<int>(v / 100), static_cast<unsigned>(v % 100)};
}

// Binds parameters 1, 2, 3, ... in the order of the calls.
class Binder {
 public:
  explicit Binder(SQLite::Statement& statement) noexcept : statement_(statement) {}

  // Copied by SQLite: the view may end before the statement runs.
  Binder& text(std::string_view v) {
    statement_.bind(++index_, std::string(v));
    return *this;
  }
  // Not copied: a named string the caller holds (a field of the entity being written, a
  // local) outlives the statement's run, which follows in the same scope; the lease's
  // clearBindings() lets go of it afterwards. A temporary string is copied.
  Binder& text(const std::string& v) {
    statement_.bindNoCopy(++index_, v);
    return *this;
  }
  Binder& text(std::string&& v) {
    statement_.bind(++index_, v);  // SQLite's copy (SQLITE_TRANSIENT), the only one
    return *this;
  }
  // A string literal: static, not copied.
  template <std::size_t N>
  Binder& text(const char (&literal)[N]) {
    statement_.bindNoCopy(++index_, literal);
    return *this;
  }
  Binder& opt_text(const std::optional<std::string>& v) {
    if (!v) return null();
    return text(*v);
  }
  Binder& i64(std::int64_t v) {
    statement_.bind(++index_, v);
    return *this;
  }
  Binder& real(double v) {
    statement_.bind(++index_, v);
    return *this;
  }
  Binder& opt_real(std::optional<double> v) {
    if (!v) return null();
    return real(*v);
  }
  Binder& boolean(bool v) { return i64(v ? 1 : 0); }
  Binder& time(Timestamp v) { return i64(to_db(v)); }
  Binder& opt_time(std::optional<Timestamp> v) {
    if (!v) return null();
    return time(*v);
  }
  Binder& date(Date v) { return i64(to_db(v)); }
  Binder& opt_date(std::optional<Date> v) {
    if (!v) return null();
    return date(*v);
  }
  Binder& period(YearMonth v) { return i64(to_db(v)); }
  template <class E, std::size_t N>
  Binder& enumeration(const EnumText<E, N>& table, E v) {
    return text(table.name(v));
  }
  template <class E, std::size_t N>
  Binder& opt_enumeration(const EnumText<E, N>& table, const std::optional<E>& v) {
    if (!v) return null();
    return text(table.name(*v));
  }
  Binder& null() {
    statement_.bind(++index_);
    return *this;
  }

 private:
  SQLite::Statement& statement_;
  int index_ = 0;
};

// Reads columns 0, 1, 2, ... of the current row in the order of the calls.
class Row {
 public:
  explicit Row(const SQLite::Statement& statement, int first = 0) noexcept
      : statement_(statement), index_(first) {}

  std::string text() { return statement_.getColumn(index_++).getString(); }
  std::optional<std::string> opt_text() {
    if (is_null()) return std::nullopt;
    return text();
  }
  std::int64_t i64() { return statement_.getColumn(index_++).getInt64(); }
  int i32() { return static_cast<int>(i64()); }
  double real() { return statement_.getColumn(index_++).getDouble(); }
  std::optional<double> opt_real() {
    if (is_null()) return std::nullopt;
    return real();
  }
  bool boolean() { return i64() != 0; }
  Timestamp time() { return timestamp_from_db(i64()); }
  std::optional<Timestamp> opt_time() {
    if (is_null()) return std::nullopt;
    return time();
  }
  Date date() { return date_from_db(i64()); }
  std::optional<Date> opt_date() {
    if (is_null()) return std::nullopt;
    return date();
  }
  YearMonth period() { return year_month_from_db(i64()); }
  template <class E, std::size_t N>
  E enumeration(const EnumText<E, N>& table) {
    const auto value = text();
    const auto parsed = table.parse(value);
    if (!parsed) throw std::runtime_error("unexpected stored value '" + value + "'");
    return *parsed;
  }
  template <class E, std::size_t N>
  std::optional<E> opt_enumeration(const EnumText<E, N>& table) {
    if (is_null()) return std::nullopt;
    return enumeration(table);
  }
  void skip() { ++index_; }

 private:
  bool is_null() {
    if (!statement_.isColumnNull(index_)) return false;
    ++index_;
    return true;
  }

  const SQLite::Statement& statement_;
  int index_;
};

// A JSON array of strings, for `IN (SELECT value FROM json_each(?))`: one statement for
// any number of ids.
[[nodiscard]] std::string json_string_array(const std::vector<std::string>& values);

// `%term%` with LIKE's wildcards escaped by '\' (use with ESCAPE '\').
[[nodiscard]] std::string like_contains_pattern(std::string_view term);

// The FTS5 query for the rows that may hold `term` as a substring: every row whose text has
// each of (up to 16 of) the term's trigrams, anywhere. The trigram indexes keep no
// positions (schema v7), so this is a superset and the caller's LIKE test decides. nullopt
// when the term is too short for the trigram index (under 3 characters): then only the
// LIKE test applies.
[[nodiscard]] std::optional<std::string> trigram_query(std::string_view term);


// A WHERE clause built from the filters a list call was given, with its values.
class Filter {
 public:
  using Value = std::variant<std::int64_t, double, std::string>;

  explicit Filter(std::string first_clause) : sql_(std::move(first_clause)) {}

  // Appends " AND <clause>" whose parameters take `values`, in order.
  template <class... V>
  Filter& add(std::string_view clause, V&&... values) {
    sql_ += " AND ";
    sql_ += clause;
    (values_.emplace_back(std::forward<V>(values)), ...);
    return *this;
  }
  // A value bound to a parameter of the first clause.
  template <class V>
  Filter& value(V&& v) {
    values_.emplace_back(std::forward<V>(v));
    return *this;
  }

  // Joins another table (no parameters) to the one filtered: `joins()` goes between the
  // FROM table and WHERE.
  Filter& join(std::string_view clause) {
    joins_ += ' ';
    joins_ += clause;
    return *this;
  }
  // Marks the filter as narrowing the rows by an indexed condition beyond the tenant: the
  // list then sorts the (few) matches rather than walk a sort index past the others.
  Filter& narrowing() {
    narrowed_ = true;
    return *this;
  }

  [[nodiscard]] const std::string& sql() const noexcept { return sql_; }
  [[nodiscard]] const std::string& joins() const noexcept { return joins_; }
  [[nodiscard]] bool narrowed() const noexcept { return narrowed_; }
  void bind(Binder& binder) const {
    for (const auto& v : values_) {
      if (const auto* i = std::get_if<std::int64_t>(&v)) binder.i64(*i);
      else if (const auto* d = std::get_if<double>(&v)) binder.real(*d);
      else binder.text(std::get<std::string>(v));
    }
  }

 private:
  std::string sql_;
  std::string joins_;
  std::vector<Value> values_;
  bool narrowed_ = false;
};

// LIMIT/OFFSET of a page, or nullopt when the request selects nothing (page or size
// below 1, or an offset beyond any table).
struct LimitOffset {
  std::int64_t limit = 0;
  std::int64_t offset = 0;
};
[[nodiscard]] std::optional<LimitOffset> limit_offset(std::int64_t page, std::int64_t size) noexcept;

}  // namespace traction::sqlite
