#pragma once
// Goal use cases (001 "Goals Management", "Strategy Management", "KPI-Goal Linkage").
// Every call takes who is asking and runs in one transaction of the store.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traction/app/dependencies.hpp"
#include "traction/app/goal_views.hpp"
#include "traction/auth.hpp"
#include "traction/domain/goal_rules.hpp"
#include "traction/domain/goal_status.hpp"
#include "traction/domain/kpi_rules.hpp"
#include "traction/domain/page.hpp"
#include "traction/domain/strategy_rules.hpp"
#include "traction/ports/queries.hpp"

namespace traction {

class GoalService {
 public:
  explicit GoalService(Dependencies deps) : deps_(deps) {}

  [[nodiscard]] Result<Page<GoalView>> list(const AuthContext& actor, const GoalQuery& query);
  [[nodiscard]] Result<GoalView> get(const AuthContext& actor, std::string_view id);
  // GOAL_LIMIT_REACHED past the deployment's goals-per-tenant limit; a parentId is checked by
  // the hierarchy policy (400 naming the rule).
  [[nodiscard]] Result<GoalView> create(const AuthContext& actor, const GoalDraft& draft);
  [[nodiscard]] Result<GoalView> update(const AuthContext& actor, std::string_view id,
                                        const GoalPatch& patch);
  // Soft delete. Refused with DEPENDENCY_EXISTS while the goal has child goals; links from
  // actions and issues to the goal are removed.
  [[nodiscard]] Result<GoalDeleted> remove(const AuthContext& actor, std::string_view id);

  [[nodiscard]] Result<GoalView> activate(const AuthContext& actor, std::string_view id,
                                          const std::optional<std::string>& reason);
  [[nodiscard]] Result<GoalView> pause(const AuthContext& actor, std::string_view id,
                                       const std::optional<std::string>& reason);
  [[nodiscard]] Result<GoalView> close(const AuthContext& actor, std::string_view id,
                                       FinalStatus final_status,
                                       const std::optional<std::string>& reason);

  [[nodiscard]] Result<Strategy> add_strategy(const AuthContext& actor, std::string_view goal_id,
                                              const StrategyDraft& draft);
  [[nodiscard]] Result<Strategy> update_strategy(const AuthContext& actor, std::string_view goal_id,
                                                 std::string_view strategy_id,
                                                 const StrategyPatch& patch);
  // Links from actions and issues to the strategy are removed.
  [[nodiscard]] Status remove_strategy(const AuthContext& actor, std::string_view goal_id,
                                       std::string_view strategy_id);
  [[nodiscard]] Result<std::vector<Strategy>> reorder_strategies(
      const AuthContext& actor, std::string_view goal_id, const std::vector<std::string>& strategy_ids);

  // The KPI must exist in the caller's tenant (400 naming kpiId otherwise).
  [[nodiscard]] Result<GoalKpiView> link_kpi(const AuthContext& actor, std::string_view goal_id,
                                             const KpiLinkDraft& draft);
  [[nodiscard]] Status unlink_kpi(const AuthContext& actor, std::string_view goal_id,
                                  std::string_view kpi_id);
  [[nodiscard]] Result<GoalKpiView> update_kpi_link(const AuthContext& actor, std::string_view goal_id,
                                                    std::string_view kpi_id, const KpiLinkPatch& patch);
  [[nodiscard]] Result<GoalKpiView> get_kpi_link(const AuthContext& actor, std::string_view goal_id,
                                                 std::string_view kpi_id);

 private:
  Dependencies deps_;
};

}  // namespace traction
