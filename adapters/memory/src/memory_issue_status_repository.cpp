#include "traction/memory/memory_issue_status_repository.hpp"

#include <algorithm>

#include "list_helpers.hpp"

namespace traction::memory {

Result<std::vector<IssueStatus>> MemoryIssueStatusRepository::list(std::string_view tenant) {
  std::vector<IssueStatus> out;
  const auto* state = tx_.find_tenant(tenant);
  if (state == nullptr) return out;
  for (const auto& [id, status] : state->issue_statuses) out.push_back(status);
  std::sort(out.begin(), out.end(), [](const IssueStatus& a, const IssueStatus& b) {
    if (a.category != b.category) return a.category < b.category;
    if (a.order != b.order) return a.order < b.order;
    if (const int c = compare_ci(a.name, b.name); c != 0) return c < 0;
    return a.id < b.id;
  });
  return out;
}

Result<std::optional<IssueStatus>> MemoryIssueStatusRepository::find(std::string_view tenant,
                                                                      std::string_view id) {
  const auto* status = find_row(tx_, &TenantState::issue_statuses, tenant, id);
  if (status == nullptr) return std::optional<IssueStatus>{};
  return std::optional<IssueStatus>{*status};
}

Status MemoryIssueStatusRepository::insert(const IssueStatus& status) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(status.tenant);
  if (state.issue_statuses.contains(status.id)) {
    return fail(ErrorCode::internal, "an issue status with this id already exists");
  }
  insert_row(tx_, state.issue_statuses, status.id, status);
  return {};
}

Status MemoryIssueStatusRepository::update(const IssueStatus& status) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto* row = find_row_for_write(tx_, &TenantState::issue_statuses, status.tenant, status.id);
  if (row == nullptr) return fail(ErrorCode::issue_status_not_found, "issue status not found");
  replace_row(tx_, *row, status);
  return {};
}

}  // namespace traction::memory
