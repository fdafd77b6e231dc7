#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// Issue types: list() by order, then name (case-insensitive), then id.
class MemoryIssueTypeRepository final : public ports::IssueTypeRepository {
 public:
  explicit MemoryIssueTypeRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Result<std::vector<IssueType>> list(std::string_view tenant) override;
  Result<std::optional<IssueType>> find(std::string_view tenant, std::string_view id) override;
  Status insert(const IssueType& type) override;
  Status update(const IssueType& type) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
