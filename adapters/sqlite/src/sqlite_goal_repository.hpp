#pragma once

#include "sql.hpp"
#include "traction/ports/repositories.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

// Goals in `goals`, their value tags, strategies and KPI links in child tables (rewritten
// on update). Reads return strategies by order then id and KPI links and tags in the order
// stored. Lists order as GoalSort says with ties by id; goals without an end date come
// last when sorting by end date; status sorts in lifecycle order; title case-insensitively
// (ASCII, as NOCASE). Search: trigram FTS narrows, LIKE decides (ASCII case-insensitive).
class SqliteGoalRepository final : public ports::GoalRepository {
 public:
  explicit SqliteGoalRepository(TxContext& tx) noexcept : tx_(tx) {}

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
  std::optional<Goal> find_one(std::string_view tenant, std::string_view id, bool with_deleted);
  std::vector<Goal> select_goals(const std::string& sql, const Filter& filter);
  // Reads the value tags, strategies and KPI links of `goals`; `whole_tenant` when `goals`
  // are all of the tenant's live goals.
  void load_parts(std::string_view tenant, std::vector<Goal>& goals, bool whole_tenant = false);
  void write_parts(const Goal& goal, bool replace);

  TxContext& tx_;
};

}  // namespace traction::sqlite
