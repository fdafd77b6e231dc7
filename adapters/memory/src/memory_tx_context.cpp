#include "traction/memory/memory_tx_context.hpp"

namespace traction::memory {

Status MemoryTxContext::check_writable() const {
  if (read_only_) return fail(ErrorCode::internal, "read-only transaction");
  return {};
}

const TenantState* MemoryTxContext::find_tenant(std::string_view tenant) const {
  const auto it = state_.tenants.find(tenant);
  return it == state_.tenants.end() ? nullptr : &it->second;
}

TenantState* MemoryTxContext::find_tenant_for_write(std::string_view tenant) {
  const auto it = state_.tenants.find(tenant);
  return it == state_.tenants.end() ? nullptr : &it->second;
}

TenantState& MemoryTxContext::tenant_for_write(std::string_view tenant) {
  return entry_for_write(*this, state_.tenants, tenant);
}

void MemoryTxContext::rollback() noexcept {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    try {
      (*it)();
    } catch (...) {
      // An undo step only restores values it copied; keep going with the others.
    }
  }
  undo_.clear();
  events_.clear();
}

void MemoryTxContext::add_event(const DomainEvent& event) { events_.push_back(event); }

void insert_key(MemoryTxContext& tx, StringSet& keys, const std::string& key) {
  tx.apply([&] { keys.insert(key); }, [&keys, key] { keys.erase(key); });
}

}  // namespace traction::memory
