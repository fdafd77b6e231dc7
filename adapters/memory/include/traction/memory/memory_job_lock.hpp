#pragma once

#include <mutex>
#include <string>

#include "traction/memory/memory_state.hpp"
#include "traction/ports/job_lock.hpp"

namespace traction::memory {

// Named leases in memory (one process). A lease is free again at its expiry instant.
class MemoryJobLock final : public ports::JobLock {
 public:
  Result<bool> try_acquire(std::string_view name, std::string_view holder,
                           std::chrono::milliseconds lease, Timestamp now) override;
  Status release(std::string_view name, std::string_view holder) override;

 private:
  struct Lease {
    std::string holder;
    Timestamp expires_at{};
  };

  std::mutex mutex_;
  StringMap<Lease> leases_;
};

}  // namespace traction::memory
