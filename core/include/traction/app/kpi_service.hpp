#pragma once
// The KPI catalog and readings (001 "KPI Management"). A new reading re-computes the
// progress of every goal linked to the KPI (and their ancestors) in the same transaction
// and publishes kpi.reading.created to each of those goals' live feeds.

#include <string_view>
#include <vector>

#include "traction/app/dependencies.hpp"
#include "traction/auth.hpp"
#include "traction/domain/kpi_rules.hpp"
#include "traction/domain/page.hpp"
#include "traction/ports/queries.hpp"

namespace traction {

inline constexpr std::int64_t kpi_detail_readings = 100;

struct KpiDetail {
  Kpi kpi;
  std::vector<KpiReading> readings;  // newest period first, at most kpi_detail_readings
};

class KpiService {
 public:
  explicit KpiService(Dependencies deps) : deps_(deps) {}

  [[nodiscard]] Result<Page<Kpi>> list(const AuthContext& actor, const KpiQuery& query);
  [[nodiscard]] Result<KpiDetail> get(const AuthContext& actor, std::string_view id);
  [[nodiscard]] Result<Kpi> create(const AuthContext& actor, const KpiDraft& draft);
  [[nodiscard]] Result<Page<KpiReading>> readings(const AuthContext& actor, std::string_view kpi_id,
                                                  const ReadingQuery& query);
  // DUPLICATE_READING for a second reading of a period unless draft.replace.
  [[nodiscard]] Result<KpiReading> add_reading(const AuthContext& actor, std::string_view kpi_id,
                                               const ReadingDraft& draft);

 private:
  Dependencies deps_;
};

}  // namespace traction
