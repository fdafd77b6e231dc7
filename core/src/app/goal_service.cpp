#include "traction/app/goal_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "traction/domain/permissions.hpp"
#include "hierarchy_queries.hpp"
#include "write_scope.hpp"

namespace traction {
namespace {

using detail::Scope;

Result<GoalView> view_of(ports::Transaction& tx, Goal goal) {
  auto views = detail::load_kpi_views(tx, goal);
  if (!views) return fail(views.error());
  return GoalView{std::move(goal), std::move(*views)};
}

Status note_transition(Scope& scope, const Goal& goal, const TransitionResult& result) {
  if (auto s = detail::audit(scope, goal, "status_changed", "status",
                             std::string(goal_status_text.name(result.from)),
                             std::string(goal_status_text.name(result.to)),
                             result.note ? result.note->text : std::string{});
      !s) {
    return s;
  }
  if (auto s = detail::record_feed(scope, "goal_status_changed", "goal", goal.id, goal.title,
                                   fmt::format("Goal moved from {} to {}", goal_status_text.name(result.from),
                                               goal_status_text.name(result.to)));
      !s) {
    return s;
  }
  if (!result.note) return {};
  Activity activity;
  activity.id = scope.ids.next();
  activity.tenant = goal.tenant;
  activity.goal_id = goal.id;
  activity.type = ActivityType::system;
  activity.title = result.note->title;
  activity.text = result.note->text;
  activity.created_at = scope.now;
  activity.created_by = scope.actor.user_id;
  activity.created_by_name = scope.actor.user_name;
  auto appended = detail::append_activity(scope, std::move(activity));
  if (!appended) return fail(appended.error());
  return {};
}

enum class LinkTarget { goal, strategy };

// Removes links from live actions and issues to a goal or strategy (they outlive it).
Status drop_links(Scope& scope, std::string_view id, LinkTarget target) {
  const bool is_goal = target == LinkTarget::goal;
  auto actions = is_goal ? scope.tx.actions().linked_to_goal(scope.actor.tenant, id)
                         : scope.tx.actions().linked_to_strategy(scope.actor.tenant, id);
  if (!actions) return fail(actions.error());
  for (auto& action : *actions) {
    auto& list = is_goal ? action.connections.goal_ids : action.connections.strategy_ids;
    std::erase(list, std::string(id));
    action.updated_at = scope.now;
    if (auto s = scope.tx.actions().update(action); !s) return s;
  }
  auto issues = is_goal ? scope.tx.issues().linked_to_goal(scope.actor.tenant, id)
                        : scope.tx.issues().linked_to_strategy(scope.actor.tenant, id);
  if (!issues) return fail(issues.error());
  for (auto& issue : *issues) {
    auto& list = is_goal ? issue.connections.goal_ids : issue.connections.strategy_ids;
    std::erase(list, std::string(id));
    issue.updated_at = scope.now;
    if (auto s = scope.tx.issues().update(issue); !s) return s;
  }
  return {};
}

}  // namespace

Result<Page<GoalView>> GoalService::list(const AuthContext& actor, const GoalQuery& query) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Page<GoalView>> {
    auto page = tx.goals().list(actor.tenant, query);
    if (!page) return fail(page.error());
    auto views = detail::load_goal_views(tx, actor.tenant, std::move(page->items));
    if (!views) return fail(views.error());
    Page<GoalView> out;
    out.total = page->total;
    out.items = std::move(*views);
    return out;
  });
}

Result<GoalView> GoalService::get(const AuthContext& actor, std::string_view id) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalView> {
    auto goal = detail::load_goal(tx, actor.tenant, id);
    if (!goal) return fail(goal.error());
    return view_of(tx, std::move(*goal));
  });
}

