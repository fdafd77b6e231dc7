#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// Issue statuses: list() by category (open, active, inactive, closed), then order, then
// name (case-insensitive), then id.
class MemoryIssueStatusRepository final : public ports::IssueStatusRepository {
 public:
  explicit MemoryIssueStatusRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Result<std::vector<IssueStatus>> list(std::string_view tenant) override;
  Result<std::optional<IssueStatus>> find(std::string_view tenant, std::string_view id) override;
  Status insert(const IssueStatus& status) override;
  Status update(const IssueStatus& status) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
