#include "traction/memory/memory_audit_repository.hpp"

#include "list_helpers.hpp"
#include "newest_first.hpp"

namespace traction::memory {

Status MemoryAuditRepository::append(const AuditEntry& entry) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(entry.tenant);
  if (state.audit_ids.contains(entry.id)) {
    return fail(ErrorCode::internal, "an audit entry with this id already exists");
  }
  insert_key(tx_, state.audit_ids, entry.id);
  append_row(tx_, entry_for_write(tx_, state.audit, entry.goal_id), entry);
  return {};
}

Result<Page<AuditEntry>> MemoryAuditRepository::list(std::string_view tenant,
                                                     std::string_view goal_id,
                                                     const PageRequest& page) {
  const auto* rows = find_row(tx_, &TenantState::audit, tenant, goal_id);
  if (rows == nullptr) return paginate(std::vector<AuditEntry>{}, page);
  return paginate(newest_first(*rows, [](const AuditEntry& e) { return e.at; }), page);
}

}  // namespace traction::memory
