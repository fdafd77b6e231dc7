#pragma once

#include "sql.hpp"
#include "traction/ports/repositories.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

// The persisted event log SSE replays from (`events`). Ids come from an AUTOINCREMENT key,
// so they ascend across the store and are never reused once committed. The payload
// variant is kept in typed columns, one set per alternative, named by `kind`.
class SqliteEventLog final : public ports::EventLog {
 public:
  explicit SqliteEventLog(TxContext& tx) noexcept : tx_(tx) {}
  Status append(DomainEvent& event) override;
  Result<std::vector<DomainEvent>> since(std::string_view tenant,
                                         std::optional<std::string_view> goal_id,
                                         std::int64_t after_id, std::size_t limit) override;

 private:
  TxContext& tx_;
};

}  // namespace traction::sqlite
