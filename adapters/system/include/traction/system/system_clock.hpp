#pragma once

#include "traction/ports/clock.hpp"

namespace traction::system {

// The wall clock, UTC, millisecond precision.
class SystemClock final : public ports::Clock {
 public:
  [[nodiscard]] Timestamp now() const override;
};

}  // namespace traction::system
