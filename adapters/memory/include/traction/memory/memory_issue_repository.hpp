#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// Business issues. list() orders by display order, then newest first (created_at
// descending), then id; linked_to_*() oldest first, ties by id.
class MemoryIssueRepository final : public ports::IssueRepository {
 public:
  explicit MemoryIssueRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Result<std::optional<Issue>> find(std::string_view tenant, std::string_view id) override;
  Result<Page<Issue>> list(std::string_view tenant, const IssueQuery& query) override;
  Result<std::int64_t> count_with_type(std::string_view tenant,
                                       std::string_view type_id) override;
  Result<std::int64_t> count_with_status(std::string_view tenant,
                                         std::string_view status_id) override;
  Result<std::vector<Issue>> linked_to_goal(std::string_view tenant,
                                            std::string_view goal_id) override;
  Result<std::vector<Issue>> linked_to_strategy(std::string_view tenant,
                                                std::string_view strategy_id) override;
  Status insert(const Issue& issue) override;
  Status update(Issue& issue) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
