#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// Goals with their strategies (kept ordered by `order`, then id) and KPI links (kept in
// the order given). Lists order as GoalSort says, ties by id ascending; goals without
// an end date come last when sorting by end date, in either direction; status sorts in
// lifecycle order (draft, active, paused, completed, cancelled); title case-insensitively.
class MemoryGoalRepository final : public ports::GoalRepository {
 public:
  explicit MemoryGoalRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Result<std::optional<Goal>> find(std::string_view tenant, std::string_view id) override;
  Result<std::optional<Goal>> find_including_deleted(std::string_view tenant,
                                                     std::string_view id) override;
  Result<Page<Goal>> list(std::string_view tenant, const GoalQuery& query) override;
  Result<std::vector<Goal>> children(std::string_view tenant,
                                     std::string_view parent_id) override;
  Result<std::vector<Goal>> all(std::string_view tenant) override;
  Result<std::int64_t> count(std::string_view tenant) override;
  Result<GoalTally> tally(std::string_view tenant) override;
  Result<std::vector<ports::GoalKey>> open_goals() override;
  Result<std::optional<std::string>> goal_of_strategy(std::string_view tenant,
                                                      std::string_view strategy_id) override;
  Result<std::vector<std::string>> goals_linking_kpi(std::string_view tenant,
                                                     std::string_view kpi_id) override;
  Status insert(const Goal& goal) override;
  Status update(Goal& goal) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
