#pragma once
// A fixed table between an enum and its wire spelling; one per enum, next to the enum.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace traction {

template <class E, std::size_t N>
class EnumText {
 public:
  constexpr explicit EnumText(std::array<std::pair<E, std::string_view>, N> items)
      : items_(items) {}

  [[nodiscard]] constexpr std::string_view name(E value) const {
    for (const auto& [e, text] : items_) {
      if (e == value) return text;
    }
    return {};
  }

  [[nodiscard]] constexpr std::optional<E> parse(std::string_view text) const {
    for (const auto& [e, t] : items_) {
      if (t == text) return e;
    }
    return std::nullopt;
  }

  // "a, b, c": for error messages that list the accepted values.
  [[nodiscard]] std::string choices() const {
    std::string out;
    for (const auto& [e, t] : items_) {
      if (!out.empty()) out += ", ";
      out += t;
    }
    return out;
  }

  [[nodiscard]] constexpr const auto& items() const { return items_; }

 private:
  std::array<std::pair<E, std::string_view>, N> items_;
};

}  // namespace traction
