#include "sqlite_metric_history.hpp"

#include "sqlite_error.hpp"

namespace traction::sqlite {

Status SqliteMetricHistory::record(std::string_view tenant, std::string_view name, Date date,
                                   double value) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "INSERT INTO metrics (tenant, name, date, value) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (tenant, name, date) DO UPDATE SET value = excluded.value");
    Binder(*st).text(tenant).text(name).date(date).real(value);
    st->exec();
    return {};
  });
}

Result<std::optional<std::pair<Date, double>>> SqliteMetricHistory::latest_on_or_before(
    std::string_view tenant, std::string_view name, Date date) {
  using Found = std::optional<std::pair<Date, double>>;
  return guarded([&]() -> Result<Found> {
    auto st = tx_.statement(
        "SELECT date, value FROM metrics WHERE tenant = ? AND name = ? AND date <= ? "
        "ORDER BY date DESC LIMIT 1");
    Binder(*st).text(tenant).text(name).date(date);
    if (!st->executeStep()) return Found{};
    Row r(*st);
    const auto day = r.date();
    const auto value = r.real();
    return Found{std::pair<Date, double>{day, value}};
  });
}

}  // namespace traction::sqlite
