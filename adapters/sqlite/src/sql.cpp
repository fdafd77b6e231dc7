#include "sql.hpp"

#include <fmt/format.h>

#include <limits>

namespace traction::sqlite {

std::string json_string_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& value : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char c : value) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (u < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(u));
      } else {
        out += c;
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

std::string like_contains_pattern(std::string_view term) {
  std::string out = "%";
  for (const char c : term) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

namespace {

// UTF-8 code points (a continuation byte does not start one).
std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

}  // namespace

std::optional<std::string> trigram_phrase(std::string_view term) {
  if (code_points(term) < 3) return std::nullopt;
  std::string out = "\"";
  for (const char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace traction::sqlite

namespace traction::sqlite {

std::optional<LimitOffset> limit_offset(std::int64_t page, std::int64_t size) noexcept {
  if (page < 1 || size < 1) return std::nullopt;
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  if (page - 1 > max / size) return std::nullopt;
  return LimitOffset{size, (page - 1) * size};
}

}  // namespace traction::sqlite
