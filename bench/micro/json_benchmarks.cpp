// The HTTP adapter's goal JSON (adapters/http/src/routes/goal_json.hpp): a goal with 10
// strategies and 10 linked KPIs, mapped to Boost.JSON and serialized.
#include <benchmark/benchmark.h>

#include <boost/json/serialize.hpp>

#include "routes/goal_json.hpp"

namespace traction::bench {
namespace {

GoalView rich_goal() {
  const Timestamp now = start_of(Date{std::chrono::year{2025} / std::chrono::June / 1});
  GoalView view;
  auto& g = view.goal;
  g.id = "3f0c2a9e-6b1d-4c8e-9a57-1d2e3f4a5b6c";
  g.tenant = "bench";
  g.title = "Increase net revenue retention to 115%";
  g.intent = "Grow revenue from the installed base: expansion, fewer downgrades, lower churn.";
  g.owner_id = "user-17";
  g.owner_name = "Ada Lovelace";
  g.level = GoalLevel::division;
  g.parent_id = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";
  g.horizon = Horizon::year;
  g.start_date = date_of(now) - std::chrono::days(60);
  g.end_date = date_of(now) + std::chrono::days(300);
  g.status = GoalStatus::active;
  g.value_tags = {"growth", "retention"};
  g.metadata_json = R"({"source":"bench","board":"q3"})";
  g.progress = 42.5;
  g.progress_basis = ProgressBasis::kpis;
  g.last_calculated_at = now;
  g.created_at = now;
  g.updated_at = now;
  g.created_by = "user-17";
  g.updated_by = "user-17";
  g.version = 7;
  for (int i = 0; i < 10; ++i) {
    Strategy s;
    s.id = "strategy-" + std::to_string(i);
    s.goal_id = g.id;
    s.description = "Run a quarterly expansion campaign for segment " + std::to_string(i);
    s.status = static_cast<StrategyStatus>(i % 3);
    s.order = i + 1;
    s.created_at = now;
    s.updated_at = now;
    g.strategies.push_back(s);

    GoalKpiView kv;
    kv.link.id = "link-" + std::to_string(i);
    kv.link.kpi_id = "kpi-" + std::to_string(i);
    kv.link.threshold_pct = 70;
    kv.link.weight = 1;
    kv.link.target = 1000.0 + i;
    kv.link.created_at = now;
    Kpi kpi;
    kpi.id = kv.link.kpi_id;
    kpi.tenant = "bench";
    kpi.name = "Net revenue retention " + std::to_string(i);
    kpi.description = "Revenue kept from last year's customers";
    kpi.category = "Revenue";
    kpi.unit = "%";
    kpi.created_at = now;
    kpi.updated_at = now;
    kv.kpi = kpi;
    kv.current_value = 512.25 + i;
    kv.current_period = "2025-05";
    kv.progress = 51.2;
    g.kpi_links.push_back(kv.link);
    view.kpis.push_back(std::move(kv));
  }
  return view;
}

void BM_GoalJson10x10(benchmark::State& state) {
  const auto view = rich_goal();
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto value = boost::json::value_from(view);
    auto text = boost::json::serialize(value);
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.SetLabel(std::to_string(bytes) + " bytes; value_from + serialize");
}
BENCHMARK(BM_GoalJson10x10)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace traction::bench
