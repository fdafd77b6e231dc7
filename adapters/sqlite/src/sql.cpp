#include "sql.hpp"

#include <fmt/format.h>

#include <algorithm>
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

// Where each UTF-8 code point of `text` starts (a continuation byte does not start one).
std::vector<std::size_t> code_point_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) starts.push_back(i);
  }
  return starts;
}

}  // namespace

std::optional<std::string> trigram_query(std::string_view term) {
  constexpr std::size_t max_trigrams = 16;
  const auto starts = code_point_starts(term);
  if (starts.size() < 3) return std::nullopt;
  const std::size_t trigrams = starts.size() - 2;
  const std::size_t picks = std::min(trigrams, max_trigrams);
  std::string out;
  std::size_t last = trigrams;  // none picked yet
  for (std::size_t k = 0; k < picks; ++k) {
    // Spread evenly over the term, the first and the last trigram always among them.
    const std::size_t t = picks == 1 ? 0 : k * (trigrams - 1) / (picks - 1);
    if (t == last) continue;
    last = t;
    const std::size_t from = starts[t];
    const std::size_t to = t + 3 < starts.size() ? starts[t + 3] : term.size();
    if (!out.empty()) out += ' ';
    out += '"';
    for (const char c : term.substr(from, to - from)) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
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
