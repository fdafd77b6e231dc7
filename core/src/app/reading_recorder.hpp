#pragma once
// Internal: recording a KPI reading and its consequences, shared by POST /kpis/{id}/readings
// and POST /api/operations/kpi-updates.

#include "traction/domain/kpi_rules.hpp"
#include "write_scope.hpp"

namespace traction::detail {

// A live KPI of the actor's tenant, or KPI_NOT_FOUND.
[[nodiscard]] Result<Kpi> load_kpi(ports::Transaction& tx, std::string_view tenant, std::string_view id);

// Stores the reading (or replaces the period's reading when asked), re-computes every linked
// goal, publishes kpi.reading.created per linked goal and writes the feed entry.
[[nodiscard]] Result<KpiReading> record_reading(Scope& scope, const Kpi& kpi, const ReadingDraft& draft,
                                                std::string source_action_id = {});

}  // namespace traction::detail
