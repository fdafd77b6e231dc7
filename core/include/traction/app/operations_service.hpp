#pragma once
// Operations (001 "Operations: Actions", "Operations: Issues", "Relationship Management"):
// actions, business issues, their links to goals, strategies and issues, and KPI updates
// recorded from an action. Everyone in a tenant may read and change them. The rules are
// core's (action_rules.hpp, issue_rules.hpp).
//
// Choices:
// - A link must name a live entity of the caller's tenant: goal ids (a live goal), strategy
//   ids (a strategy of a live goal), issue ids (a live issue); otherwise 400
//   VALIDATION_ERROR naming the field and the id.
// - Deletes are soft. Deleting an issue removes it from the connections of the actions that
//   name it (as deleting a goal or a strategy does, in GoalService).
// - The recent-activity feed gets action_created, action_updated, action_completed,
//   action_deleted, issue_created, issue_updated, issue_resolved (moved into a closed-category
//   status) and issue_deleted. Completing counts instead of updating; creating an action
//   already completed (an issue already resolved) writes both entries.
// - The issue list's status filter takes status config ids, category names (open, active,
//   inactive, closed, exactly so spelled) and status names (ASCII case-insensitive), in that
//   order of precedence; several values (comma-separated) match any of them. A filter that
//   names nothing of the tenant matches no issue.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traction/app/dependencies.hpp"
#include "traction/app/goal_views.hpp"
#include "traction/auth.hpp"
#include "traction/domain/action_rules.hpp"
#include "traction/domain/issue_config.hpp"
#include "traction/domain/issue_rules.hpp"
#include "traction/domain/kpi.hpp"
#include "traction/domain/page.hpp"
#include "traction/domain/progress.hpp"
#include "traction/ports/queries.hpp"

namespace traction {

// An issue as the API returns it: the actions whose connections name it, and its type and
// status rows (when it has them).
struct IssueView {
  Issue issue;
  std::vector<std::string> action_ids;
  std::optional<IssueType> type;
  std::optional<IssueStatus> status;
};

// GET /api/operations/issues: the repository filters plus the raw `status` values.
struct IssueFilter {
  IssueQuery query;
  std::vector<std::string> status;
};

struct ActionDeleted {
  std::string id;
  Timestamp deleted_at{};
};

struct IssueDeleted {
  std::string id;
  Timestamp deleted_at{};
};

// The batch relationship reads, one entry per requested id, in the order asked.
struct ActionGoals {
  std::string action_id;
  std::vector<GoalView> goals;
};
struct ActionStrategies {
  std::string action_id;
  std::vector<Strategy> strategies;
};
struct GoalKpis {
  std::string goal_id;
  std::vector<GoalKpiView> kpis;
};

// POST /api/operations/kpi-updates.
struct KpiUpdateDraft {
  std::string action_id;                  // a live action of the tenant
  std::string kpi_id;                     // kpiId or sharedKpiId: a KPI of the tenant
  std::optional<std::string> horizon_id;  // accepted; periods come from updateDate
  std::optional<double> new_value;        // required
  std::optional<Date> update_date;        // its month is the reading's period; default today
  std::string notes;                      // the reading's reason
  bool replace = false;                   // replace the period's reading (else DUPLICATE_READING)
};

struct KpiUpdateResult {
  KpiReading reading;
  std::vector<Goal> goals;  // the goals linked to the KPI, progress re-computed
};

class OperationsService {
 public:
  explicit OperationsService(Dependencies deps) : deps_(deps) {}

  // --- actions -------------------------------------------------------------------------
  [[nodiscard]] Result<Page<Action>> list_actions(const AuthContext& actor, const ActionQuery& query);
  [[nodiscard]] Result<Action> get_action(const AuthContext& actor, std::string_view id);
  [[nodiscard]] Result<Action> create_action(const AuthContext& actor, const ActionDraft& draft);
  [[nodiscard]] Result<Action> update_action(const AuthContext& actor, std::string_view id,
                                             const ActionPatch& patch);
  [[nodiscard]] Result<ActionDeleted> delete_action(const AuthContext& actor, std::string_view id);

  // --- relationships -------------------------------------------------------------------
  // Replace the action's goal / strategy links (errors name goalIds / strategyIds).
  [[nodiscard]] Result<Action> set_action_goals(const AuthContext& actor, std::string_view id,
                                                const std::vector<std::string>& goal_ids);
  [[nodiscard]] Result<Action> set_action_strategies(const AuthContext& actor, std::string_view id,
                                                     const std::vector<std::string>& strategy_ids);
  // Clears the goal, strategy and issue links.
  [[nodiscard]] Result<Action> clear_action_relationships(const AuthContext& actor, std::string_view id);
  // Unknown ids are a 400 naming actionIds / goalIds and the id.
  [[nodiscard]] Result<std::vector<ActionGoals>> action_goals(const AuthContext& actor,
                                                              const std::vector<std::string>& action_ids);
  [[nodiscard]] Result<std::vector<ActionStrategies>> action_strategies(
      const AuthContext& actor, const std::vector<std::string>& action_ids);
  [[nodiscard]] Result<std::vector<GoalKpis>> goal_kpis(const AuthContext& actor,
                                                        const std::vector<std::string>& goal_ids);
  // Records a KPI reading from an action and re-computes the linked goals (and ancestors).
  [[nodiscard]] Result<KpiUpdateResult> record_kpi_update(const AuthContext& actor,
                                                          const KpiUpdateDraft& draft);

  // --- issues --------------------------------------------------------------------------
  [[nodiscard]] Result<Page<IssueView>> list_issues(const AuthContext& actor, const IssueFilter& filter);
  [[nodiscard]] Result<IssueView> get_issue(const AuthContext& actor, std::string_view id);
  // No type: the tenant's default type, else none; no status: the first open-category status.
  [[nodiscard]] Result<IssueView> create_issue(const AuthContext& actor, const IssueDraft& draft);
  // Only given fields change.
  [[nodiscard]] Result<IssueView> update_issue(const AuthContext& actor, std::string_view id,
                                               const IssuePatch& patch);
  [[nodiscard]] Result<IssueDeleted> delete_issue(const AuthContext& actor, std::string_view id);

 private:
  Dependencies deps_;
};

}  // namespace traction
