#include "traction/app/hierarchy_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "hierarchy_queries.hpp"
#include "traction/domain/permissions.hpp"

namespace traction {
namespace {

using detail::Scope;

// A generous bound for reads: no stored tree is deeper than the policy allowed when it was built.
constexpr int read_depth_limit = 64;

Result<GoalView> view_after_move(Scope& scope, Goal& goal, const std::optional<std::string>& new_parent) {
  if (auto s = detail::move_goal(scope, goal, new_parent); !s) return fail(s.error());
  goal.updated_at = scope.now;
  goal.updated_by = scope.actor.user_id;
  if (auto s = detail::save_goal(scope, goal, "moved in the hierarchy"); !s) return fail(s.error());
  if (auto s = detail::record_feed(scope, "goal_updated", "goal", goal.id, goal.title,
                                   new_parent ? fmt::format("Goal \"{}\" linked to a parent goal", goal.title)
                                              : fmt::format("Goal \"{}\" unlinked from its parent", goal.title));
      !s) {
    return fail(s.error());
  }
  auto views = detail::load_kpi_views(scope.tx, goal);
  if (!views) return fail(views.error());
  return GoalView{goal, std::move(*views)};
}

}  // namespace

Result<GoalView> HierarchyService::link_parent(const AuthContext& actor, std::string_view goal_id,
                                               std::string_view parent_id) {
  if (auto allowed = can_move_goal(actor); !allowed) return fail(allowed.error());
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalView> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    auto parent = detail::checked_parent(scope, *goal, parent_id);
    if (!parent) return fail(parent.error());
    if (goal->parent_id == parent->id) {
      auto views = detail::load_kpi_views(tx, *goal);
      if (!views) return fail(views.error());
      return GoalView{std::move(*goal), std::move(*views)};
    }
    return view_after_move(scope, *goal, parent->id);
  });
}

Result<GoalView> HierarchyService::unlink_parent(const AuthContext& actor, std::string_view goal_id) {
  if (auto allowed = can_move_goal(actor); !allowed) return fail(allowed.error());
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalView> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    if (!goal->parent_id) return invalid("parentId", fmt::format("Goal {} has no parent goal", goal_id));
    return view_after_move(scope, *goal, std::nullopt);
  });
}

Result<GoalHierarchy> HierarchyService::hierarchy(const AuthContext& actor, std::string_view goal_id) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalHierarchy> {
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    auto ancestors = detail::ancestors_of(tx, *goal, read_depth_limit);
    if (!ancestors) return fail(ancestors.error());
    std::reverse(ancestors->begin(), ancestors->end());
    auto descendants = detail::subtree_of(tx, *goal, read_depth_limit);
    if (!descendants) return fail(descendants.error());
    return GoalHierarchy{std::move(*goal), std::move(*ancestors), std::move(*descendants)};
  });
}

Result<std::vector<Goal>> HierarchyService::children(const AuthContext& actor, std::string_view goal_id) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<std::vector<Goal>> {
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    return tx.goals().children(actor.tenant, goal_id);
  });
}

Result<std::vector<Goal>> HierarchyService::ancestors(const AuthContext& actor, std::string_view goal_id) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<std::vector<Goal>> {
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    return detail::ancestors_of(tx, *goal, read_depth_limit);
  });
}

}  // namespace traction
