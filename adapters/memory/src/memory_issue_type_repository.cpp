#include "traction/memory/memory_issue_type_repository.hpp"

#include <algorithm>

#include "list_helpers.hpp"

namespace traction::memory {

Result<std::vector<IssueType>> MemoryIssueTypeRepository::list(std::string_view tenant) {
  std::vector<IssueType> out;
  const auto* state = tx_.find_tenant(tenant);
  if (state == nullptr) return out;
  for (const auto& [id, type] : state->issue_types) out.push_back(type);
  std::sort(out.begin(), out.end(), [](const IssueType& a, const IssueType& b) {
    if (a.order != b.order) return a.order < b.order;
    if (const int c = compare_ci(a.name, b.name); c != 0) return c < 0;
    return a.id < b.id;
  });
  return out;
}

Result<std::optional<IssueType>> MemoryIssueTypeRepository::find(std::string_view tenant,
                                                                  std::string_view id) {
  const auto* type = find_row(tx_, &TenantState::issue_types, tenant, id);
  if (type == nullptr) return std::optional<IssueType>{};
  return std::optional<IssueType>{*type};
}

Status MemoryIssueTypeRepository::insert(const IssueType& type) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(type.tenant);
  if (state.issue_types.contains(type.id)) {
    return fail(ErrorCode::internal, "an issue type with this id already exists");
  }
  insert_row(tx_, state.issue_types, type.id, type);
  return {};
}

Status MemoryIssueTypeRepository::update(const IssueType& type) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto* row = find_row_for_write(tx_, &TenantState::issue_types, type.tenant, type.id);
  if (row == nullptr) return fail(ErrorCode::issue_type_not_found, "issue type not found");
  replace_row(tx_, *row, type);
  return {};
}

}  // namespace traction::memory
