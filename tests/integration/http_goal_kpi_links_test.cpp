// End to end over HTTP: 001 "KPI-Goal Linkage" — /goals/{goalId}/kpis:link, :unlink,
// /goals/{goalId}/kpis/{kpiId}:setThreshold and GET .../kpis/{kpiId}:link — and the goal
// progress that follows from the linked KPIs' readings (DESIGN.md "Progress").
#include <catch2/catch.hpp>

#include <algorithm>

#include "http_goal_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

// DESIGN.md: up = 100·current/target, down = 100·target/current, clamped to 0–100.
double kpi_progress(bool up, double current, double target) {
  return std::clamp(up ? 100 * current / target : 100 * target / current, 0.0, 100.0);
}

json::value kpi_of(const json::value& goal, const std::string& kpi) {
  for (const auto& k : goal.at("kpis").as_array()) {
    if (k.at("kpiId") == json::value(kpi)) return k;
  }
  throw std::runtime_error("KPI " + kpi + " is not in the goal's kpis");
}

}  // namespace

TEST_CASE("links: link, read, re-threshold and unlink, with the GoalKPI shape", "[goals][kpis][links]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Grow revenue", {{"progress", 10}});
  const auto revenue = new_kpi(acme, "Revenue", "up", {{"description", "Booked"}, {"category", "Finance"}, {"unit", "USD"}});
  const auto churn = new_kpi(acme, "Churn", "down", {{"unit", "%"}});
  const std::string g = "/goals/" + goal;

  auto linked = data_of(acme.post(g + "/kpis:link", json::object{{"kpi_id", revenue}, {"threshold_pct", 70}, {"target", 200}}), 201);
  CHECK(linked.at("goalId") == json::value(goal));
  CHECK(linked.at("sharedKpiId") == json::value(revenue));
  CHECK(linked.at("kpiId") == json::value(revenue));
  CHECK(linked.at("name") == "Revenue");
  CHECK(linked.at("description") == "Booked");
  CHECK(linked.at("category") == "Finance");
  CHECK(linked.at("unit") == "USD");
  CHECK(linked.at("direction") == "up");
  CHECK(num(linked.at("threshold")) == 70);
  CHECK(num(linked.at("weight")) == 1);
  CHECK(num(linked.at("targetValue")) == 200);
  CHECK(linked.at("currentValue").is_null());  // no reading yet
  CHECK(linked.at("progress").is_null());
  CHECK(linked.at("id").is_string());

  // The goal lists the link; with no reading the entered progress stands.
  auto view = goal_of(acme, goal);
  CHECK(kpi_of(view, revenue) == linked);
  CHECK(num(view.at("progress")) == 10);
  CHECK(data_of(acme.get(g + "/kpis/" + revenue + ":link")) == linked);
  CHECK(kpi_of(data_of(acme.get("/goals")).at(0), revenue) == linked);

  // A reading moves the KPI's and the goal's progress.
  reading(acme, revenue, "2025-01", 50);
  const double p1 = kpi_progress(true, 50, 200);
  auto link_now = data_of(acme.get(g + "/kpis/" + revenue + ":link"));
  CHECK(num(link_now.at("currentValue")) == 50);
  CHECK(link_now.at("currentPeriod") == "2025-01");
  CHECK(near(link_now.at("progress"), p1));
  view = goal_of(acme, goal);
  CHECK(near(view.at("progress"), p1));
  CHECK(view.at("progressBasis") == "kpis");

  // A second KPI, lower is better, three times the weight: a weighted average.
  link(acme, goal, churn, {{"threshold_pct", 50}, {"weight", 3}, {"targetValue", 10}});
  reading(acme, churn, "2025-01", 20);
  const double p2 = kpi_progress(false, 20, 10);
  view = goal_of(acme, goal);
  CHECK(near(kpi_of(view, churn).at("progress"), p2));
  CHECK(near(view.at("progress"), (1 * p1 + 3 * p2) / 4));

  // The latest period counts, and its adjusted value when there is one.
  reading(acme, revenue, "2025-02", 300, {{"adjustedValue", 150}});
  const double p1b = kpi_progress(true, 150, 200);
  view = goal_of(acme, goal);
  CHECK(num(kpi_of(view, revenue).at("currentValue")) == 150);
  CHECK(near(view.at("progress"), (1 * p1b + 3 * p2) / 4));

  // :setThreshold changes the threshold (and, when given, weight and target) only.
  auto changed = data_of(acme.post(g + "/kpis/" + revenue + ":setThreshold", json::object{{"threshold_pct", 90}}));
  CHECK(changed.at("goalId") == json::value(goal));
  CHECK(num(changed.at("threshold")) == 90);
  CHECK(num(changed.at("thresholdPct")) == 90);
  CHECK(num(changed.at("weight")) == 1);
  CHECK(num(changed.at("targetValue")) == 200);
  CHECK(data_of(acme.get(g + "/kpis/" + revenue + ":link")) == changed);
  changed = data_of(acme.post(g + "/kpis/" + revenue + ":setThreshold",
                              json::object{{"thresholdPct", 80}, {"weight", 2}, {"target", 120}}));
  CHECK(num(changed.at("threshold")) == 80);
  CHECK(num(changed.at("weight")) == 2);
  const double p1c = kpi_progress(true, 150, 120);  // over target: clamped to 100
  CHECK(near(changed.at("progress"), p1c));
  CHECK(near(goal_of(acme, goal).at("progress"), (2 * p1c + 3 * p2) / 5));

  // :unlink removes the link; the goal's progress follows what is left.
  auto res = acme.post(g + "/kpis:unlink", json::object{{"kpi_id", churn}});
  CHECK(data_of(res) == json::object{{"goalId", goal}, {"kpiId", churn}, {"unlinked", true}});
  view = goal_of(acme, goal);
  CHECK(view.at("kpis").as_array().size() == 1);
  CHECK(near(view.at("progress"), p1c));
  for (const auto& r : {acme.post(g + "/kpis:unlink", json::object{{"kpi_id", churn}}),
                        acme.get(g + "/kpis/" + churn + ":link"),
                        acme.post(g + "/kpis/" + churn + ":setThreshold", json::object{{"threshold_pct", 10}})}) {
    CHECK(r.status == 404);
    CHECK(r.code() == "KPI_LINK_NOT_FOUND");
  }
  data_of(acme.post(g + "/kpis:unlink", json::object{{"kpiId", revenue}}));
  view = goal_of(acme, goal);
  CHECK(view.at("kpis").as_array().empty());
  CHECK(num(view.at("progress")) == 10);  // back to the entered progress
  CHECK(view.at("progressBasis") == "entered");
  // The KPI itself and its readings stay in the catalog.
  CHECK(data_of(acme.get("/kpis/" + churn)).at("readings").as_array().size() == 1);

  const auto types = recent_types_of(acme);
  CHECK(contains(types, "kpi_linked"));
  CHECK(contains(types, "kpi_unlinked"));
}

