#pragma once
// Small helpers shared by the memory repositories' list calls.

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "traction/domain/page.hpp"

namespace traction::memory {

[[nodiscard]] constexpr char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive (ASCII) substring test; an empty needle is found everywhere.
[[nodiscard]] inline bool contains_ci(std::string_view haystack, std::string_view needle) {
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                              [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
  return it != haystack.end() || needle.empty();
}

// Three-way comparison of ASCII-lowercased text (as SQLite's NOCASE collation).
[[nodiscard]] inline int compare_ci(std::string_view a, std::string_view b) noexcept {
  const auto n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto ca = static_cast<unsigned char>(ascii_lower(a[i]));
    const auto cb = static_cast<unsigned char>(ascii_lower(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

template <class T>
[[nodiscard]] int compare_values(const T& a, const T& b) {
  if (a < b) return -1;
  if (b < a) return 1;
  return 0;
}

// The requested page of `rows` (already filtered and sorted); total counts them all.
template <class T>
[[nodiscard]] Page<T> paginate(std::vector<T> rows, const PageRequest& request) {
  Page<T> page;
  page.total = static_cast<std::int64_t>(rows.size());
  if (request.page < 1 || request.size < 1) return page;
  const auto size = static_cast<std::uint64_t>(request.size);
  const auto skipped_pages = static_cast<std::uint64_t>(request.page - 1);
  const auto pages = (rows.size() + size - 1) / size;
  if (skipped_pages >= pages) return page;
  const auto first = skipped_pages * size;
  const auto last = std::min<std::uint64_t>(first + size, rows.size());
  page.items.reserve(static_cast<std::size_t>(last - first));
  for (auto i = first; i < last; ++i) page.items.push_back(std::move(rows[i]));
  return page;
}

}  // namespace traction::memory
