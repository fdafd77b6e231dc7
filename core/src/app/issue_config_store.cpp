#include "issue_config_store.hpp"

#include <algorithm>

#include "traction/domain/issue_config_rules.hpp"

namespace traction::detail {
namespace {

// Seeding needs ids only for rows it creates; asking "is anything missing?" needs none.
std::string no_id() { return {}; }

bool lacks_system_rows(std::string_view tenant, const IssueConfigRows& rows) {
  const Timestamp epoch{};
  return !make_system_issue_types(tenant, rows.types, no_id, epoch).empty() ||
         !make_system_issue_statuses(tenant, rows.statuses, no_id, epoch).empty();
}

}  // namespace

const IssueType* IssueConfigRows::type(std::string_view id) const {
  const auto it = std::find_if(types.begin(), types.end(), [&](const IssueType& t) { return t.id == id; });
  return it == types.end() ? nullptr : &*it;
}

const IssueStatus* IssueConfigRows::status(std::string_view id) const {
  const auto it = std::find_if(statuses.begin(), statuses.end(), [&](const IssueStatus& s) { return s.id == id; });
  return it == statuses.end() ? nullptr : &*it;
}

Result<IssueConfigRows> load_issue_config(ports::Transaction& tx, std::string_view tenant) {
  auto types = tx.issue_types().list(tenant);
  if (!types) return fail(types.error());
  auto statuses = tx.issue_statuses().list(tenant);
  if (!statuses) return fail(statuses.error());
  return IssueConfigRows{std::move(*types), std::move(*statuses)};
}

Result<std::vector<IssueType>> seeded_issue_types(Scope& scope) {
  const auto& tenant = scope.actor.tenant;
  auto types = scope.tx.issue_types().list(tenant);
  if (!types) return fail(types.error());
  const auto missing = make_system_issue_types(tenant, *types, [&] { return scope.ids.next(); }, scope.now);
  if (missing.empty()) return types;
  for (const auto& type : missing) {
    if (auto s = scope.tx.issue_types().insert(type); !s) return fail(s.error());
  }
  return scope.tx.issue_types().list(tenant);
}

Result<std::vector<IssueStatus>> seeded_issue_statuses(Scope& scope) {
  const auto& tenant = scope.actor.tenant;
  auto statuses = scope.tx.issue_statuses().list(tenant);
  if (!statuses) return fail(statuses.error());
  const auto missing =
      make_system_issue_statuses(tenant, *statuses, [&] { return scope.ids.next(); }, scope.now);
  if (missing.empty()) return statuses;
  for (const auto& status : missing) {
    if (auto s = scope.tx.issue_statuses().insert(status); !s) return fail(s.error());
  }
  return scope.tx.issue_statuses().list(tenant);
}

Result<IssueConfigRows> seeded_issue_config(Scope& scope) {
  auto types = seeded_issue_types(scope);
  if (!types) return fail(types.error());
  auto statuses = seeded_issue_statuses(scope);
  if (!statuses) return fail(statuses.error());
  return IssueConfigRows{std::move(*types), std::move(*statuses)};
}

Result<IssueConfigRows> issue_config_for_read(Dependencies& deps, const AuthContext& actor) {
  auto rows = read_tx(deps.store, [&](ports::Transaction& tx) { return load_issue_config(tx, actor.tenant); });
  if (!rows) return rows;
  if (!lacks_system_rows(actor.tenant, *rows)) return rows;
  return write_tx(deps.store, [&](ports::Transaction& tx) {
    Scope scope{tx, actor, deps.clock.now(), deps.ids, deps.settings};
    return seeded_issue_config(scope);
  });
}

}  // namespace traction::detail
