#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// A goal's activity: newest first, ties (same created_at) by later insert first.
class MemoryActivityRepository final : public ports::ActivityRepository {
 public:
  explicit MemoryActivityRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Status insert(const Activity& activity) override;
  Result<Page<Activity>> list(std::string_view tenant, std::string_view goal_id,
                              const ActivityQuery& query) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
