#include "traction/app/progress_service.hpp"

#include <fmt/format.h>

#include "traction/domain/permissions.hpp"
#include "write_scope.hpp"

namespace traction {
namespace {

using detail::Scope;

// Sets the goal's children count and sum from the stored children.
Status recount_children(ports::Transaction& tx, Goal& goal) {
  auto children = tx.goals().children(goal.tenant, goal.id);
  if (!children) return fail(children.error());
  goal.children_count = static_cast<std::int64_t>(children->size());
  goal.children_progress_sum = 0;
  for (const auto& child : *children) goal.children_progress_sum += child.progress;
  return {};
}

Result<GoalView> view_of(ports::Transaction& tx, Goal goal) {
  auto views = detail::load_kpi_views(tx, goal);
  if (!views) return fail(views.error());
  return GoalView{std::move(goal), std::move(*views)};
}

}  // namespace

Result<Recalculation> ProgressService::recalculate(const AuthContext& actor, std::string_view goal_id) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Recalculation> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    const auto before = goal->progress;
    if (auto s = recount_children(tx, *goal); !s) return fail(s.error());
    if (auto s = detail::save_goal(scope, *goal, "recalculated on request"); !s) return fail(s.error());
    return Recalculation{goal->id,        before,
                         goal->progress,  goal->progress_basis,
                         goal->children_count, goal->kpi_links.size(),
                         scope.now};
  });
}

Result<GoalView> ProgressService::adjust_manually(const AuthContext& actor, std::string_view goal_id,
                                                  std::optional<double> progress,
                                                  const std::string& justification) {
  if (!progress) return invalid("progress", "progress is required");
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalView> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    if (auto allowed = can_change_goal(actor, *goal); !allowed) return fail(allowed.error());
    const auto before = goal->progress;
    if (auto s = set_manual_progress(*goal, *progress, justification); !s) return fail(s.error());
    goal->updated_at = scope.now;
    goal->updated_by = actor.user_id;
    if (auto s = detail::audit(scope, *goal, "manual_adjustment", "progress", detail::progress_text(before),
                               detail::progress_text(*goal->manual_progress), goal->manual_reason);
        !s) {
      return fail(s.error());
    }
    if (auto s = detail::save_goal(scope, *goal, fmt::format("manual adjustment: {}", goal->manual_reason)); !s) {
      return fail(s.error());
    }
    return view_of(tx, std::move(*goal));
  });
}

Result<GoalView> ProgressService::clear_manual_adjustment(const AuthContext& actor, std::string_view goal_id) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalView> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    if (auto allowed = can_change_goal(actor, *goal); !allowed) return fail(allowed.error());
    if (goal->calculation_source != CalculationSource::manual) {
      return invalid("progress", fmt::format("Goal {} has no manual adjustment to clear", goal_id));
    }
    const auto before = goal->progress;
    clear_manual_progress(*goal);
    if (auto s = recount_children(tx, *goal); !s) return fail(s.error());
    goal->updated_at = scope.now;
    goal->updated_by = actor.user_id;
    if (auto s = detail::save_goal(scope, *goal, "manual adjustment cleared"); !s) return fail(s.error());
    if (auto s = detail::audit(scope, *goal, "manual_adjustment_cleared", "progress",
                               detail::progress_text(before), detail::progress_text(goal->progress));
        !s) {
      return fail(s.error());
    }
    return view_of(tx, std::move(*goal));
  });
}

Result<Page<AuditEntry>> ProgressService::audit_log(const AuthContext& actor, std::string_view goal_id,
                                                    const PageRequest& page) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Page<AuditEntry>> {
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    return tx.audit().list(actor.tenant, goal_id, page);
  });
}

Result<std::vector<ProgressSnapshot>> ProgressService::history(const AuthContext& actor, std::string_view goal_id,
                                                               std::optional<Date> from, std::optional<Date> to) {
  if (from && to && *to < *from) return invalid("endDate", "endDate must not be before startDate");
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<std::vector<ProgressSnapshot>> {
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    std::optional<Timestamp> start;
    std::optional<Timestamp> end;
    if (from) start = start_of(*from);
    if (to) end = start_of(*to + std::chrono::days(1)) - std::chrono::milliseconds(1);
    return tx.snapshots().list(actor.tenant, goal_id, start, end);
  });
}

Result<GoalForecast> ProgressService::forecast(const AuthContext& actor, std::string_view goal_id) {
  const auto now = deps_.clock.now();
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalForecast> {
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    auto view = detail::forecast_of(tx, *goal, now);
    if (!view) return fail(view.error());
    return GoalForecast{goal->id, goal->progress, goal->start_date, goal->end_date, std::move(*view), now};
  });
}

}  // namespace traction
