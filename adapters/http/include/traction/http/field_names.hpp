#pragma once
// The spellings one request field accepts: `"title"` or `{"ownerId", "owner_id"}`. The first
// is the canonical name; errors name the spelling the client sent (the canonical one when
// the field is absent).

#include <array>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string_view>

namespace traction::http {

class FieldNames {
 public:
  static constexpr std::size_t max_spellings = 4;

  constexpr FieldNames(const char* name) : FieldNames(std::string_view{name}) {}  // NOLINT
  constexpr FieldNames(std::string_view name) : count_(1) { names_[0] = name; }    // NOLINT
  constexpr FieldNames(std::initializer_list<std::string_view> names) {
    if (names.size() == 0 || names.size() > max_spellings) {
      throw std::invalid_argument("FieldNames takes 1 to 4 spellings");
    }
    for (const auto name : names) names_[count_++] = name;
  }

  [[nodiscard]] constexpr std::string_view canonical() const { return names_[0]; }
  [[nodiscard]] constexpr std::span<const std::string_view> all() const {
    return {names_.data(), count_};
  }

 private:
  std::array<std::string_view, max_spellings> names_{};
  std::size_t count_ = 0;
};

}  // namespace traction::http
