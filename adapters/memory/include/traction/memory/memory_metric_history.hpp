#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

class MemoryMetricHistory final : public ports::MetricHistory {
 public:
  explicit MemoryMetricHistory(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Status record(std::string_view tenant, std::string_view name, Date date,
                double value) override;
  Result<std::optional<std::pair<Date, double>>> latest_on_or_before(std::string_view tenant,
                                                                     std::string_view name,
                                                                     Date date) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
