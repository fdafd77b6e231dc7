#pragma once
// Internal to the use cases: a tenant's issue types and statuses, with the system ones of
// 001 added the first time a use case needs them (lazily, idempotently: a tenant never
// runs a set-up step, and seeding twice adds nothing).

#include <string_view>
#include <vector>

#include "traction/app/dependencies.hpp"
#include "traction/auth.hpp"
#include "traction/domain/issue_config.hpp"
#include "traction/domain/issue_rules.hpp"
#include "write_scope.hpp"

namespace traction::detail {

struct IssueConfigRows {
  std::vector<IssueType> types;        // by order, then name
  std::vector<IssueStatus> statuses;   // by category, order, then name

  [[nodiscard]] IssueConfigView view() const { return {types, statuses}; }
  [[nodiscard]] const IssueType* type(std::string_view id) const;
  [[nodiscard]] const IssueStatus* status(std::string_view id) const;
};

// The tenant's rows as stored (no seeding: for read transactions).
[[nodiscard]] Result<IssueConfigRows> load_issue_config(ports::Transaction& tx, std::string_view tenant);

// In a write transaction: the tenant's rows after adding the system ones it lacks.
[[nodiscard]] Result<std::vector<IssueType>> seeded_issue_types(Scope& scope);
[[nodiscard]] Result<std::vector<IssueStatus>> seeded_issue_statuses(Scope& scope);
[[nodiscard]] Result<IssueConfigRows> seeded_issue_config(Scope& scope);

// For reads: the tenant's rows, seeded first (in a write transaction) only when it lacks
// some system row.
[[nodiscard]] Result<IssueConfigRows> issue_config_for_read(Dependencies& deps, const AuthContext& actor);

}  // namespace traction::detail
