#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// A goal's progress history, kept in time order (ties in append order); from/to inclusive.
class MemorySnapshotRepository final : public ports::SnapshotRepository {
 public:
  explicit MemorySnapshotRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Status append(const ProgressSnapshot& snapshot) override;
  Result<std::vector<ProgressSnapshot>> list(std::string_view tenant, std::string_view goal_id,
                                             std::optional<Timestamp> from,
                                             std::optional<Timestamp> to) override;
  Result<std::vector<ProgressPoint>> last_of_each_day(std::string_view tenant, std::string_view goal_id,
                                                         Timestamp from) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