Result<GoalView> GoalService::create(const AuthContext& actor, const GoalDraft& draft) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalView> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto goal = make_goal(draft, actor, deps_.ids.next(), scope.now);
    if (!goal) return fail(goal.error());
    if (auto allowed = can_create_goal(actor, *goal); !allowed) return fail(allowed.error());
    if (deps_.settings.max_goals_per_tenant > 0) {
      auto count = tx.goals().count(actor.tenant);
      if (!count) return fail(count.error());
      if (*count >= deps_.settings.max_goals_per_tenant) {
        return fail(ErrorCode::goal_limit_reached,
                    fmt::format("This workspace's plan allows at most {} goals",
                                deps_.settings.max_goals_per_tenant));
      }
    }
    if (goal->parent_id) {
      auto parent = detail::checked_parent(scope, *goal, *goal->parent_id);
      if (!parent) return fail(parent.error());
    }
    if (auto s = detail::insert_goal(scope, *goal); !s) return fail(s.error());
    if (auto s = detail::record_feed(scope, "goal_created", "goal", goal->id, goal->title,
                                     fmt::format("Goal \"{}\" created", goal->title));
        !s) {
      return fail(s.error());
    }
    return GoalView{std::move(*goal), {}};
  });
}

Result<GoalView> GoalService::update(const AuthContext& actor, std::string_view id, const GoalPatch& patch) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalView> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto goal = detail::load_goal(tx, actor.tenant, id);
    if (!goal) return fail(goal.error());
    if (auto allowed = can_change_goal(actor, *goal); !allowed) return fail(allowed.error());
    const auto old_parent = goal->parent_id;
    if (auto s = apply_goal_patch(*goal, patch, actor, scope.now); !s) return fail(s.error());
    if (auto allowed = can_change_goal(actor, *goal); !allowed) return fail(allowed.error());
    if (patch.level) {
      if (auto allowed = can_create_goal(actor, *goal); !allowed) return fail(allowed.error());
    }

    const bool parent_changes = patch.parent_id && *patch.parent_id != old_parent;
    if (parent_changes) {
      if (auto allowed = can_move_goal(actor); !allowed) return fail(allowed.error());
    }
    const auto new_parent = parent_changes ? *patch.parent_id : old_parent;
    if (patch.level || parent_changes) {
      std::optional<Goal> parent;
      if (parent_changes && new_parent) {
        auto checked = detail::checked_parent(scope, *goal, *new_parent);
        if (!checked) return fail(checked.error());
        parent = std::move(*checked);
      } else if (new_parent) {
        // The link itself stands; only the level moves, and check_level names that field.
        auto current = tx.goals().find(actor.tenant, *new_parent);
        if (!current) return fail(current.error());
        parent = std::move(*current);
      }
      auto children = tx.goals().children(actor.tenant, goal->id);
      if (!children) return fail(children.error());
      if (auto ok = check_level(goal->level, parent ? &*parent : nullptr, *children); !ok) {
        return fail(ok.error());
      }
    }
    if (parent_changes) {
      if (auto s = detail::move_goal(scope, *goal, new_parent); !s) return fail(s.error());
    }
    if (auto s = detail::save_goal(scope, *goal, "goal updated"); !s) return fail(s.error());
    if (auto s = detail::record_feed(scope, "goal_updated", "goal", goal->id, goal->title,
                                     fmt::format("Goal \"{}\" updated", goal->title));
        !s) {
      return fail(s.error());
    }
    return view_of(tx, std::move(*goal));
  });
}

Result<GoalDeleted> GoalService::remove(const AuthContext& actor, std::string_view id) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalDeleted> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto goal = detail::load_goal(tx, actor.tenant, id);
    if (!goal) return fail(goal.error());
    if (auto allowed = can_change_goal(actor, *goal); !allowed) return fail(allowed.error());
    if (goal->children_count > 0) {
      return fail(ErrorCode::dependency_exists,
                  fmt::format("Goal {} has {} child goal(s); unlink or delete them first", goal->id,
                              goal->children_count));
    }
    if (auto s = detail::leave_parent(scope, *goal); !s) return fail(s.error());
    if (auto s = drop_links(scope, goal->id, LinkTarget::goal); !s) return fail(s.error());
    for (const auto& strategy : goal->strategies) {
      if (auto s = drop_links(scope, strategy.id, LinkTarget::strategy); !s) return fail(s.error());
    }
    soft_delete(*goal, actor, scope.now);
    if (auto s = tx.goals().update(*goal); !s) return fail(s.error());
    if (auto s = detail::record_feed(scope, "goal_deleted", "goal", goal->id, goal->title,
                                     fmt::format("Goal \"{}\" deleted", goal->title));
        !s) {
      return fail(s.error());
    }
    return GoalDeleted{goal->id, scope.now};
  });
}

