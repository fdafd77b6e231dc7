#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// Actions. list() orders newest first (created_at descending), ties by id; all() and
// linked_to_*() oldest first, ties by id. The date filter compares [startDate, dueDate]
// with [start, end] (both inclusive); an action with only one of its dates occupies that
// instant, and one with neither date never matches a date filter.
class MemoryActionRepository final : public ports::ActionRepository {
 public:
  explicit MemoryActionRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Result<std::optional<Action>> find(std::string_view tenant, std::string_view id) override;
  Result<Page<Action>> list(std::string_view tenant, const ActionQuery& query) override;
  Result<std::vector<Action>> all(std::string_view tenant) override;
  Result<std::vector<Action>> linked_to_goal(std::string_view tenant,
                                             std::string_view goal_id) override;
  Result<std::vector<Action>> linked_to_strategy(std::string_view tenant,
                                                 std::string_view strategy_id) override;
  Result<std::vector<Action>> linked_to_issue(std::string_view tenant,
                                              std::string_view issue_id) override;
  Status insert(const Action& action) override;
  Status update(Action& action) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
