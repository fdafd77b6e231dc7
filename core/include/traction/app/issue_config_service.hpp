#pragma once
// Issue configuration (001 "Issue Configuration: Types/Statuses"): the tenant's issue types
// and statuses. Every tenant has the 7 system types and the 11 system statuses from its
// first request: the use cases add the ones a tenant lacks, lazily and idempotently, so no
// set-up step exists. Reading is for everyone in the tenant; changing needs admin or
// manager (can_manage_issue_config). The rules are core's (issue_config_rules.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traction/app/dependencies.hpp"
#include "traction/auth.hpp"
#include "traction/domain/issue_config.hpp"
#include "traction/domain/issue_config_rules.hpp"

namespace traction {

struct IssueTypeFilter {
  bool include_inactive = false;
  bool include_system = true;
};

struct IssueStatusFilter {
  std::optional<IssueStatusCategory> category;
  bool include_inactive = false;
  bool include_system = true;
};

class IssueConfigService {
 public:
  explicit IssueConfigService(Dependencies deps) : deps_(deps) {}

  // By order, then name.
  [[nodiscard]] Result<std::vector<IssueType>> list_types(const AuthContext& actor,
                                                          const IssueTypeFilter& filter);
  // DUPLICATE_NAME for a name the tenant already uses; setting isDefault clears the others.
  [[nodiscard]] Result<IssueType> create_type(const AuthContext& actor, const IssueTypeDraft& draft);
  // SYSTEM types: 403 INSUFFICIENT_PERMISSIONS.
  [[nodiscard]] Result<IssueType> update_type(const AuthContext& actor, std::string_view id,
                                              const IssueTypePatch& patch);
  // Soft delete (isActive = false). SYSTEM → 403; used by live issues → 409 DEPENDENCY_EXISTS.
  [[nodiscard]] Result<IssueType> delete_type(const AuthContext& actor, std::string_view id);
  [[nodiscard]] Result<IssueType> activate_type(const AuthContext& actor, std::string_view id);

  // By category (open, active, inactive, closed), order, then name.
  [[nodiscard]] Result<std::vector<IssueStatus>> list_statuses(const AuthContext& actor,
                                                               const IssueStatusFilter& filter);
  [[nodiscard]] Result<IssueStatus> create_status(const AuthContext& actor,
                                                  const IssueStatusDraft& draft);
  // The category cannot change (400 on category); SYSTEM → 403.
  [[nodiscard]] Result<IssueStatus> update_status(const AuthContext& actor, std::string_view id,
                                                  const IssueStatusPatch& patch);
  // Soft delete. SYSTEM → 403; used by live issues, or the last active status of its
  // category → 409 DEPENDENCY_EXISTS.
  [[nodiscard]] Result<IssueStatus> delete_status(const AuthContext& actor, std::string_view id);
  [[nodiscard]] Result<IssueStatus> activate_status(const AuthContext& actor, std::string_view id);
  // `ids` must be exactly the category's active statuses; returns them with orders 1..n.
  [[nodiscard]] Result<std::vector<IssueStatus>> reorder_statuses(const AuthContext& actor,
                                                                  std::string_view category,
                                                                  const std::vector<std::string>& ids);

 private:
  Dependencies deps_;
};

}  // namespace traction
