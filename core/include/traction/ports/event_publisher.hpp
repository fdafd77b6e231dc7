#pragma once

#include <span>

#include "traction/domain/event.hpp"

namespace traction::ports {

// Receives events after their transaction committed (the live feed listens here).
// Called by the store; must not block for long and must not throw.
class EventPublisher {
 public:
  virtual ~EventPublisher() = default;
  virtual void publish(const DomainEvent& event) noexcept = 0;
  // The events one commit made, in order. A store hands a commit's events over in one call
  // so that a publisher with many listeners can deliver them together; by default, one by one.
  virtual void publish_all(std::span<const DomainEvent> events) noexcept {
    for (const auto& event : events) publish(event);
  }
};

}  // namespace traction::ports
