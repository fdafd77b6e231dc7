#pragma once

#include <chrono>
#include <string_view>

#include "traction/error.hpp"
#include "traction/time.hpp"

namespace traction::ports {

// A named lease shared by every process on the same store, so a background job never
// runs twice at once. A lease expires, so a crashed holder does not block it forever.
class JobLock {
 public:
  virtual ~JobLock() = default;
  // True when `holder` now holds `name` until now + lease (a free or expired lease is
  // taken; the holder's own lease is renewed); false when someone else holds it.
  [[nodiscard]] virtual Result<bool> try_acquire(std::string_view name, std::string_view holder,
                                                 std::chrono::milliseconds lease,
                                                 Timestamp now) = 0;
  // Gives the lease up if `holder` holds it.
  virtual Status release(std::string_view name, std::string_view holder) = 0;
};

}  // namespace traction::ports
