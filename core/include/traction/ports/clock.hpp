#pragma once

#include "traction/time.hpp"

namespace traction::ports {

// The only source of "now" in core.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual Timestamp now() const = 0;
};

}  // namespace traction::ports
