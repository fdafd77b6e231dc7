#include "traction/memory/memory_job_lock.hpp"

namespace traction::memory {

Result<bool> MemoryJobLock::try_acquire(std::string_view name, std::string_view holder,
                                        std::chrono::milliseconds lease, Timestamp now) {
  try {
    const std::lock_guard lock(mutex_);
    const auto it = leases_.find(name);
    if (it == leases_.end()) {
      leases_.emplace(std::string(name), Lease{std::string(holder), now + lease});
      return true;
    }
    auto& current = it->second;
    const bool expired = current.expires_at <= now;
    if (!expired && current.holder != holder) return false;
    current = Lease{std::string(holder), now + lease};
    return true;
  } catch (const std::exception& e) {
    return fail(ErrorCode::internal, e.what());
  }
}

Status MemoryJobLock::release(std::string_view name, std::string_view holder) {
  const std::lock_guard lock(mutex_);
  const auto it = leases_.find(name);
  if (it != leases_.end() && it->second.holder == holder) leases_.erase(it);
  return {};
}

}  // namespace traction::memory
