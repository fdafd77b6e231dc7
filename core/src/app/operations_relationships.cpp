// OperationsService: relationships (001 "Relationship Management") — replacing an action's
// goal and strategy links, clearing them, and the batch reads.
#include <fmt/format.h>

#include "operations_feed.hpp"
#include "operations_support.hpp"
#include "traction/app/operations_service.hpp"

namespace traction {
namespace {

using detail::LinkKind;
using detail::Scope;

// Loads the action, lets `fill` build the patch of its links, applies and stores it.
template <class Fill>
Result<Action> relink(Dependencies& deps, const AuthContext& actor, std::string_view id, Fill&& fill) {
  return write_tx(deps.store, [&](ports::Transaction& tx) -> Result<Action> {
    Scope scope{tx, actor, deps.clock.now(), deps.ids, deps.settings};
    auto current = detail::load_action(tx, actor.tenant, id);
    if (!current) return current;
    ActionPatch patch;
    if (auto s = fill(tx, patch); !s) return fail(s.error());
    auto change = apply_action_patch(*current, patch, actor, scope.now);
    if (!change) return fail(change.error());
    if (auto s = tx.actions().update(change->action); !s) return fail(s.error());
    if (auto s = detail::action_feed(scope, "action_updated", change->action); !s) return fail(s.error());
    return std::move(change->action);
  });
}

// The ids of a replace request, cleaned and checked (errors name `field`).
Result<std::vector<std::string>> checked_ids(ports::Transaction& tx, std::string_view tenant, std::string_view field,
                                             const std::vector<std::string>& ids, LinkKind kind) {
  auto cleaned = clean_connection_ids(field, ids);
  if (!cleaned) return cleaned;
  if (auto s = detail::check_links(tx, tenant, field, *cleaned, kind); !s) return fail(s.error());
  return cleaned;
}

}  // namespace

Result<Action> OperationsService::set_action_goals(const AuthContext& actor, std::string_view id,
                                                   const std::vector<std::string>& goal_ids) {
  return relink(deps_, actor, id, [&](ports::Transaction& tx, ActionPatch& patch) -> Status {
    auto ids = checked_ids(tx, actor.tenant, "goalIds", goal_ids, LinkKind::goal);
    if (!ids) return fail(ids.error());
    patch.goal_ids = std::move(*ids);
    return {};
  });
}

Result<Action> OperationsService::set_action_strategies(const AuthContext& actor, std::string_view id,
                                                        const std::vector<std::string>& strategy_ids) {
  return relink(deps_, actor, id, [&](ports::Transaction& tx, ActionPatch& patch) -> Status {
    auto ids = checked_ids(tx, actor.tenant, "strategyIds", strategy_ids, LinkKind::strategy);
    if (!ids) return fail(ids.error());
    patch.strategy_ids = std::move(*ids);
    return {};
  });
}

Result<Action> OperationsService::clear_action_relationships(const AuthContext& actor, std::string_view id) {
  return relink(deps_, actor, id, [](ports::Transaction&, ActionPatch& patch) -> Status {
    patch.goal_ids.emplace();
    patch.strategy_ids.emplace();
    patch.issue_ids.emplace();
    return {};
  });
}

Result<std::vector<ActionGoals>> OperationsService::action_goals(const AuthContext& actor,
                                                                 const std::vector<std::string>& action_ids) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<std::vector<ActionGoals>> {
    auto ids = checked_ids(tx, actor.tenant, "actionIds", action_ids, LinkKind::action);
    if (!ids) return fail(ids.error());
    std::vector<ActionGoals> out;
    out.reserve(ids->size());
    for (const auto& id : *ids) {
      auto action = detail::load_action(tx, actor.tenant, id);
      if (!action) return fail(action.error());
      ActionGoals entry{id, {}};
      for (const auto& goal_id : action->connections.goal_ids) {
        auto goal = tx.goals().find(actor.tenant, goal_id);
        if (!goal) return fail(goal.error());
        if (!*goal) continue;  // links to deleted goals are removed; none should remain
        auto kpis = detail::load_kpi_views(tx, **goal);
        if (!kpis) return fail(kpis.error());
        entry.goals.push_back(GoalView{std::move(**goal), std::move(*kpis)});
      }
      out.push_back(std::move(entry));
    }
    return out;
  });
}

Result<std::vector<ActionStrategies>> OperationsService::action_strategies(const AuthContext& actor,
                                                                           const std::vector<std::string>& action_ids) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<std::vector<ActionStrategies>> {
    auto ids = checked_ids(tx, actor.tenant, "actionIds", action_ids, LinkKind::action);
    if (!ids) return fail(ids.error());
    std::vector<ActionStrategies> out;
    out.reserve(ids->size());
    for (const auto& id : *ids) {
      auto action = detail::load_action(tx, actor.tenant, id);
      if (!action) return fail(action.error());
      ActionStrategies entry{id, {}};
      for (const auto& strategy_id : action->connections.strategy_ids) {
        auto goal_id = tx.goals().goal_of_strategy(actor.tenant, strategy_id);
        if (!goal_id) return fail(goal_id.error());
        if (!*goal_id) continue;
        auto goal = tx.goals().find(actor.tenant, **goal_id);
        if (!goal) return fail(goal.error());
        if (!*goal) continue;
        if (const auto* strategy = (*goal)->find_strategy(strategy_id)) entry.strategies.push_back(*strategy);
      }
      out.push_back(std::move(entry));
    }
    return out;
  });
}

Result<std::vector<GoalKpis>> OperationsService::goal_kpis(const AuthContext& actor,
                                                           const std::vector<std::string>& goal_ids) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<std::vector<GoalKpis>> {
    auto ids = checked_ids(tx, actor.tenant, "goalIds", goal_ids, LinkKind::goal);
    if (!ids) return fail(ids.error());
    std::vector<GoalKpis> out;
    out.reserve(ids->size());
    for (const auto& id : *ids) {
      auto goal = detail::load_goal(tx, actor.tenant, id);
      if (!goal) return fail(goal.error());
      auto kpis = detail::load_kpi_views(tx, *goal);
      if (!kpis) return fail(kpis.error());
      out.push_back(GoalKpis{id, std::move(*kpis)});
    }
    return out;
  });
}

}  // namespace traction
