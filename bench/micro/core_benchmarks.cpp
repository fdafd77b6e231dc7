// Pure core: no store, no I/O. The status machine, the roll-up arithmetic along one path,
// the forecast, and the analytics formulas over 100k goals.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "fixtures.hpp"
#include "traction/domain/analytics.hpp"
#include "traction/domain/forecast.hpp"
#include "traction/domain/goal_status.hpp"
#include "traction/domain/progress.hpp"

namespace traction::bench {

SeedSpec tree_100k_spec(int history_points) {
  SeedSpec spec;
  spec.roots = 100;
  spec.fanout = {9, 10, 10};
  spec.history_points = history_points;
  spec.issues = 0;
  return spec;
}

const MemoryTree& memory_tree_100k() {
  static const MemoryTree tree = [] {
    MemoryTree t;
    t.spec = tree_100k_spec(10);
    t.store = std::make_unique<memory::MemoryStore>();
    auto seeded = seed_store(*t.store, t.spec);
    if (!seeded) {
      std::fprintf(stderr, "seeding the memory store failed: %s\n", seeded.error().message.c_str());
      std::abort();
    }
    t.seeded = std::move(*seeded);
    auto status = t.store->read([&](ports::Transaction& tx) -> Status {
      auto all = tx.goals().all(t.spec.tenant);
      if (!all) return fail(all.error());
      t.goals = std::move(*all);
      return {};
    });
    if (!status) std::abort();
    return t;
  }();
  return tree;
}

namespace {

const Timestamp bench_now = start_of(Date{std::chrono::year{2025} / std::chrono::June / 1}) + std::chrono::hours(10);

// --- status transition ------------------------------------------------------------------

void BM_StatusTransition(benchmark::State& state) {
  Goal goal;
  goal.id = "g-1";
  goal.title = "Grow revenue";
  goal.status = GoalStatus::active;
  const std::optional<std::string> no_reason;
  for (auto _ : state) {
    auto paused = pause_goal(goal, no_reason, bench_now);
    auto resumed = activate_goal(goal, no_reason, bench_now);
    benchmark::DoNotOptimize(paused);
    benchmark::DoNotOptimize(resumed);
  }
  state.SetItemsProcessed(state.iterations() * 2);  // transitions
  state.SetLabel("per pause+activate pair; items = transitions");
}
BENCHMARK(BM_StatusTransition);

void BM_StatusTransitionWithReason(benchmark::State& state) {
  Goal goal;
  goal.status = GoalStatus::active;
  const std::optional<std::string> reason{"Quarterly planning moved the work"};
  for (auto _ : state) {
    auto paused = pause_goal(goal, reason, bench_now);
    auto resumed = activate_goal(goal, reason, bench_now);
    benchmark::DoNotOptimize(paused);
    benchmark::DoNotOptimize(resumed);
  }
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_StatusTransitionWithReason);

// --- roll-up arithmetic along one leaf-to-root path (no store) --------------------------

void BM_RollupPathDomain100k(benchmark::State& state) {
  const auto& tree = memory_tree_100k();
  std::unordered_map<std::string, Goal> by_id;
  by_id.reserve(tree.goals.size());
  for (const auto& g : tree.goals) by_id.emplace(g.id, g);
  const auto& leaves = tree.seeded.leaf_ids;
  std::size_t next = 0;
  double value = 10;
  for (auto _ : state) {
    auto& leaf = by_id.at(leaves[next]);
    next = (next + 7919) % leaves.size();
    value = value == 10 ? 90 : 10;
    const double before = leaf.progress;
    leaf.entered_progress = value;
    leaf.progress = compute_progress(leaf, {}).progress;
    double child_before = before;
    double child_after = leaf.progress;
    auto parent_id = leaf.parent_id;
    while (parent_id && child_before != child_after) {
      auto& parent = by_id.at(*parent_id);
      child_progress_changed(parent, child_before, child_after);
      child_before = parent.progress;
      parent.progress = compute_progress(parent, {}).progress;
      child_after = parent.progress;
      parent_id = parent.parent_id;
    }
    benchmark::DoNotOptimize(child_after);
  }
  state.SetLabel("leaf + 3 ancestors, hash lookups, no store");
}
BENCHMARK(BM_RollupPathDomain100k)->Unit(benchmark::kNanosecond);

// --- forecast ---------------------------------------------------------------------------

void BM_Forecast(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Date today{std::chrono::year{2025} / std::chrono::June / 1};
  std::vector<ProgressPoint> history;
  history.reserve(n);
  // n snapshots spread evenly over the 90-day window, oldest first (as repositories return).
  const auto window = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::days(89));
  for (std::size_t i = 0; i < n; ++i) {
    const auto at = start_of(today - std::chrono::days(89)) + window * static_cast<long>(i) / static_cast<long>(n);
    const double p = 60.0 * static_cast<double>(i) / static_cast<double>(n) + static_cast<double>(i % 7) * 0.3;
    history.push_back(ProgressPoint{at, p});
  }
  ForecastInput input;
  input.current_progress = 60;
  input.start_date = today - std::chrono::days(100);
  input.end_date = today + std::chrono::days(60);
  input.created_date = today - std::chrono::days(100);
  input.today = today;
  input.history = history;
  for (auto _ : state) {
    auto result = forecast(input);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_Forecast)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

// --- analytics over 100k goals ----------------------------------------------------------

void BM_GoalStats100k(benchmark::State& state) {
  const auto& goals = memory_tree_100k().goals;
  for (auto _ : state) {
    auto stats = goal_stats(goals);
    benchmark::DoNotOptimize(stats);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(goals.size()));
}
BENCHMARK(BM_GoalStats100k)->Unit(benchmark::kMillisecond);

std::vector<Action> synthetic_actions(const std::vector<Goal>& goals, std::size_t n) {
  std::vector<Action> actions;
  actions.reserve(n);
  Rng rng{42};
  for (std::size_t i = 0; i < n; ++i) {
    Action a;
    a.id = "a-" + std::to_string(i);
    a.tenant = "bench";
    a.title = "Action";
    a.status = static_cast<ActionStatus>(rng.below(5));
    a.assigned_person_id = "user-" + std::to_string(rng.below(200));
    a.due_date = bench_now + std::chrono::days(static_cast<long>(rng.below(60)) - 30);
    if (a.status == ActionStatus::completed) a.completed_at = bench_now - std::chrono::days(static_cast<long>(rng.below(40)));
    a.connections.goal_ids.push_back(goals[rng.below(goals.size())].id);
    actions.push_back(std::move(a));
  }
  return actions;
}

void BM_PerformanceScore100k(benchmark::State& state) {
  const auto& goals = memory_tree_100k().goals;
  std::vector<KpiLinkProgress> links;
  Rng rng{7};
  for (const auto& g : goals) {
    for (const auto& l : g.kpi_links) links.push_back(KpiLinkProgress{g.id, l.kpi_id, rng.unit() * 120, l.threshold_pct});
  }
  const auto actions = synthetic_actions(goals, 10'000);
  const PerformanceInput input{goals, links, actions, date_of(bench_now), ScorePoint{date_of(bench_now) - std::chrono::days(1), 50}};
  for (auto _ : state) {
    auto score = performance_score(input);
    benchmark::DoNotOptimize(score);
  }
  state.SetLabel("100k goals, their KPI links, 10k actions");
}
BENCHMARK(BM_PerformanceScore100k)->Unit(benchmark::kMillisecond);

void BM_TeamAlignment100k(benchmark::State& state) {
  const auto& goals = memory_tree_100k().goals;
  const auto actions = synthetic_actions(goals, 10'000);
  const TeamAlignmentInput input{goals, actions, date_of(bench_now), std::nullopt};
  for (auto _ : state) {
    auto alignment = team_alignment(input);
    benchmark::DoNotOptimize(alignment);
  }
  state.SetLabel("100k goals, 10k actions");
}
BENCHMARK(BM_TeamAlignment100k)->Unit(benchmark::kMillisecond);

void BM_GoalAnalytics100k(benchmark::State& state) {
  const auto& tree = memory_tree_100k();
  const auto& goals = tree.goals;
  // Each goal's seeded history (10 daily points), as the analytics use case reads it.
  std::vector<ProgressSnapshot> snapshots;
  auto status = tree.store->read([&](ports::Transaction& tx) -> Status {
    for (const auto& g : goals) {
      auto list = tx.snapshots().list(tree.spec.tenant, g.id, std::nullopt, std::nullopt);
      if (!list) return fail(list.error());
      snapshots.insert(snapshots.end(), list->begin(), list->end());
    }
    return {};
  });
  if (!status) state.SkipWithError("reading snapshots failed");
  GoalAnalyticsInput input;
  input.goals = goals;
  input.snapshots = snapshots;
  input.today = tree.spec.today;
  for (auto _ : state) {
    auto analytics = goal_analytics(input);
    benchmark::DoNotOptimize(analytics);
  }
  state.SetLabel(std::to_string(snapshots.size()) + " snapshots");
}
BENCHMARK(BM_GoalAnalytics100k)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace traction::bench
