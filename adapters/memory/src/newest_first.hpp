#pragma once

#include <algorithm>
#include <vector>

namespace traction::memory {

// `rows` (in insert order) newest first by `time_of`, ties by later insert first.
template <class T, class TimeOf>
[[nodiscard]] std::vector<T> newest_first(std::vector<T> rows, TimeOf time_of) {
  std::reverse(rows.begin(), rows.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const T& a, const T& b) { return time_of(a) > time_of(b); });
  return rows;
}

}  // namespace traction::memory
