#include "sqlite_kpi_repository.hpp"

#include <unordered_map>
#include <unordered_set>

#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

constexpr std::string_view kpi_columns =
    "k.tenant, k.id, k.name, k.description, k.category, k.unit, k.direction, k.formula, "
    "k.is_shared, k.owner_id, k.created_at, k.updated_at, k.created_by";

constexpr std::string_view kpi_order = " ORDER BY k.name COLLATE NOCASE, k.id";

Kpi read_kpi(const SQLite::Statement& s) {
  Row r(s);
  Kpi k;
  k.tenant = r.text();
  k.id = r.text();
  k.name = r.text();
  k.description = r.text();
  k.category = r.text();
  k.unit = r.text();
  k.direction = r.enumeration(direction_text);
  k.formula = r.text();
  k.is_shared = r.boolean();
  k.owner_id = r.text();
  k.created_at = r.time();
  k.updated_at = r.time();
  k.created_by = r.text();
  return k;
}

constexpr std::string_view reading_columns =
    "r.tenant, r.id, r.kpi_id, r.period, r.value, r.adjusted_value, r.reason, "
    "r.source_action_id, r.created_at, r.created_by";

KpiReading read_reading(const SQLite::Statement& s) {
  Row r(s);
  KpiReading k;
  k.tenant = r.text();
  k.id = r.text();
  k.kpi_id = r.text();
  k.period = r.period();
  k.value = r.real();
  k.adjusted_value = r.opt_real();
  k.reason = r.text();
  k.source_action_id = r.text();
  k.created_at = r.time();
  k.created_by = r.text();
  return k;
}

// The ids, each once, in the order first given.
std::vector<std::string> unique_ids(std::span<const std::string> ids) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;
  for (const auto& id : ids) {
    if (seen.insert(id).second) out.push_back(id);
  }
  return out;
}

}  // namespace

std::vector<Kpi> SqliteKpiRepository::select_kpis(const std::string& sql, const Filter& filter) {
  std::vector<Kpi> out;
  auto st = tx_.statement(sql);
  Binder b(*st);
  filter.bind(b);
  while (st->executeStep()) out.push_back(read_kpi(*st));
  return out;
}

std::vector<KpiReading> SqliteKpiRepository::select_readings(const std::string& sql,
                                                             const Filter& filter) {
  std::vector<KpiReading> out;
  auto st = tx_.statement(sql);
  Binder b(*st);
  filter.bind(b);
  while (st->executeStep()) out.push_back(read_reading(*st));
  return out;
}

Result<std::optional<Kpi>> SqliteKpiRepository::find(std::string_view tenant,
                                                     std::string_view id) {
  return guarded([&]() -> Result<std::optional<Kpi>> {
    Filter f("k.tenant = ? AND k.id = ?");
    f.value(std::string(tenant)).value(std::string(id));
    auto rows = select_kpis("SELECT " + std::string(kpi_columns) + " FROM kpis k WHERE " + f.sql(), f);
    if (rows.empty()) return std::optional<Kpi>{};
    return std::optional<Kpi>{std::move(rows.front())};
  });
}

Result<std::vector<Kpi>> SqliteKpiRepository::find_many(std::string_view tenant,
                                                        std::span<const std::string> ids) {
  return guarded([&]() -> Result<std::vector<Kpi>> {
    const auto wanted = unique_ids(ids);
    if (wanted.empty()) return std::vector<Kpi>{};
    Filter f("k.tenant = ? AND k.id IN (SELECT value FROM json_each(?))");
    f.value(std::string(tenant)).value(json_string_array(wanted));
    auto rows = select_kpis("SELECT " + std::string(kpi_columns) + " FROM kpis k WHERE " + f.sql(), f);
    std::unordered_map<std::string, Kpi> by_id;
    for (auto& k : rows) by_id.emplace(k.id, std::move(k));
    std::vector<Kpi> out;
    for (const auto& id : wanted) {
      if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
    }
    return out;
  });
}