namespace {

template <class Transition>
Result<GoalView> transition(Dependencies& deps, const AuthContext& actor, std::string_view id,
                            Transition&& apply_transition) {
  return write_tx(deps.store, [&](ports::Transaction& tx) -> Result<GoalView> {
    Scope scope{tx, actor, deps.clock.now(), deps.ids, deps.settings};
    auto goal = detail::load_goal(tx, actor.tenant, id);
    if (!goal) return fail(goal.error());
    if (auto allowed = can_change_goal(actor, *goal); !allowed) return fail(allowed.error());
    auto result = apply_transition(*goal, scope.now);
    if (!result) return fail(result.error());
    goal->updated_by = actor.user_id;
    if (auto s = tx.goals().update(*goal); !s) return fail(s.error());
    if (auto s = note_transition(scope, *goal, *result); !s) return fail(s.error());
    return view_of(tx, std::move(*goal));
  });
}

}  // namespace

Result<GoalView> GoalService::activate(const AuthContext& actor, std::string_view id,
                                       const std::optional<std::string>& reason) {
  return transition(deps_, actor, id, [&](Goal& g, Timestamp now) { return activate_goal(g, reason, now); });
}

Result<GoalView> GoalService::pause(const AuthContext& actor, std::string_view id,
                                    const std::optional<std::string>& reason) {
  return transition(deps_, actor, id, [&](Goal& g, Timestamp now) { return pause_goal(g, reason, now); });
}

Result<GoalView> GoalService::close(const AuthContext& actor, std::string_view id, FinalStatus final_status,
                                    const std::optional<std::string>& reason) {
  return transition(deps_, actor, id,
                    [&](Goal& g, Timestamp now) { return close_goal(g, final_status, reason, now); });
}

namespace {

// Loads the goal, checks the actor may change it, runs `change`, stores the goal.
template <class T, class Change>
Result<T> change_goal(Dependencies& deps, const AuthContext& actor, std::string_view goal_id,
                      Change&& change) {
  return write_tx(deps.store, [&](ports::Transaction& tx) -> Result<T> {
    Scope scope{tx, actor, deps.clock.now(), deps.ids, deps.settings};
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    if (auto allowed = can_change_goal(actor, *goal); !allowed) return fail(allowed.error());
    goal->updated_by = actor.user_id;
    return change(scope, *goal);
  });
}

}  // namespace

Result<Strategy> GoalService::add_strategy(const AuthContext& actor, std::string_view goal_id,
                                           const StrategyDraft& draft) {
  return change_goal<Strategy>(deps_, actor, goal_id, [&](Scope& scope, Goal& goal) -> Result<Strategy> {
    auto strategy = traction::add_strategy(goal, draft, scope.ids.next(), scope.now);
    if (!strategy) return strategy;
    if (auto s = scope.tx.goals().update(goal); !s) return fail(s.error());
    if (auto s = detail::record_feed(scope, "strategy_added", "strategy", strategy->id, goal.title,
                                     fmt::format("Strategy added to goal \"{}\"", goal.title));
        !s) {
      return fail(s.error());
    }
    return strategy;
  });
}

Result<Strategy> GoalService::update_strategy(const AuthContext& actor, std::string_view goal_id,
                                              std::string_view strategy_id, const StrategyPatch& patch) {
  return change_goal<Strategy>(deps_, actor, goal_id, [&](Scope& scope, Goal& goal) -> Result<Strategy> {
    auto strategy = traction::update_strategy(goal, strategy_id, patch, scope.now);
    if (!strategy) return strategy;
    if (auto s = scope.tx.goals().update(goal); !s) return fail(s.error());
    if (auto s = detail::record_feed(scope, "strategy_updated", "strategy", strategy->id, goal.title,
                                     fmt::format("Strategy of goal \"{}\" updated", goal.title));
        !s) {
      return fail(s.error());
    }
    return strategy;
  });
}

Status GoalService::remove_strategy(const AuthContext& actor, std::string_view goal_id,
                                    std::string_view strategy_id) {
  auto done = change_goal<bool>(deps_, actor, goal_id, [&](Scope& scope, Goal& goal) -> Result<bool> {
    if (auto s = traction::remove_strategy(goal, strategy_id, scope.now); !s) return fail(s.error());
    if (auto s = drop_links(scope, strategy_id, LinkTarget::strategy); !s) return fail(s.error());
    if (auto s = scope.tx.goals().update(goal); !s) return fail(s.error());
    if (auto s = detail::record_feed(scope, "strategy_deleted", "strategy", strategy_id, goal.title,
                                     fmt::format("Strategy removed from goal \"{}\"", goal.title));
        !s) {
      return fail(s.error());
    }
    return true;
  });
  if (!done) return fail(done.error());
  return {};
}

