#include "operations_support.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "traction/domain/text_rules.hpp"

namespace traction::detail {
namespace {

std::string_view kind_name(LinkKind kind) {
  switch (kind) {
    case LinkKind::goal:
      return "goal";
    case LinkKind::strategy:
      return "strategy";
    case LinkKind::issue:
      return "issue";
    case LinkKind::action:
      return "action";
  }
  return "entity";
}

Result<bool> exists(ports::Transaction& tx, std::string_view tenant, std::string_view id, LinkKind kind) {
  switch (kind) {
    case LinkKind::goal: {
      auto found = tx.goals().find(tenant, id);
      if (!found) return fail(found.error());
      return found->has_value();
    }
    case LinkKind::strategy: {
      auto owner = tx.goals().goal_of_strategy(tenant, id);
      if (!owner) return fail(owner.error());
      return owner->has_value();
    }
    case LinkKind::issue: {
      auto found = tx.issues().find(tenant, id);
      if (!found) return fail(found.error());
      return found->has_value();
    }
    case LinkKind::action: {
      auto found = tx.actions().find(tenant, id);
      if (!found) return fail(found.error());
      return found->has_value();
    }
  }
  return false;
}

void add_once(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

Result<Action> load_action(ports::Transaction& tx, std::string_view tenant, std::string_view id) {
  auto found = tx.actions().find(tenant, id);
  if (!found) return fail(found.error());
  if (!*found) return fail(ErrorCode::action_not_found, fmt::format("Action {} not found", id));
  return std::move(**found);
}

Result<Issue> load_issue(ports::Transaction& tx, std::string_view tenant, std::string_view id) {
  auto found = tx.issues().find(tenant, id);
  if (!found) return fail(found.error());
  if (!*found) return fail(ErrorCode::issue_not_found, fmt::format("Issue {} not found", id));
  return std::move(**found);
}

Status check_links(ports::Transaction& tx, std::string_view tenant, std::string_view field,
                   std::span<const std::string> ids, LinkKind kind) {
  for (const auto& id : ids) {
    auto found = exists(tx, tenant, id, kind);
    if (!found) return fail(found.error());
    if (!*found) {
      return invalid(std::string(field), fmt::format("{}: no {} \"{}\" exists in this tenant.", field,
                                                     kind_name(kind), id));
    }
  }
  return {};
}

Status check_action_links(ports::Transaction& tx, const Action& action, bool goals, bool strategies, bool issues) {
  const auto& c = action.connections;
  if (goals) {
    if (auto s = check_links(tx, action.tenant, "connections.goalIds", c.goal_ids, LinkKind::goal); !s) return s;
  }
  if (strategies) {
    if (auto s = check_links(tx, action.tenant, "connections.strategyIds", c.strategy_ids, LinkKind::strategy); !s) {
      return s;
    }
  }
  if (issues) {
    if (auto s = check_links(tx, action.tenant, "connections.issueIds", c.issue_ids, LinkKind::issue); !s) return s;
  }
  return {};
}

Result<IssueView> issue_view(ports::Transaction& tx, Issue issue, const IssueConfigRows& config) {
  auto actions = tx.actions().linked_to_issue(issue.tenant, issue.id);
  if (!actions) return fail(actions.error());
  IssueView view;
  view.action_ids.reserve(actions->size());
  for (const auto& action : *actions) view.action_ids.push_back(action.id);
  if (issue.type_config_id) {
    if (const auto* type = config.type(*issue.type_config_id)) view.type = *type;
  }
  if (issue.status_config_id) {
    if (const auto* status = config.status(*issue.status_config_id)) view.status = *status;
  }
  view.issue = std::move(issue);
  return view;
}

std::vector<std::string> resolve_status_filter(std::span<const std::string> values,
                                               std::span<const IssueStatus> statuses) {
  std::vector<std::string> ids;
  for (const auto& raw : values) {
    const auto value = trimmed(raw);
    if (value.empty()) continue;
    const auto by_id = std::find_if(statuses.begin(), statuses.end(),
                                    [&](const IssueStatus& s) { return s.id == value; });
    if (by_id != statuses.end()) {
      add_once(ids, by_id->id);
      continue;
    }
    if (const auto category = issue_status_category_text.parse(value)) {
      for (const auto& s : statuses) {
        if (s.category == *category) add_once(ids, s.id);
      }
      continue;
    }
    for (const auto& s : statuses) {
      if (iequals(s.name, value)) add_once(ids, s.id);
    }
  }
  return ids;
}

bool in_closed_category(const std::optional<std::string>& status_id, const IssueConfigRows& config) {
  if (!status_id) return false;
  const auto* status = config.status(*status_id);
  return status != nullptr && status->category == IssueStatusCategory::closed;
}

}  // namespace traction::detail
