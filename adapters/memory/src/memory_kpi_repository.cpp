#include "traction/memory/memory_kpi_repository.hpp"

#include <algorithm>

#include "list_helpers.hpp"

namespace traction::memory {
namespace {

bool by_name(const Kpi& a, const Kpi& b) {
  if (const int c = compare_ci(a.name, b.name); c != 0) return c < 0;
  return a.id < b.id;
}

// The tenant's KPIs for which `keep` holds, by name.
template <class Keep>
std::vector<Kpi> tenant_kpis(const MemoryTxContext& tx, std::string_view tenant, Keep keep) {
  std::vector<Kpi> out;
  const auto* state = tx.find_tenant(tenant);
  if (state == nullptr) return out;
  for (const auto& [id, kpi] : state->kpis) {
    if (keep(kpi)) out.push_back(kpi);
  }
  std::sort(out.begin(), out.end(), by_name);
  return out;
}

const std::map<YearMonth, std::string>* periods_of(const TenantState& state,
                                                   std::string_view kpi_id) {
  const auto it = state.reading_periods.find(kpi_id);
  return it == state.reading_periods.end() ? nullptr : &it->second;
}

// Moves the (kpi, period) -> reading id index entry from `from` to `to`.
void index_reading(MemoryTxContext& tx, TenantState& state, const KpiReading* from,
                   const KpiReading& to) {
  if (from != nullptr) {
    auto& periods = state.reading_periods.find(from->kpi_id)->second;
    tx.apply([&periods, period = from->period] { periods.erase(period); },
             [&periods, period = from->period, id = from->id] { periods.emplace(period, id); });
  }
  auto& periods = entry_for_write(tx, state.reading_periods, to.kpi_id);
  tx.apply([&periods, &to] { periods.emplace(to.period, to.id); },
           [&periods, period = to.period] { periods.erase(period); });
}

}  // namespace

Result<std::optional<Kpi>> MemoryKpiRepository::find(std::string_view tenant,
                                                     std::string_view id) {
  const auto* kpi = find_row(tx_, &TenantState::kpis, tenant, id);
  if (kpi == nullptr) return std::optional<Kpi>{};
  return std::optional<Kpi>{*kpi};
}

Result<std::vector<Kpi>> MemoryKpiRepository::find_many(std::string_view tenant,
                                                        std::span<const std::string> ids) {
  std::vector<Kpi> out;
  StringSet seen;
  for (const auto& id : ids) {
    if (!seen.insert(id).second) continue;
    if (const auto* kpi = find_row(tx_, &TenantState::kpis, tenant, id)) out.push_back(*kpi);
  }
  return out;
}

Result<Page<Kpi>> MemoryKpiRepository::list(std::string_view tenant, const KpiQuery& query) {
  auto rows = tenant_kpis(tx_, tenant, [&](const Kpi& kpi) {
    if (query.category && kpi.category != *query.category) return false;
    if (query.owner_id && kpi.owner_id != *query.owner_id) return false;
    if (query.search && !contains_ci(kpi.name, *query.search) &&
        !contains_ci(kpi.description, *query.search)) {
      return false;
    }
    return true;
  });
  return paginate(std::move(rows), query.page);
}

Result<std::vector<Kpi>> MemoryKpiRepository::all(std::string_view tenant) {
  return tenant_kpis(tx_, tenant, [](const Kpi&) { return true; });
}

Status MemoryKpiRepository::insert(const Kpi& kpi) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(kpi.tenant);
  if (state.kpis.contains(kpi.id)) {
    return fail(ErrorCode::internal, "a KPI with this id already exists");
  }
  insert_row(tx_, state.kpis, kpi.id, kpi);
  return {};
}

Status MemoryKpiRepository::update(const Kpi& kpi) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto* row = find_row_for_write(tx_, &TenantState::kpis, kpi.tenant, kpi.id);
  if (row == nullptr) return fail(ErrorCode::kpi_not_found, "KPI not found");
  replace_row(tx_, *row, kpi);
  return {};
}

Result<std::optional<KpiReading>> MemoryKpiRepository::find_reading(std::string_view tenant,
                                                                    std::string_view kpi_id,
                                                                    YearMonth period) {
  const auto* state = tx_.find_tenant(tenant);
  if (state == nullptr) return std::optional<KpiReading>{};
  const auto* periods = periods_of(*state, kpi_id);
  if (periods == nullptr) return std::optional<KpiReading>{};
  const auto it = periods->find(period);
  if (it == periods->end()) return std::optional<KpiReading>{};
  return std::optional<KpiReading>{state->readings.find(it->second)->second};
}

Status MemoryKpiRepository::insert_reading(const KpiReading& reading) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(reading.tenant);
  if (state.readings.contains(reading.id)) {
    return fail(ErrorCode::internal, "a KPI reading with this id already exists");
  }
  const auto* periods = periods_of(state, reading.kpi_id);
  if (periods != nullptr && periods->contains(reading.period)) {
    return fail(ErrorCode::duplicate_reading, "the KPI already has a reading for this period");
  }
  insert_row(tx_, state.readings, reading.id, reading);
  index_reading(tx_, state, nullptr, state.readings.find(reading.id)->second);
  return {};
}

Status MemoryKpiRepository::replace_reading(const KpiReading& reading) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto* state = tx_.find_tenant_for_write(reading.tenant);
  if (state == nullptr) return fail(ErrorCode::not_found, "KPI reading not found");
  const auto row = state->readings.find(reading.id);
  if (row == state->readings.end()) return fail(ErrorCode::not_found, "KPI reading not found");
  auto& stored = row->second;
  const bool moves = stored.kpi_id != reading.kpi_id || stored.period != reading.period;
  if (!moves) {
    replace_row(tx_, stored, reading);
    return {};
  }
  const auto* periods = periods_of(*state, reading.kpi_id);
  if (periods != nullptr && periods->contains(reading.period)) {
    return fail(ErrorCode::duplicate_reading, "the KPI already has a reading for this period");
  }
  const KpiReading before = stored;
  replace_row(tx_, stored, reading);
  index_reading(tx_, *state, &before, stored);
  return {};
}

Result<Page<KpiReading>> MemoryKpiRepository::readings(std::string_view tenant,
                                                       std::string_view kpi_id,
                                                       const ReadingQuery& query) {
  std::vector<KpiReading> rows;
  const auto* state = tx_.find_tenant(tenant);
  const auto* periods = state == nullptr ? nullptr : periods_of(*state, kpi_id);
  if (periods != nullptr) {
    for (auto it = periods->rbegin(); it != periods->rend(); ++it) {
      if (query.start && it->first < *query.start) continue;
      if (query.end && it->first > *query.end) continue;
      rows.push_back(state->readings.find(it->second)->second);
    }
  }
  return paginate(std::move(rows), query.page);
}

Result<std::vector<KpiReading>> MemoryKpiRepository::latest_readings(
    std::string_view tenant, std::span<const std::string> kpi_ids) {
  std::vector<KpiReading> out;
  const auto* state = tx_.find_tenant(tenant);
  if (state == nullptr) return out;
  StringSet seen;
  for (const auto& kpi_id : kpi_ids) {
    if (!seen.insert(kpi_id).second) continue;
    const auto* periods = periods_of(*state, kpi_id);
    if (periods == nullptr || periods->empty()) continue;
    out.push_back(state->readings.find(periods->rbegin()->second)->second);
  }
  return out;
}

}  // namespace traction::memory
