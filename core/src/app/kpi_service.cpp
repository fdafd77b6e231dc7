#include "traction/app/kpi_service.hpp"

#include <fmt/format.h>

#include "reading_recorder.hpp"

namespace traction {

Result<Page<Kpi>> KpiService::list(const AuthContext& actor, const KpiQuery& query) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) { return tx.kpis().list(actor.tenant, query); });
}

Result<KpiDetail> KpiService::get(const AuthContext& actor, std::string_view id) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<KpiDetail> {
    auto kpi = detail::load_kpi(tx, actor.tenant, id);
    if (!kpi) return fail(kpi.error());
    auto readings = tx.kpis().readings(actor.tenant, id, ReadingQuery{PageRequest{1, kpi_detail_readings}, {}, {}});
    if (!readings) return fail(readings.error());
    return KpiDetail{std::move(*kpi), std::move(readings->items)};
  });
}

Result<Kpi> KpiService::create(const AuthContext& actor, const KpiDraft& draft) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Kpi> {
    detail::Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto kpi = make_kpi(draft, actor, deps_.ids.next(), scope.now);
    if (!kpi) return kpi;
    if (auto s = tx.kpis().insert(*kpi); !s) return fail(s.error());
    if (auto s = detail::record_feed(scope, "kpi_created", "kpi", kpi->id, kpi->name,
                                     fmt::format("KPI \"{}\" created", kpi->name));
        !s) {
      return fail(s.error());
    }
    return kpi;
  });
}

Result<Page<KpiReading>> KpiService::readings(const AuthContext& actor, std::string_view kpi_id,
                                              const ReadingQuery& query) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Page<KpiReading>> {
    auto kpi = detail::load_kpi(tx, actor.tenant, kpi_id);
    if (!kpi) return fail(kpi.error());
    return tx.kpis().readings(actor.tenant, kpi_id, query);
  });
}

Result<KpiReading> KpiService::add_reading(const AuthContext& actor, std::string_view kpi_id,
                                           const ReadingDraft& draft) {
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<KpiReading> {
    detail::Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto kpi = detail::load_kpi(tx, actor.tenant, kpi_id);
    if (!kpi) return fail(kpi.error());
    return detail::record_reading(scope, *kpi, draft);
  });
}

}  // namespace traction
