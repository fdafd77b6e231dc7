#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// A goal's audit log: newest first, ties (same time) by later insert first.
class MemoryAuditRepository final : public ports::AuditRepository {
 public:
  explicit MemoryAuditRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Status append(const AuditEntry& entry) override;
  Result<Page<AuditEntry>> list(std::string_view tenant, std::string_view goal_id,
                                const PageRequest& page) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
