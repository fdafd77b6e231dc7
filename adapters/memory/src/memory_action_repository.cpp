#include "traction/memory/memory_action_repository.hpp"

#include <algorithm>

#include "list_helpers.hpp"

namespace traction::memory {
namespace {

bool is_live(const Action& action) { return !action.deleted_at.has_value(); }

bool names(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool any_named(const std::vector<std::string>& ids, const std::vector<std::string>& wanted) {
  return std::any_of(wanted.begin(), wanted.end(),
                     [&](const std::string& id) { return names(ids, id); });
}

template <class T>
bool any_of_values(const std::vector<T>& wanted, T value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

// The tenant's live actions for which `keep` holds, oldest first, ties by id.
template <class Keep>
std::vector<Action> live_actions(const MemoryTxContext& tx, std::string_view tenant, Keep keep) {
  std::vector<Action> out;
  const auto* state = tx.find_tenant(tenant);
  if (state == nullptr) return out;
  for (const auto& [id, action] : state->actions) {
    if (is_live(action) && keep(action)) out.push_back(action);
  }
  std::sort(out.begin(), out.end(), [](const Action& a, const Action& b) {
    if (a.created_at != b.created_at) return a.created_at < b.created_at;
    return a.id < b.id;
  });
  return out;
}

bool in_dates(const Action& action, const ActionQuery& query) {
  if (!query.start && !query.end) return true;
  const auto first = action.start_date ? action.start_date : action.due_date;
  const auto last = action.due_date ? action.due_date : action.start_date;
  if (!first || !last) return false;
  if (query.end && *first > *query.end) return false;
  if (query.start && *last < *query.start) return false;
  return true;
}

bool matches(const Action& action, const ActionQuery& query) {
  if (!in_dates(action, query)) return false;
  if (query.assigned_person_id && action.assigned_person_id != *query.assigned_person_id) {
    return false;
  }
  const auto& links = action.connections;
  if (!query.goal_ids.empty() && !any_named(links.goal_ids, query.goal_ids)) return false;
  if (!query.strategy_ids.empty() && !any_named(links.strategy_ids, query.strategy_ids)) {
    return false;
  }
  if (!query.issue_ids.empty() && !any_named(links.issue_ids, query.issue_ids)) return false;
  return any_of_values(query.statuses, action.status) &&
         any_of_values(query.priorities, action.priority);
}

template <class Linked>
std::vector<Action> linked(const MemoryTxContext& tx, std::string_view tenant, Linked ids_of,
                           std::string_view id) {
  return live_actions(tx, tenant,
                      [&](const Action& action) { return names(ids_of(action.connections), id); });
}

}  // namespace

Result<std::optional<Action>> MemoryActionRepository::find(std::string_view tenant,
                                                           std::string_view id) {
  const auto* action = find_row(tx_, &TenantState::actions, tenant, id);
  if (action == nullptr || !is_live(*action)) return std::optional<Action>{};
  return std::optional<Action>{*action};
}

Result<Page<Action>> MemoryActionRepository::list(std::string_view tenant,
                                                  const ActionQuery& query) {
  auto rows =
      live_actions(tx_, tenant, [&](const Action& action) { return matches(action, query); });
  std::sort(rows.begin(), rows.end(), [](const Action& a, const Action& b) {
    if (a.created_at != b.created_at) return a.created_at > b.created_at;
    return a.id < b.id;
  });
  return paginate(std::move(rows), query.page);
}

Result<std::vector<Action>> MemoryActionRepository::all(std::string_view tenant) {
  return live_actions(tx_, tenant, [](const Action&) { return true; });
}

Result<std::vector<Action>> MemoryActionRepository::linked_to_goal(std::string_view tenant,
                                                                   std::string_view goal_id) {
  return linked(
      tx_, tenant, [](const ActionConnections& c) -> const auto& { return c.goal_ids; }, goal_id);
}

Result<std::vector<Action>> MemoryActionRepository::linked_to_strategy(
    std::string_view tenant, std::string_view strategy_id) {
  return linked(
      tx_, tenant, [](const ActionConnections& c) -> const auto& { return c.strategy_ids; },
      strategy_id);
}

Result<std::vector<Action>> MemoryActionRepository::linked_to_issue(std::string_view tenant,
                                                                    std::string_view issue_id) {
  return linked(
      tx_, tenant, [](const ActionConnections& c) -> const auto& { return c.issue_ids; },
      issue_id);
}

Status MemoryActionRepository::insert(const Action& action) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(action.tenant);
  if (state.actions.contains(action.id)) {
    return fail(ErrorCode::internal, "an action with this id already exists");
  }
  insert_row(tx_, state.actions, action.id, action);
  return {};
}

Status MemoryActionRepository::update(Action& action) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto* row = find_row_for_write(tx_, &TenantState::actions, action.tenant, action.id);
  if (row == nullptr) return fail(ErrorCode::action_not_found, "action not found");
  if (row->version != action.version) {
    return fail(ErrorCode::version_conflict, "the action was changed by someone else");
  }
  auto stored = action;
  stored.version = action.version + 1;
  replace_row(tx_, *row, std::move(stored));
  action.version += 1;
  return {};
}

}  // namespace traction::memory
