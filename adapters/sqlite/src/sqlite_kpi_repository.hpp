#pragma once

#include "sql.hpp"
#include "traction/ports/repositories.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

// The KPI catalog (`kpis`) and its readings (`kpi_readings`, one per KPI and period).
// Lists and all() order by name (ASCII case-insensitive), ties by id; find_many() and
// latest_readings() answer in the order of the ids asked for (each once); readings()
// newest period first.
class SqliteKpiRepository final : public ports::KpiRepository {
 public:
  explicit SqliteKpiRepository(TxContext& tx) noexcept : tx_(tx) {}

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
  std::vector<Kpi> select_kpis(const std::string& sql, const Filter& filter);
  std::vector<KpiReading> select_readings(const std::string& sql, const Filter& filter);
  bool period_taken(const KpiReading& reading);

  TxContext& tx_;
};

}  // namespace traction::sqlite