Result<Page<Kpi>> SqliteKpiRepository::list(std::string_view tenant, const KpiQuery& query) {
  return guarded([&]() -> Result<Page<Kpi>> {
    Filter f("k.tenant = ?");
    f.value(std::string(tenant));
    if (query.category) f.add("k.category = ?", *query.category).narrowing();
    if (query.owner_id) f.add("k.owner_id = ?", *query.owner_id).narrowing();
    if (query.search) {
      if (auto candidates = trigram_query(*query.search)) {
        f.join("JOIN kpis_fts ON kpis_fts.rowid = k.row_id");
        f.add("kpis_fts MATCH ?", *candidates).narrowing();
      }
      auto pattern = like_contains_pattern(*query.search);
      f.add("(k.name LIKE ? ESCAPE '\\' OR k.description LIKE ? ESCAPE '\\')", pattern, pattern);
    }
    Page<Kpi> page;
    {
      auto st = tx_.statement("SELECT COUNT(*) FROM kpis k" + f.joins() + " WHERE " + f.sql());
      Binder b(*st);
      f.bind(b);
      if (st->executeStep()) page.total = st->getColumn(0).getInt64();
    }
    const auto window = limit_offset(query.page.page, query.page.size);
    if (!window || page.total == 0) return page;
    Filter paged = f;
    paged.value(window->limit).value(window->offset);
    page.items = select_kpis("SELECT " + std::string(kpi_columns) + " FROM kpis k" + f.joins() +
                                 " WHERE " + f.sql() +
                                 (f.narrowed() ? " ORDER BY +k.name COLLATE NOCASE, k.id"
                                               : std::string(kpi_order)) +
                                 " LIMIT ? OFFSET ?",
                             paged);
    return page;
  });
}

Result<std::vector<Kpi>> SqliteKpiRepository::all(std::string_view tenant) {
  return guarded([&]() -> Result<std::vector<Kpi>> {
    Filter f("k.tenant = ?");
    f.value(std::string(tenant));
    return select_kpis("SELECT " + std::string(kpi_columns) + " FROM kpis k WHERE " + f.sql() +
                           std::string(kpi_order),
                       f);
  });
}

Status SqliteKpiRepository::insert(const Kpi& kpi) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "INSERT INTO kpis (tenant, id, name, description, category, unit, direction, formula, "
        "is_shared, owner_id, created_at, updated_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, id) DO NOTHING");
    Binder(*st)
        .text(kpi.tenant)
        .text(kpi.id)
        .text(kpi.name)
        .text(kpi.description)
        .text(kpi.category)
        .text(kpi.unit)
        .enumeration(direction_text, kpi.direction)
        .text(kpi.formula)
        .boolean(kpi.is_shared)
        .text(kpi.owner_id)
        .time(kpi.created_at)
        .time(kpi.updated_at)
        .text(kpi.created_by);
    if (st->exec() == 0) return fail(ErrorCode::internal, "a KPI with this id already exists");
    return {};
  });
}

Status SqliteKpiRepository::update(const Kpi& kpi) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "UPDATE kpis SET name = ?, description = ?, category = ?, unit = ?, direction = ?, "
        "formula = ?, is_shared = ?, owner_id = ?, created_at = ?, updated_at = ?, "
        "created_by = ? WHERE tenant = ? AND id = ?");
    Binder(*st)
        .text(kpi.name)
        .text(kpi.description)
        .text(kpi.category)
        .text(kpi.unit)
        .enumeration(direction_text, kpi.direction)
        .text(kpi.formula)
        .boolean(kpi.is_shared)
        .text(kpi.owner_id)
        .time(kpi.created_at)
        .time(kpi.updated_at)
        .text(kpi.created_by)
        .text(kpi.tenant)
        .text(kpi.id);
    if (st->exec() == 0) return fail(ErrorCode::kpi_not_found, "KPI not found");
    return {};
  });
}

Result<std::optional<KpiReading>> SqliteKpiRepository::find_reading(std::string_view tenant,
                                                                    std::string_view kpi_id,
                                                                    YearMonth period) {
  return guarded([&]() -> Result<std::optional<KpiReading>> {
    Filter f("r.tenant = ? AND r.kpi_id = ? AND r.period = ?");
    f.value(std::string(tenant)).value(std::string(kpi_id)).value(to_db(period));
    auto rows = select_readings(
        "SELECT " + std::string(reading_columns) + " FROM kpi_readings r WHERE " + f.sql(), f);
    if (rows.empty()) return std::optional<KpiReading>{};
    return std::optional<KpiReading>{std::move(rows.front())};
  });
}

bool SqliteKpiRepository::period_taken(const KpiReading& reading) {
  auto st = tx_.statement(
      "SELECT 1 FROM kpi_readings WHERE tenant = ? AND kpi_id = ? AND period = ? AND id <> ?");
  Binder(*st).text(reading.tenant).text(reading.kpi_id).period(reading.period).text(reading.id);
  return st->executeStep();
}

