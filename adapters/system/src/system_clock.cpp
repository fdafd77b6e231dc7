#include "traction/system/system_clock.hpp"

#include <chrono>

namespace traction::system {

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace traction::system
