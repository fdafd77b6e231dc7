// OperationsService: actions (001 "Operations: Actions").
#include <fmt/format.h>

#include "operations_feed.hpp"
#include "operations_support.hpp"
#include "traction/app/operations_service.hpp"

namespace traction {

using detail::Scope;

Result<Page<Action>> OperationsService::list_actions(const AuthContext& actor, const ActionQuery& query) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) { return tx.actions().list(actor.tenant, query); });
}

Result<Action> OperationsService::get_action(const AuthContext& actor, std::string_view id) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) { return detail::load_action(tx, actor.tenant, id); });
}

Result<Action> OperationsService::create_action(const AuthContext& actor, const ActionDraft& draft) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Action> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto change = make_action(draft, deps_.ids.next(), actor, scope.now);
    if (!change) return fail(change.error());
    auto& action = change->action;
    if (auto s = detail::check_action_links(tx, action, true, true, true); !s) return fail(s.error());
    if (auto s = tx.actions().insert(action); !s) return fail(s.error());
    if (auto s = detail::action_feed(scope, "action_created", action); !s) return fail(s.error());
    if (change->completed) {
      if (auto s = detail::action_feed(scope, "action_completed", action); !s) return fail(s.error());
    }
    return std::move(action);
  });
}

Result<Action> OperationsService::update_action(const AuthContext& actor, std::string_view id,
                                                const ActionPatch& patch) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Action> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto current = detail::load_action(tx, actor.tenant, id);
    if (!current) return current;
    auto change = apply_action_patch(*current, patch, actor, scope.now);
    if (!change) return fail(change.error());
    auto& action = change->action;
    if (auto s = detail::check_action_links(tx, action, patch.goal_ids.has_value(), patch.strategy_ids.has_value(),
                                            patch.issue_ids.has_value());
        !s) {
      return fail(s.error());
    }
    if (auto s = tx.actions().update(action); !s) return fail(s.error());
    const auto type = change->completed ? "action_completed" : "action_updated";
    if (auto s = detail::action_feed(scope, type, action); !s) return fail(s.error());
    return std::move(action);
  });
}

Result<ActionDeleted> OperationsService::delete_action(const AuthContext& actor, std::string_view id) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<ActionDeleted> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto action = detail::load_action(tx, actor.tenant, id);
    if (!action) return fail(action.error());
    action->deleted_at = scope.now;
    action->updated_at = scope.now;
    action->updated_by = actor.user_id;
    if (auto s = tx.actions().update(*action); !s) return fail(s.error());
    if (auto s = detail::action_feed(scope, "action_deleted", *action); !s) return fail(s.error());
    return ActionDeleted{action->id, scope.now};
  });
}

}  // namespace traction
