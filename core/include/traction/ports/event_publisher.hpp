#pragma once

#include "traction/domain/event.hpp"

namespace traction::ports {

// Receives events after their transaction committed (the live feed listens here).
// Called by the store; must not block for long and must not throw.
class EventPublisher {
 public:
  virtual ~EventPublisher() = default;
  virtual void publish(const DomainEvent& event) noexcept = 0;
};

}  // namespace traction::ports
