#include "traction/app/issue_config_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "issue_config_store.hpp"
#include "traction/domain/permissions.hpp"

namespace traction {
namespace {

using detail::Scope;

Result<IssueType> find_type(const std::vector<IssueType>& types, std::string_view id) {
  const auto it = std::find_if(types.begin(), types.end(), [&](const IssueType& t) { return t.id == id; });
  if (it == types.end()) return fail(ErrorCode::issue_type_not_found, fmt::format("Issue type {} not found", id));
  return *it;
}

Result<IssueStatus> find_status(const std::vector<IssueStatus>& statuses, std::string_view id) {
  const auto it =
      std::find_if(statuses.begin(), statuses.end(), [&](const IssueStatus& s) { return s.id == id; });
  if (it == statuses.end()) {
    return fail(ErrorCode::issue_status_not_found, fmt::format("Issue status {} not found", id));
  }
  return *it;
}

// Stores a changed type and the types whose default flag it cleared.
Status store_type_change(ports::Transaction& tx, const IssueTypeChange& change, bool is_new) {
  if (auto s = is_new ? tx.issue_types().insert(change.type) : tx.issue_types().update(change.type); !s) return s;
  for (const auto& cleared : change.cleared_defaults) {
    if (auto s = tx.issue_types().update(cleared); !s) return s;
  }
  return {};
}

// A write on the tenant's issue types by someone allowed to manage them: `change` gets the
// scope and the tenant's (seeded) types.
template <class T, class Change>
Result<T> change_types(Dependencies& deps, const AuthContext& actor, Change&& change) {
  if (auto allowed = can_manage_issue_config(actor); !allowed) return fail(allowed.error());
  return write_tx(deps.store, [&](ports::Transaction& tx) -> Result<T> {
    Scope scope{tx, actor, deps.clock.now(), deps.ids, deps.settings};
    auto types = detail::seeded_issue_types(scope);
    if (!types) return fail(types.error());
    return change(scope, *types);
  });
}

template <class T, class Change>
Result<T> change_statuses(Dependencies& deps, const AuthContext& actor, Change&& change) {
  if (auto allowed = can_manage_issue_config(actor); !allowed) return fail(allowed.error());
  return write_tx(deps.store, [&](ports::Transaction& tx) -> Result<T> {
    Scope scope{tx, actor, deps.clock.now(), deps.ids, deps.settings};
    auto statuses = detail::seeded_issue_statuses(scope);
    if (!statuses) return fail(statuses.error());
    return change(scope, *statuses);
  });
}

}  // namespace

// --- types --------------------------------------------------------------------------------

Result<std::vector<IssueType>> IssueConfigService::list_types(const AuthContext& actor,
                                                              const IssueTypeFilter& filter) {
  auto rows = detail::issue_config_for_read(deps_, actor);
  if (!rows) return fail(rows.error());
  auto types = std::move(rows->types);
  std::erase_if(types, [&](const IssueType& t) {
    return (!filter.include_inactive && !t.is_active) || (!filter.include_system && t.is_system);
  });
  return types;
}

Result<IssueType> IssueConfigService::create_type(const AuthContext& actor, const IssueTypeDraft& draft) {
  return change_types<IssueType>(deps_, actor, [&](Scope& scope, const std::vector<IssueType>& types) -> Result<IssueType> {
    auto change = create_issue_type(draft, types, scope.ids.next(), actor.tenant, scope.now);
    if (!change) return fail(change.error());
    if (auto s = store_type_change(scope.tx, *change, true); !s) return fail(s.error());
    return change->type;
  });
}

Result<IssueType> IssueConfigService::update_type(const AuthContext& actor, std::string_view id,
                                                  const IssueTypePatch& patch) {
  return change_types<IssueType>(deps_, actor, [&](Scope& scope, const std::vector<IssueType>& types) -> Result<IssueType> {
    auto current = find_type(types, id);
    if (!current) return current;
    auto change = apply_issue_type_patch(*current, patch, types, scope.now);
    if (!change) return fail(change.error());
    if (auto s = store_type_change(scope.tx, *change, false); !s) return fail(s.error());
    return change->type;
  });
}

Result<IssueType> IssueConfigService::delete_type(const AuthContext& actor, std::string_view id) {
  return change_types<IssueType>(deps_, actor, [&](Scope& scope, const std::vector<IssueType>& types) -> Result<IssueType> {
    auto current = find_type(types, id);
    if (!current) return current;
    auto in_use = scope.tx.issues().count_with_type(actor.tenant, current->id);
    if (!in_use) return fail(in_use.error());
    auto deleted = delete_issue_type(*current, *in_use, scope.now);
    if (!deleted) return deleted;
    if (*deleted == *current) return deleted;
    if (auto s = scope.tx.issue_types().update(*deleted); !s) return fail(s.error());
    return deleted;
  });
}

Result<IssueType> IssueConfigService::activate_type(const AuthContext& actor, std::string_view id) {
  return change_types<IssueType>(deps_, actor, [&](Scope& scope, const std::vector<IssueType>& types) -> Result<IssueType> {
    auto current = find_type(types, id);
    if (!current) return current;
    auto active = reactivate_issue_type(*current, scope.now);
    if (active == *current) return active;
    if (auto s = scope.tx.issue_types().update(active); !s) return fail(s.error());
    return active;
  });
}

// --- statuses -----------------------------------------------------------------------------

Result<std::vector<IssueStatus>> IssueConfigService::list_statuses(const AuthContext& actor,
                                                                   const IssueStatusFilter& filter) {
  auto rows = detail::issue_config_for_read(deps_, actor);
  if (!rows) return fail(rows.error());
  auto statuses = std::move(rows->statuses);
  std::erase_if(statuses, [&](const IssueStatus& s) {
    return (!filter.include_inactive && !s.is_active) || (!filter.include_system && s.is_system) ||
           (filter.category && s.category != *filter.category);
  });
  return statuses;
}

Result<IssueStatus> IssueConfigService::create_status(const AuthContext& actor, const IssueStatusDraft& draft) {
  return change_statuses<IssueStatus>(
      deps_, actor, [&](Scope& scope, const std::vector<IssueStatus>& statuses) -> Result<IssueStatus> {
        auto status = create_issue_status(draft, statuses, scope.ids.next(), actor.tenant, scope.now);
        if (!status) return status;
        if (auto s = scope.tx.issue_statuses().insert(*status); !s) return fail(s.error());
        return status;
      });
}

Result<IssueStatus> IssueConfigService::update_status(const AuthContext& actor, std::string_view id,
                                                      const IssueStatusPatch& patch) {
  return change_statuses<IssueStatus>(
      deps_, actor, [&](Scope& scope, const std::vector<IssueStatus>& statuses) -> Result<IssueStatus> {
        auto current = find_status(statuses, id);
        if (!current) return current;
        auto status = apply_issue_status_patch(*current, patch, statuses, scope.now);
        if (!status) return status;
        if (auto s = scope.tx.issue_statuses().update(*status); !s) return fail(s.error());
        return status;
      });
}

Result<IssueStatus> IssueConfigService::delete_status(const AuthContext& actor, std::string_view id) {
  return change_statuses<IssueStatus>(
      deps_, actor, [&](Scope& scope, const std::vector<IssueStatus>& statuses) -> Result<IssueStatus> {
        auto current = find_status(statuses, id);
        if (!current) return current;
        auto in_use = scope.tx.issues().count_with_status(actor.tenant, current->id);
        if (!in_use) return fail(in_use.error());
        auto deleted = delete_issue_status(*current, *in_use, statuses, scope.now);
        if (!deleted) return deleted;
        if (*deleted == *current) return deleted;
        if (auto s = scope.tx.issue_statuses().update(*deleted); !s) return fail(s.error());
        return deleted;
      });
}

Result<IssueStatus> IssueConfigService::activate_status(const AuthContext& actor, std::string_view id) {
  return change_statuses<IssueStatus>(
      deps_, actor, [&](Scope& scope, const std::vector<IssueStatus>& statuses) -> Result<IssueStatus> {
        auto current = find_status(statuses, id);
        if (!current) return current;
        auto active = reactivate_issue_status(*current, scope.now);
        if (active == *current) return active;
        if (auto s = scope.tx.issue_statuses().update(active); !s) return fail(s.error());
        return active;
      });
}

Result<std::vector<IssueStatus>> IssueConfigService::reorder_statuses(const AuthContext& actor,
                                                                      std::string_view category,
                                                                      const std::vector<std::string>& ids) {
  using Rows = std::vector<IssueStatus>;
  return change_statuses<Rows>(deps_, actor, [&](Scope& scope, const Rows& statuses) -> Result<Rows> {
    auto ordered = reorder_issue_statuses(category, ids, statuses, scope.now);
    if (!ordered) return ordered;
    for (const auto& status : *ordered) {
      auto before = find_status(statuses, status.id);
      if (before && before->order == status.order) continue;
      if (auto s = scope.tx.issue_statuses().update(status); !s) return fail(s.error());
    }
    return ordered;
  });
}

}  // namespace traction