TEST_CASE("links: requests are validated", "[goals][kpis][links]") {
  TestServer server;
  User acme{server, "acme"};
  User globex{server, "globex"};
  const auto goal = new_goal(acme, "Goal");
  const auto kpi = new_kpi(acme, "Revenue");
  const auto foreign = new_kpi(globex, "Globex revenue");
  const std::string g = "/goals/" + goal;
  struct Case {
    json::object body;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{{{{"threshold_pct", 50}}, "kpiId"},
                                         {{{"kpi_id", "ghost"}, {"threshold_pct", 50}}, "kpiId"},
                                         {{{"kpi_id", foreign}, {"threshold_pct", 50}}, "kpiId"},
                                         {{{"kpi_id", kpi}}, "thresholdPct"},
                                         {{{"kpi_id", kpi}, {"threshold_pct", -1}}, "thresholdPct"},
                                         {{{"kpi_id", kpi}, {"threshold_pct", 100.5}}, "thresholdPct"},
                                         {{{"kpi_id", kpi}, {"threshold_pct", "high"}}, "threshold_pct"},  // as spelled
                                         {{{"kpi_id", kpi}, {"thresholdPct", "high"}}, "thresholdPct"},
                                         {{{"kpi_id", kpi}, {"threshold_pct", 50}, {"weight", 0}}, "weight"},
                                         {{{"kpi_id", kpi}, {"threshold_pct", 50}, {"weight", 101}}, "weight"}}) {
    INFO(json::serialize(c.body));
    auto res = acme.post(g + "/kpis:link", c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  CHECK(goal_of(acme, goal).at("kpis").as_array().empty());

  link(acme, goal, kpi);
  auto res = acme.post(g + "/kpis:link", json::object{{"kpi_id", kpi}, {"threshold_pct", 20}});
  CHECK(res.status == 400);
  CHECK(res.field() == "kpiId");
  CHECK(mentions(res, "already linked"));

  for (const auto& c : std::vector<Case>{{{}, "thresholdPct"},
                                         {{{"weight", 2}}, "thresholdPct"},
                                         {{{"threshold_pct", 101}}, "thresholdPct"},
                                         {{{"threshold_pct", nullptr}}, "threshold_pct"},
                                         {{{"thresholdPct", nullptr}, {"weight", 2}}, "thresholdPct"}}) {
    INFO(json::serialize(c.body));
    res = acme.post(g + "/kpis/" + kpi + ":setThreshold", c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  CHECK(num(data_of(acme.get(g + "/kpis/" + kpi + ":link")).at("weight")) == 1);
  res = acme.post(g + "/kpis/" + kpi + ":setThreshold", json::object{{"threshold_pct", 50}, {"weight", -2}});
  CHECK(res.field() == "weight");
  CHECK(num(data_of(acme.get(g + "/kpis/" + kpi + ":link")).at("threshold")) == 70);

  res = acme.post(g + "/kpis:unlink", json::object{});
  CHECK(res.status == 400);
  CHECK(res.field() == "kpiId");

  for (const auto& r : {acme.post("/goals/ghost/kpis:link", json::object{{"kpi_id", kpi}, {"threshold_pct", 50}}),
                        acme.post("/goals/ghost/kpis:unlink", json::object{{"kpi_id", kpi}}),
                        acme.post("/goals/ghost/kpis/" + kpi + ":setThreshold", json::object{{"threshold_pct", 5}}),
                        acme.get("/goals/ghost/kpis/" + kpi + ":link")}) {
    CHECK(r.status == 404);
    CHECK(r.code() == "GOAL_NOT_FOUND");
  }
  CHECK(acme.get(g + "/kpis/ghost:link").code() == "KPI_LINK_NOT_FOUND");
}

TEST_CASE("links: a KPI shared by two goals moves both", "[goals][kpis][links]") {
  TestServer server;
  User acme{server, "acme"};
  const auto a = new_goal(acme, "A");
  const auto b = new_goal(acme, "B");
  const auto kpi = new_kpi(acme, "Signups");
  link(acme, a, kpi, {{"target", 40}});
  link(acme, b, kpi, {{"target", 80}});
  reading(acme, kpi, "2025-06", 20);
  CHECK(near(goal_of(acme, a).at("progress"), kpi_progress(true, 20, 40)));
  CHECK(near(goal_of(acme, b).at("progress"), kpi_progress(true, 20, 80)));
  reading(acme, kpi, "2025-06", 60, {{"replace", true}});
  CHECK(near(goal_of(acme, a).at("progress"), kpi_progress(true, 60, 40)));
  CHECK(near(goal_of(acme, b).at("progress"), kpi_progress(true, 60, 80)));
}
