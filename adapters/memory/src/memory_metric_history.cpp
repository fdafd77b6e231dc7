#include "traction/memory/memory_metric_history.hpp"

namespace traction::memory {

Status MemoryMetricHistory::record(std::string_view tenant, std::string_view name, Date date,
                                   double value) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& series = entry_for_write(tx_, tx_.tenant_for_write(tenant).metrics, name);
  if (auto it = series.find(date); it != series.end()) {
    replace_row(tx_, it->second, value);
    return {};
  }
  tx_.apply([&] { series.emplace(date, value); }, [&series, date] { series.erase(date); });
  return {};
}

Result<std::optional<std::pair<Date, double>>> MemoryMetricHistory::latest_on_or_before(
    std::string_view tenant, std::string_view name, Date date) {
  using Found = std::optional<std::pair<Date, double>>;
  const auto* series = find_row(tx_, &TenantState::metrics, tenant, name);
  if (series == nullptr) return Found{};
  auto it = series->upper_bound(date);
  if (it == series->begin()) return Found{};
  --it;
  return Found{std::pair<Date, double>{it->first, it->second}};
}

}  // namespace traction::memory
