#pragma once

#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::memory {

// The KPI catalog and its readings (one per KPI and period). Lists order KPIs by name
// (case-insensitive), then id. A second reading for a (KPI, period) that has one fails
// with DUPLICATE_READING; replacing a reading that does not exist fails with NOT_FOUND.
class MemoryKpiRepository final : public ports::KpiRepository {
 public:
  explicit MemoryKpiRepository(MemoryTxContext& tx) noexcept : tx_(tx) {}

  Result<std::optional<Kpi>> find(std::string_view tenant, std::string_view id) override;
  Result<std::vector<Kpi>> find_many(std::string_view tenant,
                                     std::span<const std::string> ids) override;
  Result<Page<Kpi>> list(std::string_view tenant, const KpiQuery& query) override;
  Result<std::vector<Kpi>> all(std::string_view tenant) override;
  Status insert(const Kpi& kpi) override;
  Status update(const Kpi& kpi) override;

  Result<std::optional<KpiReading>> find_reading(std::string_view tenant, std::string_view kpi_id,
                                                 YearMonth period) override;
  Status insert_reading(const KpiReading& reading) override;
  Status replace_reading(const KpiReading& reading) override;
  Result<Page<KpiReading>> readings(std::string_view tenant, std::string_view kpi_id,
                                    const ReadingQuery& query) override;
  Result<std::vector<KpiReading>> latest_readings(std::string_view tenant,
                                                  std::span<const std::string> kpi_ids) override;

 private:
  MemoryTxContext& tx_;
};

}  // namespace traction::memory
