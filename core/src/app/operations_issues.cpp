// OperationsService: business issues (001 "Operations: Issues").
#include <fmt/format.h>

#include "operations_feed.hpp"
#include "operations_support.hpp"
#include "traction/app/operations_service.hpp"

namespace traction {
namespace {

using detail::LinkKind;
using detail::Scope;

Status check_issue_links(ports::Transaction& tx, const Issue& issue, bool goals, bool strategies) {
  if (goals) {
    if (auto s = detail::check_links(tx, issue.tenant, "connections.goalIds", issue.connections.goal_ids,
                                     LinkKind::goal);
        !s) {
      return s;
    }
  }
  if (!strategies) return {};
  return detail::check_links(tx, issue.tenant, "connections.strategyIds", issue.connections.strategy_ids,
                             LinkKind::strategy);
}

// Takes the issue out of the connections of the actions that name it (they outlive it).
Status drop_action_links(Scope& scope, std::string_view issue_id) {
  auto actions = scope.tx.actions().linked_to_issue(scope.actor.tenant, issue_id);
  if (!actions) return fail(actions.error());
  for (auto& action : *actions) {
    std::erase(action.connections.issue_ids, std::string(issue_id));
    action.updated_at = scope.now;
    action.updated_by = scope.actor.user_id;
    if (auto s = scope.tx.actions().update(action); !s) return s;
  }
  return {};
}

}  // namespace

Result<Page<IssueView>> OperationsService::list_issues(const AuthContext& actor, const IssueFilter& filter) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Page<IssueView>> {
    auto config = detail::load_issue_config(tx, actor.tenant);
    if (!config) return fail(config.error());
    auto query = filter.query;
    if (!filter.status.empty()) {
      query.status_ids = detail::resolve_status_filter(filter.status, config->statuses);
      if (query.status_ids.empty()) return Page<IssueView>{};  // the filter names nothing of the tenant
    }
    auto page = tx.issues().list(actor.tenant, query);
    if (!page) return fail(page.error());
    Page<IssueView> out;
    out.total = page->total;
    out.items.reserve(page->items.size());
    for (auto& issue : page->items) {
      auto view = detail::issue_view(tx, std::move(issue), *config);
      if (!view) return fail(view.error());
      out.items.push_back(std::move(*view));
    }
    return out;
  });
}

Result<IssueView> OperationsService::get_issue(const AuthContext& actor, std::string_view id) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<IssueView> {
    auto issue = detail::load_issue(tx, actor.tenant, id);
    if (!issue) return fail(issue.error());
    auto config = detail::load_issue_config(tx, actor.tenant);
    if (!config) return fail(config.error());
    return detail::issue_view(tx, std::move(*issue), *config);
  });
}

Result<IssueView> OperationsService::create_issue(const AuthContext& actor, const IssueDraft& draft) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<IssueView> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto config = detail::seeded_issue_config(scope);
    if (!config) return fail(config.error());
    auto issue = make_issue(draft, config->view(), deps_.ids.next(), actor, scope.now);
    if (!issue) return fail(issue.error());
    if (auto s = check_issue_links(tx, *issue, true, true); !s) return fail(s.error());
    if (auto s = tx.issues().insert(*issue); !s) return fail(s.error());
    if (auto s = detail::issue_feed(scope, "issue_created", *issue); !s) return fail(s.error());
    if (detail::in_closed_category(issue->status_config_id, *config)) {
      if (auto s = detail::issue_feed(scope, "issue_resolved", *issue); !s) return fail(s.error());
    }
    return detail::issue_view(tx, std::move(*issue), *config);
  });
}

Result<IssueView> OperationsService::update_issue(const AuthContext& actor, std::string_view id,
                                                  const IssuePatch& patch) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<IssueView> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto current = detail::load_issue(tx, actor.tenant, id);
    if (!current) return fail(current.error());
    auto config = detail::seeded_issue_config(scope);
    if (!config) return fail(config.error());
    auto issue = apply_issue_patch(*current, patch, config->view(), actor, scope.now);
    if (!issue) return fail(issue.error());
    if (auto s = check_issue_links(tx, *issue, patch.goal_ids.has_value(), patch.strategy_ids.has_value()); !s) {
      return fail(s.error());
    }
    if (auto s = tx.issues().update(*issue); !s) return fail(s.error());
    const bool resolved = detail::in_closed_category(issue->status_config_id, *config) &&
                          !detail::in_closed_category(current->status_config_id, *config);
    if (auto s = detail::issue_feed(scope, resolved ? "issue_resolved" : "issue_updated", *issue); !s) {
      return fail(s.error());
    }
    return detail::issue_view(tx, std::move(*issue), *config);
  });
}

Result<IssueDeleted> OperationsService::delete_issue(const AuthContext& actor, std::string_view id) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<IssueDeleted> {
    Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto issue = detail::load_issue(tx, actor.tenant, id);
    if (!issue) return fail(issue.error());
    if (auto s = drop_action_links(scope, issue->id); !s) return fail(s.error());
    issue->deleted_at = scope.now;
    issue->updated_at = scope.now;
    issue->updated_by = actor.user_id;
    if (auto s = tx.issues().update(*issue); !s) return fail(s.error());
    if (auto s = detail::issue_feed(scope, "issue_deleted", *issue); !s) return fail(s.error());
    return IssueDeleted{issue->id, scope.now};
  });
}

}  // namespace traction
