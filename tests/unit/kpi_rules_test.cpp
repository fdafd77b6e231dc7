#include <catch2/catch.hpp>

#include <limits>

#include "test_support.hpp"
#include "traction/domain/kpi_rules.hpp"

using namespace traction;
using namespace traction::test;

namespace {

Kpi revenue() {
  KpiDraft d;
  d.name = "Monthly revenue";
  d.unit = "USD";
  return *make_kpi(d, admin(), "k1", t0());
}

ReadingDraft reading(const char* period, double value) {
  ReadingDraft d;
  d.period = parse_year_month(period);
  d.value = value;
  return d;
}

}  // namespace

TEST_CASE("a KPI needs a name of at most 100 characters and defaults to up and shared") {
  KpiDraft d;
  CHECK(make_kpi(d, admin(), "k", t0()).error().field == "name");
  d.name = std::string(101, 'n');
  CHECK(make_kpi(d, admin(), "k", t0()).error().field == "name");
  d.name = "Churn";
  d.direction = Direction::down;
  auto kpi = make_kpi(d, manager(), "k", t0());
  REQUIRE(kpi);
  CHECK(kpi->direction == Direction::down);
  CHECK(kpi->is_shared);
  CHECK(kpi->owner_id == "u-manager");
  CHECK(kpi->tenant == "acme");
  CHECK(make_kpi(KpiDraft{"Revenue", "", "", "", {}, "", {}, {}}, admin(), "k", t0())->direction == Direction::up);
}

TEST_CASE("a reading needs a period and a finite value") {
  auto kpi = revenue();
  ReadingDraft d;
  d.value = 3;
  CHECK(make_reading(kpi, d, admin(), "r", t0()).error().field == "period");
  d = reading("2025-01", std::numeric_limits<double>::quiet_NaN());
  CHECK(make_reading(kpi, d, admin(), "r", t0()).error().field == "value");
  d = reading("2025-01", 1);
  d.adjusted_value = std::numeric_limits<double>::infinity();
  CHECK(make_reading(kpi, d, admin(), "r", t0()).error().field == "adjustedValue");
  d.adjusted_value = 1200;
  d.reason = "late invoice";
  auto r = make_reading(kpi, d, admin(), "r", t0());
  REQUIRE(r);
  CHECK(r->kpi_id == "k1");
  CHECK(r->effective_value() == 1200);
}

TEST_CASE("a second reading for a period is refused unless it asks to replace") {
  auto kpi = revenue();
  auto first = *make_reading(kpi, reading("2025-01", 100), admin(), "r1", t0());
  auto second = *make_reading(kpi, reading("2025-01", 150), admin(), "r2", t0() + std::chrono::hours(1));
  auto refused = resolve_period_clash(first, second, false);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::duplicate_reading);
  CHECK(refused.error().field == "period");
  auto replaced = resolve_period_clash(first, second, true);
  REQUIRE(replaced);
  CHECK(replaced->id == "r1");
  CHECK(replaced->created_at == t0());
  CHECK(replaced->value == 150);
}

TEST_CASE("linking a KPI needs a threshold 0..100; weight defaults to 1") {
  auto goal = goal_in(GoalStatus::active);
  KpiLinkDraft d{"k1", {}, {}, {}};
  CHECK(link_kpi(goal, d, "l1", t0()).error().field == "thresholdPct");
  d.threshold_pct = 120;
  CHECK(link_kpi(goal, d, "l1", t0()).error().field == "thresholdPct");
  d.threshold_pct = 80;
  d.weight = 0;
  CHECK(link_kpi(goal, d, "l1", t0()).error().field == "weight");
  d.weight.reset();
  auto link = link_kpi(goal, d, "l1", t0());
  REQUIRE(link);
  CHECK(link->weight == 1);
  CHECK(link->threshold_pct == 80);
  CHECK_FALSE(link->target);
  CHECK(goal.kpi_links.size() == 1);
  CHECK(link_kpi(goal, d, "l2", t0()).error().field == "kpiId");  // already linked
}

TEST_CASE("unlink and threshold changes need an existing link") {
  auto goal = goal_in(GoalStatus::active);
  REQUIRE(link_kpi(goal, {"k1", 50, 2, 1000}, "l1", t0()));
  KpiLinkPatch patch;
  patch.threshold_pct = 70;
  auto changed = update_kpi_link(goal, "k1", patch, t0());
  REQUIRE(changed);
  CHECK(changed->threshold_pct == 70);
  CHECK(changed->weight == 2);
  CHECK(changed->target == 1000);
  patch.threshold_pct = -1;
  CHECK(update_kpi_link(goal, "k1", patch, t0()).error().field == "thresholdPct");
  CHECK(update_kpi_link(goal, "k2", {}, t0()).error().code == ErrorCode::kpi_link_not_found);
  CHECK(unlink_kpi(goal, "k2", t0()).error().code == ErrorCode::kpi_link_not_found);
  REQUIRE(unlink_kpi(goal, "k1", t0()));
  CHECK(goal.kpi_links.empty());
}
