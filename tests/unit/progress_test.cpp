#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "traction/domain/kpi_rules.hpp"
#include "traction/domain/progress.hpp"

using namespace traction;
using namespace traction::test;

namespace {

Kpi kpi(std::string id, Direction direction) {
  Kpi k;
  k.id = std::move(id);
  k.tenant = "acme";
  k.name = k.id;
  k.direction = direction;
  return k;
}

KpiReading latest(std::string kpi_id, double value, std::optional<double> adjusted = {}) {
  KpiReading r;
  r.kpi_id = std::move(kpi_id);
  r.period = {2025, 1};
  r.value = value;
  r.adjusted_value = adjusted;
  return r;
}

}  // namespace

TEST_CASE("KPI progress: up is current over target, down is target over current, clamped") {
  CHECK(kpi_progress(Direction::up, 50, 200) == 25.0);
  CHECK(kpi_progress(Direction::up, 300, 200) == 100.0);
  CHECK(kpi_progress(Direction::up, -5, 200) == 0.0);
  CHECK(kpi_progress(Direction::down, 10, 5) == 50.0);
  CHECK(kpi_progress(Direction::down, 4, 5) == 100.0);
  CHECK(kpi_progress(Direction::down, 0, 5) == 100.0);
  CHECK_FALSE(kpi_progress(Direction::up, std::nullopt, 5));
  CHECK_FALSE(kpi_progress(Direction::up, 5, std::nullopt));
}

TEST_CASE("goal KPI views take the adjusted value of the latest reading") {
  auto goal = goal_in(GoalStatus::active);
  REQUIRE(link_kpi(goal, {"up", 80, 1, 200}, "l1", t0()));
  REQUIRE(link_kpi(goal, {"gone", 80, 1, 10}, "l2", t0()));
  const std::vector<Kpi> kpis{kpi("up", Direction::up)};
  const std::vector<KpiReading> readings{latest("up", 50, 100)};
  auto views = goal_kpi_views(goal, kpis, readings);
  REQUIRE(views.size() == 2);
  CHECK(views[0].current_value == 100);
  CHECK(views[0].progress == 50);
  CHECK(views[0].current_period == "2025-01");
  CHECK_FALSE(views[1].kpi);
  CHECK_FALSE(views[1].progress);
}

TEST_CASE("progress: weighted KPIs when there are no children") {
  auto goal = goal_in(GoalStatus::active);
  goal.entered_progress = 10;
  REQUIRE(link_kpi(goal, {"a", 80, 3, 100}, "l1", t0()));
  REQUIRE(link_kpi(goal, {"b", 80, 1, 100}, "l2", t0()));
  REQUIRE(link_kpi(goal, {"no-target", 80, 5, std::nullopt}, "l3", t0()));
  const std::vector<Kpi> kpis{kpi("a", Direction::up), kpi("b", Direction::up), kpi("no-target", Direction::up)};
  const std::vector<KpiReading> readings{latest("a", 40), latest("b", 80), latest("no-target", 1)};
  const auto views = goal_kpi_views(goal, kpis, readings);
  // (3 * 40 + 1 * 80) / (3 + 1) = 50; the link without a target is left out.
  CHECK(compute_progress(goal, views) == ProgressResult{50, ProgressBasis::kpis});
}

TEST_CASE("progress: children's average wins over KPIs; manual wins over everything") {
  auto goal = goal_in(GoalStatus::active);
  REQUIRE(link_kpi(goal, {"a", 80, 1, 100}, "l1", t0()));
  const std::vector<Kpi> kpis{kpi("a", Direction::up)};
  const std::vector<KpiReading> readings{latest("a", 90)};
  const auto views = goal_kpi_views(goal, kpis, readings);
  child_added(goal, 20);
  child_added(goal, 40);
  child_added(goal, 60);
  CHECK(compute_progress(goal, views) == ProgressResult{40, ProgressBasis::children});
  child_progress_changed(goal, 60, 90);
  CHECK(compute_progress(goal, views) == ProgressResult{50, ProgressBasis::children});
  child_removed(goal, 90);
  CHECK(compute_progress(goal, views) == ProgressResult{30, ProgressBasis::children});

  REQUIRE(set_manual_progress(goal, 75, "Board agreed on this"));
  CHECK(compute_progress(goal, views) == ProgressResult{75, ProgressBasis::manual});
  clear_manual_progress(goal);
  CHECK(compute_progress(goal, views).basis == ProgressBasis::children);
  child_removed(goal, 20);
  child_removed(goal, 40);
  CHECK(goal.children_progress_sum == 0);
  CHECK(compute_progress(goal, views) == ProgressResult{90, ProgressBasis::kpis});
}

TEST_CASE("progress: the entered value when nothing else applies, rounded to 2 decimals") {
  auto goal = goal_in(GoalStatus::active);
  goal.entered_progress = 33.33333;
  CHECK(compute_progress(goal, {}) == ProgressResult{33.33, ProgressBasis::entered});
}

TEST_CASE("a manual adjustment needs a justification of 10 characters and progress 0..100") {
  auto goal = goal_in(GoalStatus::active);
  CHECK(set_manual_progress(goal, 50, "too short").error().field == "justification");
  CHECK(set_manual_progress(goal, 101, "long enough reason").error().field == "progress");
  CHECK(set_manual_progress(goal, -1, "long enough reason").error().field == "progress");
  CHECK(goal.calculation_source == CalculationSource::automatic);
  REQUIRE(set_manual_progress(goal, 50, "  exactly10!  "));
  CHECK(goal.calculation_source == CalculationSource::manual);
  CHECK(goal.manual_reason == "exactly10!");
}