Result<std::vector<Strategy>> GoalService::reorder_strategies(const AuthContext& actor, std::string_view goal_id,
                                                              const std::vector<std::string>& strategy_ids) {
  return change_goal<std::vector<Strategy>>(
      deps_, actor, goal_id, [&](Scope& scope, Goal& goal) -> Result<std::vector<Strategy>> {
        if (auto s = traction::reorder_strategies(goal, strategy_ids, scope.now); !s) return fail(s.error());
        if (auto s = scope.tx.goals().update(goal); !s) return fail(s.error());
        return goal.strategies;
      });
}

namespace {

Result<GoalKpiView> link_view(ports::Transaction& tx, const Goal& goal, std::string_view kpi_id) {
  auto views = detail::load_kpi_views(tx, goal);
  if (!views) return fail(views.error());
  for (auto& view : *views) {
    if (view.link.kpi_id == kpi_id) return std::move(view);
  }
  return fail(ErrorCode::kpi_link_not_found, fmt::format("KPI {} is not linked to this goal", kpi_id));
}

}  // namespace

Result<GoalKpiView> GoalService::link_kpi(const AuthContext& actor, std::string_view goal_id,
                                          const KpiLinkDraft& draft) {
  return change_goal<GoalKpiView>(deps_, actor, goal_id, [&](Scope& scope, Goal& goal) -> Result<GoalKpiView> {
    auto kpi = scope.tx.kpis().find(actor.tenant, draft.kpi_id);
    if (!kpi) return fail(kpi.error());
    if (!*kpi) return invalid("kpiId", fmt::format("KPI {} does not exist", draft.kpi_id));
    auto link = traction::link_kpi(goal, draft, scope.ids.next(), scope.now);
    if (!link) return fail(link.error());
    if (auto s = detail::save_goal(scope, goal, fmt::format("KPI \"{}\" linked", (*kpi)->name)); !s) {
      return fail(s.error());
    }
    if (auto s = detail::record_feed(scope, "kpi_linked", "kpi", (*kpi)->id, (*kpi)->name,
                                     fmt::format("KPI \"{}\" linked to goal \"{}\"", (*kpi)->name, goal.title));
        !s) {
      return fail(s.error());
    }
    return link_view(scope.tx, goal, link->kpi_id);
  });
}

Status GoalService::unlink_kpi(const AuthContext& actor, std::string_view goal_id, std::string_view kpi_id) {
  auto done = change_goal<bool>(deps_, actor, goal_id, [&](Scope& scope, Goal& goal) -> Result<bool> {
    if (auto s = traction::unlink_kpi(goal, kpi_id, scope.now); !s) return fail(s.error());
    if (auto s = detail::save_goal(scope, goal, "KPI unlinked"); !s) return fail(s.error());
    if (auto s = detail::record_feed(scope, "kpi_unlinked", "kpi", kpi_id, goal.title,
                                     fmt::format("KPI unlinked from goal \"{}\"", goal.title));
        !s) {
      return fail(s.error());
    }
    return true;
  });
  if (!done) return fail(done.error());
  return {};
}

Result<GoalKpiView> GoalService::update_kpi_link(const AuthContext& actor, std::string_view goal_id,
                                                 std::string_view kpi_id, const KpiLinkPatch& patch) {
  return change_goal<GoalKpiView>(deps_, actor, goal_id, [&](Scope& scope, Goal& goal) -> Result<GoalKpiView> {
    auto link = traction::update_kpi_link(goal, kpi_id, patch, scope.now);
    if (!link) return fail(link.error());
    if (auto s = detail::save_goal(scope, goal, "KPI link changed"); !s) return fail(s.error());
    return link_view(scope.tx, goal, kpi_id);
  });
}

Result<GoalKpiView> GoalService::get_kpi_link(const AuthContext& actor, std::string_view goal_id,
                                              std::string_view kpi_id) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalKpiView> {
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    return link_view(tx, *goal, kpi_id);
  });
}

}  // namespace traction