Status SqliteKpiRepository::insert_reading(const KpiReading& reading) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    {
      auto st = tx_.statement("SELECT 1 FROM kpi_readings WHERE tenant = ? AND id = ?");
      Binder(*st).text(reading.tenant).text(reading.id);
      if (st->executeStep()) {
        return fail(ErrorCode::internal, "a KPI reading with this id already exists");
      }
    }
    if (period_taken(reading)) {
      return fail(ErrorCode::duplicate_reading, "the KPI already has a reading for this period");
    }
    auto st = tx_.statement(
        "INSERT INTO kpi_readings (tenant, id, kpi_id, period, value, adjusted_value, reason, "
        "source_action_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Binder(*st)
        .text(reading.tenant)
        .text(reading.id)
        .text(reading.kpi_id)
        .period(reading.period)
        .real(reading.value)
        .opt_real(reading.adjusted_value)
        .text(reading.reason)
        .text(reading.source_action_id)
        .time(reading.created_at)
        .text(reading.created_by);
    st->exec();
    return {};
  });
}

Status SqliteKpiRepository::replace_reading(const KpiReading& reading) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    {
      auto st = tx_.statement("SELECT 1 FROM kpi_readings WHERE tenant = ? AND id = ?");
      Binder(*st).text(reading.tenant).text(reading.id);
      if (!st->executeStep()) return fail(ErrorCode::not_found, "KPI reading not found");
    }
    if (period_taken(reading)) {
      return fail(ErrorCode::duplicate_reading, "the KPI already has a reading for this period");
    }
    auto st = tx_.statement(
        "UPDATE kpi_readings SET kpi_id = ?, period = ?, value = ?, adjusted_value = ?, "
        "reason = ?, source_action_id = ?, created_at = ?, created_by = ? "
        "WHERE tenant = ? AND id = ?");
    Binder(*st)
        .text(reading.kpi_id)
        .period(reading.period)
        .real(reading.value)
        .opt_real(reading.adjusted_value)
        .text(reading.reason)
        .text(reading.source_action_id)
        .time(reading.created_at)
        .text(reading.created_by)
        .text(reading.tenant)
        .text(reading.id);
    st->exec();
    return {};
  });
}

Result<Page<KpiReading>> SqliteKpiRepository::readings(std::string_view tenant,
                                                       std::string_view kpi_id,
                                                       const ReadingQuery& query) {
  return guarded([&]() -> Result<Page<KpiReading>> {
    Filter f("r.tenant = ? AND r.kpi_id = ?");
    f.value(std::string(tenant)).value(std::string(kpi_id));
    if (query.start) f.add("r.period >= ?", to_db(*query.start));
    if (query.end) f.add("r.period <= ?", to_db(*query.end));
    Page<KpiReading> page;
    {
      auto st = tx_.statement("SELECT COUNT(*) FROM kpi_readings r WHERE " + f.sql());
      Binder b(*st);
      f.bind(b);
      if (st->executeStep()) page.total = st->getColumn(0).getInt64();
    }
    const auto window = limit_offset(query.page.page, query.page.size);
    if (!window || page.total == 0) return page;
    Filter paged = f;
    paged.value(window->limit).value(window->offset);
    page.items = select_readings("SELECT " + std::string(reading_columns) +
                                     " FROM kpi_readings r WHERE " + f.sql() +
                                     " ORDER BY r.period DESC LIMIT ? OFFSET ?",
                                 paged);
    return page;
  });
}

Result<std::vector<KpiReading>> SqliteKpiRepository::latest_readings(
    std::string_view tenant, std::span<const std::string> kpi_ids) {
  return guarded([&]() -> Result<std::vector<KpiReading>> {
    const auto wanted = unique_ids(kpi_ids);
    if (wanted.empty()) return std::vector<KpiReading>{};
    // The reading of each KPI's greatest period (one per KPI and period). Driven from the
    // id list, each KPI is one seek on (tenant, kpi_id, period); written as
    // `r.kpi_id IN (SELECT ...)` the planner scanned every reading of the tenant instead.
    // The parameters are in SQL order: the id list (FROM) first, then the tenants.
    Filter f("r.tenant = ? AND r.kpi_id = j.value AND r.period = (SELECT MAX(m.period) FROM "
             "kpi_readings m WHERE m.tenant = ? AND m.kpi_id = j.value)");
    f.value(json_string_array(wanted)).value(std::string(tenant)).value(std::string(tenant));
    auto rows = select_readings("SELECT " + std::string(reading_columns) +
                                    " FROM json_each(?) j CROSS JOIN kpi_readings r WHERE " + f.sql(),
                                f);
    std::unordered_map<std::string, KpiReading> by_kpi;
    for (auto& r : rows) by_kpi.emplace(r.kpi_id, std::move(r));
    std::vector<KpiReading> out;
    for (const auto& id : wanted) {
      if (auto it = by_kpi.find(id); it != by_kpi.end()) out.push_back(std::move(it->second));
    }
    return out;
  });
}

}  // namespace traction::sqlite
