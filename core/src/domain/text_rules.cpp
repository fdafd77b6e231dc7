#include "traction/domain/text_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "traction/domain/limits.hpp"

namespace traction {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::string trimmed(std::string_view value) {
  while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
  return std::string(value);
}

std::size_t text_length(std::string_view value) {
  std::size_t count = 0;
  for (const char c : value) {
    // Continuation bytes 10xxxxxx do not start a code point.
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

Result<std::string> required_text(std::string_view field, std::string_view value, std::size_t max) {
  auto text = trimmed(value);
  if (text.empty()) return invalid(std::string(field), fmt::format("{} is required", field));
  if (text_length(text) > max) {
    return invalid(std::string(field), fmt::format("{} must be at most {} characters", field, max));
  }
  return text;
}

Result<std::string> bounded_text(std::string_view field, std::string_view value, std::size_t max) {
  if (text_length(value) > max) {
    return invalid(std::string(field), fmt::format("{} must be at most {} characters", field, max));
  }
  return std::string(value);
}

Result<std::vector<std::string>> tag_list(std::string_view field,
                                          const std::vector<std::string>& tags,
                                          std::size_t max_length, std::size_t max_count) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& raw : tags) {
    auto tag = trimmed(raw);
    if (tag.empty()) {
      return invalid(std::string(field), fmt::format("{} must not contain blank values", field));
    }
    if (text_length(tag) > max_length) {
      return invalid(std::string(field),
                     fmt::format("each of {} must be at most {} characters", field, max_length));
    }
    if (seen.insert(tag).second) out.push_back(std::move(tag));
  }
  if (out.size() > max_count) {
    return invalid(std::string(field), fmt::format("{} may hold at most {} values", field, max_count));
  }
  return out;
}

Result<std::vector<std::string>> id_list(std::string_view field,
                                         const std::vector<std::string>& ids,
                                         std::size_t max_count) {
  return tag_list(field, ids, limits::id, max_count);
}

Result<double> number_in(std::string_view field, double value, double min, double max) {
  if (!std::isfinite(value) || value < min || value > max) {
    return invalid(std::string(field), fmt::format("{} must be a number from {} to {}", field, min, max));
  }
  return value;
}

Result<std::string> json_object_text(std::string_view field, std::string_view text) {
  const auto body = trimmed(text);
  if (body.size() < 2 || body.front() != '{' || body.back() != '}') {
    return invalid(std::string(field), fmt::format("{} must be a JSON object", field));
  }
  if (body.size() > limits::json_text) {
    return invalid(std::string(field),
                   fmt::format("{} must be at most {} bytes of JSON", field, limits::json_text));
  }
  return body;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lx = (x >= 'A' && x <= 'Z') ? static_cast<char>(x - 'A' + 'a') : x;
           const auto ly = (y >= 'A' && y <= 'Z') ? static_cast<char>(y - 'A' + 'a') : y;
           return lx == ly;
         });
}

std::string ascii_lower(std::string_view value) {
  std::string out(value);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

}  // namespace traction
