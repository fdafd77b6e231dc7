#include <catch2/catch.hpp>

#include <algorithm>

#include "harness.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("a KPI reading moves the progress of linked goals and is published to them") {
  Harness h;
  auto g = h.goal();
  auto revenue = h.kpi("Revenue");
  auto link = h.services.goals.link_kpi(admin(), g.goal.id, {revenue.id, 80, 1, 1000});
  REQUIRE(link);
  CHECK_FALSE(link->current_value);
  CHECK(link->progress == std::nullopt);
  h.events.clear();
  REQUIRE(h.reading(revenue.id, "2025-01", 250));
  auto goal = h.services.goals.get(admin(), g.goal.id);
  REQUIRE(goal);
  CHECK(goal->goal.progress == 25);
  CHECK(goal->goal.progress_basis == ProgressBasis::kpis);
  REQUIRE(goal->kpis.size() == 1);
  CHECK(goal->kpis[0].current_value == 250);
  CHECK(goal->kpis[0].progress == 25);
  auto types = h.events.types_for(g.goal.id);
  CHECK(std::find(types.begin(), types.end(), "kpi.reading.created") != types.end());
  CHECK(std::find(types.begin(), types.end(), "goal.progress.changed") != types.end());
}

TEST_CASE("a second reading for a period is refused unless replaced") {
  Harness h;
  auto revenue = h.kpi();
  REQUIRE(h.reading(revenue.id, "2025-01", 100));
  auto again = h.reading(revenue.id, "2025-01", 120);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::duplicate_reading);
  auto replaced = h.reading(revenue.id, "2025-01", 120, true);
  REQUIRE(replaced);
  auto detail = h.services.kpis.get(admin(), revenue.id);
  REQUIRE(detail);
  REQUIRE(detail->readings.size() == 1);
  CHECK(detail->readings[0].value == 120);
}

TEST_CASE("the latest period counts, and readings list newest first") {
  Harness h;
  auto g = h.goal();
  auto churn = h.kpi("Churn", Direction::down);
  REQUIRE(h.services.goals.link_kpi(admin(), g.goal.id, {churn.id, 80, 1, 5}));
  REQUIRE(h.reading(churn.id, "2025-02", 10));
  REQUIRE(h.reading(churn.id, "2025-01", 20));  // an older period arriving late
  CHECK(h.fetch(g.goal.id).progress == 50);     // 100 * 5 / 10
  auto readings = h.services.kpis.readings(admin(), churn.id, ReadingQuery{});
  REQUIRE(readings);
  CHECK(format_year_month(readings->items[0].period) == "2025-02");
}

TEST_CASE("linking needs a KPI of the same tenant; unlinking restores the entered progress") {
  Harness h;
  auto g = h.goal();
  auto foreign_kpi = [&] {
    KpiDraft d;
    d.name = "Theirs";
    return *h.services.kpis.create(admin("globex"), d);
  }();
  auto refused = h.services.goals.link_kpi(admin(), g.goal.id, {foreign_kpi.id, 50, {}, {}});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "kpiId");

  auto revenue = h.kpi();
  REQUIRE(h.services.goals.link_kpi(admin(), g.goal.id, {revenue.id, 50, {}, 100}));
  REQUIRE(h.reading(revenue.id, "2025-01", 60));
  CHECK(h.fetch(g.goal.id).progress == 60);
  KpiLinkPatch threshold;
  threshold.threshold_pct = 90;
  CHECK(h.services.goals.update_kpi_link(admin(), g.goal.id, revenue.id, threshold)->link.threshold_pct == 90);
  CHECK(h.services.goals.get_kpi_link(admin(), g.goal.id, revenue.id)->link.threshold_pct == 90);
  REQUIRE(h.services.goals.unlink_kpi(admin(), g.goal.id, revenue.id));
  CHECK(h.fetch(g.goal.id).progress == 0);
  CHECK(h.services.goals.unlink_kpi(admin(), g.goal.id, revenue.id).error().code == ErrorCode::kpi_link_not_found);
  CHECK(h.services.kpis.get(admin("globex"), revenue.id).error().code == ErrorCode::kpi_not_found);
}

TEST_CASE("a page of goals carries each goal's own KPI links with their latest readings") {
  Harness h;
  auto both = h.goal("Both KPIs");
  auto revenue_only = h.goal("Revenue only");
  auto none = h.goal("No KPIs");
  auto revenue = h.kpi("Revenue");
  auto churn = h.kpi("Churn", Direction::down);
  REQUIRE(h.services.goals.link_kpi(admin(), both.goal.id, {revenue.id, 80, 1, 1000}));
  REQUIRE(h.services.goals.link_kpi(admin(), both.goal.id, {churn.id, 80, 1, 5}));
  REQUIRE(h.services.goals.link_kpi(admin(), revenue_only.goal.id, {revenue.id, 80, 1, 500}));
  REQUIRE(h.reading(revenue.id, "2025-01", 100));
  REQUIRE(h.reading(revenue.id, "2025-02", 250));
  REQUIRE(h.reading(churn.id, "2025-01", 10));

  auto page = h.services.goals.list(admin(), GoalQuery{});
  REQUIRE(page);
  REQUIRE(page->items.size() == 3);
  auto view_of = [&](const std::string& id) -> const GoalView& {
    const auto it = std::find_if(page->items.begin(), page->items.end(),
                                 [&](const GoalView& v) { return v.goal.id == id; });
    REQUIRE(it != page->items.end());
    return *it;
  };
  const auto& b = view_of(both.goal.id);
  REQUIRE(b.kpis.size() == 2);
  CHECK(b.kpis[0].link.kpi_id == revenue.id);
  CHECK(b.kpis[0].current_value == 250);
  CHECK(b.kpis[0].progress == 25);
  CHECK(b.kpis[1].link.kpi_id == churn.id);
  CHECK(b.kpis[1].current_value == 10);
  REQUIRE(b.kpis[1].kpi);
  CHECK(b.kpis[1].kpi->name == "Churn");
  const auto& r = view_of(revenue_only.goal.id);
  REQUIRE(r.kpis.size() == 1);
  CHECK(r.kpis[0].current_value == 250);
  CHECK(r.kpis[0].progress == 50);
  CHECK(view_of(none.goal.id).kpis.empty());
  // The page's views are the ones a single read gives.
  for (const auto& item : page->items) {
    auto single = h.services.goals.get(admin(), item.goal.id);
    REQUIRE(single);
    CHECK(single->kpis.size() == item.kpis.size());
    for (std::size_t i = 0; i < item.kpis.size(); ++i) {
      CHECK(single->kpis[i].current_value == item.kpis[i].current_value);
      CHECK(single->kpis[i].progress == item.kpis[i].progress);
    }
  }
}
