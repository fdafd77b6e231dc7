#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// The event log: ids ascend from 1 across the store. Appended events are also handed to
// the transaction, which publishes them after it commits.
class MemoryEventLog final : public ports::EventLog {
 public:
  explicit MemoryEventLog(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Status append(DomainEvent& event) override;
  Result<std::vector<DomainEvent>> since(std::string_view tenant,
                                         std::optional<std::string_view> goal_id,
                                         std::int64_t after_id, std::size_t limit) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
