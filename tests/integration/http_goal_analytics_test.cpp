// End to end over HTTP: 001 "Analytics Endpoints" — /goals/stats, /activity/recent,
// /performance/score and /team/alignment, each checked against what the tenant stored.
#include <catch2/catch.hpp>

#include <map>
#include <optional>

#include "http_goal_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

using V = std::vector<std::string>;

// One tenant with goals in every status and horizon, strategies, KPI links with readings,
// and actions (see each comment for what it contributes).
struct Scenario {
  std::string g1, g2, g3, g4, g5, g6;
  std::string s1, s2, s3, s4;
  std::string k1, k2, k3;

  explicit Scenario(User& u) {
    // G1 year, active, owner ann; strategies draft + validated; K1 (120/100, achieved) and
    // K2 (down, 20 vs 10: 50 %, threshold 40: on track).
    g1 = new_goal(u, "G1", {{"horizon", "year"}, {"owner_id", "u-ann"}, {"progress", 40}});
    transition(u, g1, "activate");
    s1 = new_strategy(u, g1, "S1");
    s2 = new_strategy(u, g1, "S2", {{"status", "validated"}});
    // G2 quarter, completed before its end date (on time).
    g2 = new_goal(u, "G2", {{"owner_id", "u-bob"}, {"progress", 100}, {"endDate", "2999-12-31"}});
    transition(u, g2, "activate");
    transition(u, g2, "close", {{"finalStatus", "completed"}});
    // G3 quarter, completed long after its end date (late); an adopted strategy.
    g3 = new_goal(u, "G3", {{"owner_id", "u-ann"}, {"progress", 60}, {"startDate", "2000-01-01"}, {"endDate", "2000-01-31"}});
    s3 = new_strategy(u, g3, "S3", {{"status", "adopted"}});
    transition(u, g3, "activate");
    transition(u, g3, "close", {{"finalStatus", "completed"}});
    // G4 month, paused; K3 linked with no reading (0 %, not on track).
    g4 = new_goal(u, "G4", {{"horizon", "month"}, {"progress", 20}});
    transition(u, g4, "activate");
    transition(u, g4, "pause");
    // G5 month, draft: not scored; its strategy and its K1 link do not count for the score.
    g5 = new_goal(u, "G5", {{"horizon", "month"}});
    s4 = new_strategy(u, g5, "S4", {{"status", "adopted"}});
    // G6 year, cancelled.
    g6 = new_goal(u, "G6", {{"horizon", "year"}, {"progress", 50}});
    transition(u, g6, "close", {{"finalStatus", "cancelled"}});
    // G7: deleted, counted nowhere.
    const auto g7 = new_goal(u, "G7", {{"horizon", "year"}, {"status", "active"}, {"progress", 90}});
    data_of(u.del("/goals/" + g7));

    k1 = new_kpi(u, "K1");
    k2 = new_kpi(u, "K2", "down");
    k3 = new_kpi(u, "K3");
    link(u, g1, k1, {{"threshold_pct", 70}, {"target", 100}});
    link(u, g1, k2, {{"threshold_pct", 40}, {"target", 10}});
    link(u, g4, k3, {{"threshold_pct", 70}, {"target", 200}});
    link(u, g5, k1, {{"threshold_pct", 70}, {"target", 100}});
    reading(u, k1, "2025-01", 120);
    reading(u, k2, "2025-01", 20);

    // Actions: A1 done before its due date (cat, on G1); A2 done after it (ann, through S3
    // of G3); A3 in progress, unlinked (dan); A4 cancelled (eve, on G2): not counted.
    const auto a1 = create_action_on(u, {{"title", "A1"}, {"dueDate", "2999-01-01"}, {"assignedPersonId", "u-cat"},
                                         {"connections", {{"goalIds", {g1}}}}});
    const auto a2 = create_action_on(u, {{"title", "A2"}, {"dueDate", "2000-01-01"}, {"assignedPersonId", "u-ann"},
                                         {"connections", {{"strategyIds", {s3}}}}});
    const auto a3 = create_action_on(u, {{"title", "A3"}, {"assignedPersonId", "u-dan"}});
    const auto a4 = create_action_on(u, {{"title", "A4"}, {"assignedPersonId", "u-eve"}, {"connections", {{"goalIds", {g2}}}}});
    data_of(u.put("/api/operations/actions/" + a1, json::object{{"status", "completed"}}));
    data_of(u.put("/api/operations/actions/" + a2, json::object{{"status", "completed"}}));
    data_of(u.put("/api/operations/actions/" + a3, json::object{{"status", "in_progress"}}));
    data_of(u.put("/api/operations/actions/" + a4, json::object{{"status", "cancelled"}}));
  }

  static std::string create_action_on(User& u, json::object body) {
    return id_of(u.post("/api/operations/actions", body));
  }
};

double rate(double part, double whole) { return 100.0 * part / whole; }

// The performance score per its documented rule (analytics.hpp), computed from the goals
// and actions as the API returns them.
struct Expected {
  double goals_completion, goals_on_time, strategies_validated, strategies_adopted;
  double kpis_achieved, kpis_on_track, actions_completion, actions_on_time;
  [[nodiscard]] double overall() const {
    const double goals = (goals_completion + goals_on_time) / 2;
    const double strategies = (strategies_validated + strategies_adopted) / 2;
    const double kpis = (kpis_achieved + kpis_on_track) / 2;
    const double actions = (actions_completion + actions_on_time) / 2;
    return 0.4 * goals + 0.2 * strategies + 0.3 * kpis + 0.1 * actions;
  }
};

Expected expected_score(const json::value& goals, const json::value& actions) {
  double scored = 0, completed = 0, on_time = 0, strategies = 0, validated = 0, adopted = 0;
  double links = 0, achieved = 0, on_track = 0;
  for (const auto& g : goals.as_array()) {
    if (g.at("status") == "draft") continue;
    ++scored;
    if (g.at("status") == "completed") {
      ++completed;
      // completed today: on time when the end date is not before today (ISO dates compare as text)
      const auto today = str(g.at("completedAt")).substr(0, 10);
      if (g.at("endDate").is_null() || str(g.at("endDate")) >= today) ++on_time;
    }
    for (const auto& s : g.at("strategies").as_array()) {
      ++strategies;
      if (s.at("status") != "draft") ++validated;
      if (s.at("status") == "adopted") ++adopted;
    }
    for (const auto& k : g.at("kpis").as_array()) {
      ++links;
      const double progress = k.at("progress").is_null() ? 0 : num(k.at("progress"));
      if (progress >= 100) ++achieved;
      if (progress >= num(k.at("threshold"))) ++on_track;
    }
  }
  double counted = 0, done = 0, done_on_time = 0;
  for (const auto& a : actions.as_array()) {
    if (a.at("status") == "cancelled") continue;
    ++counted;
    if (a.at("status") != "completed") continue;
    ++done;
    if (a.at("dueDate").is_null() || str(a.at("completedAt")).substr(0, 10) <= str(a.at("dueDate")).substr(0, 10)) {
      ++done_on_time;
    }
  }
  return {rate(completed, scored), rate(on_time, completed), rate(validated, strategies), rate(adopted, strategies),
          rate(achieved, links), rate(on_track, links), rate(done, counted), rate(done_on_time, done)};
}

bool close_to(const json::value& v, double expected) { return std::abs(num(v) - round1(expected)) < 1e-6; }

}  // namespace

TEST_CASE("analytics: /goals/stats counts the live goals by status and horizon", "[analytics]") {
  TestServer server;
  User acme{server, "acme"};
  User globex{server, "globex"};
  const auto empty = data_of(acme.get("/goals/stats"));
  CHECK(empty.at("totalGoals") == 0);
  CHECK(num(empty.at("averageProgress")) == 0);

  Scenario s{acme};
  new_goal(globex, "Not acme's", {{"progress", 99}});

  const auto goals = data_of(acme.get("/goals?size=100"));
  std::map<std::string, std::int64_t> by_status{{"draft", 0}, {"active", 0}, {"completed", 0}, {"paused", 0}, {"cancelled", 0}};
  std::map<std::string, std::int64_t> by_horizon{{"year", 0}, {"quarter", 0}, {"month", 0}};
  double progress = 0;
  for (const auto& g : goals.as_array()) {
    ++by_status[str(g.at("status"))];
    ++by_horizon[str(g.at("horizon"))];
    progress += num(g.at("progress"));
  }
  const double n = static_cast<double>(goals.as_array().size());
  REQUIRE(n == 6);

  const auto stats = data_of(acme.get("/goals/stats"));
  CHECK(stats.at("totalGoals") == 6);
  CHECK(stats.at("activeGoals") == 1);
  CHECK(stats.at("completedGoals") == 2);
  CHECK(stats.at("goalsByStatus") ==
        json::object{{"draft", 1}, {"active", 1}, {"completed", 2}, {"paused", 1}, {"cancelled", 1}});
  CHECK(stats.at("goalsByHorizon") == json::object{{"year", 2}, {"quarter", 2}, {"month", 2}});
  for (const auto& [status, count] : by_status) CHECK(stats.at("goalsByStatus").at(status) == count);
  for (const auto& [horizon, count] : by_horizon) CHECK(stats.at("goalsByHorizon").at(horizon) == count);
  CHECK(close_to(stats.at("averageProgress"), progress / n));
  // G1's progress comes from its KPIs: (100 + 50) / 2 = 75, not the 40 entered; G5's from
  // K1 alone (120 of 100: 100); G4's K3 has no reading, so its entered 20 stands.
  CHECK(num(goal_of(acme, s.g1).at("progress")) == 75);
  CHECK(num(goal_of(acme, s.g5).at("progress")) == 100);
  CHECK(num(goal_of(acme, s.g4).at("progress")) == 20);
  CHECK(close_to(stats.at("averageProgress"), (75 + 100 + 60 + 20 + 100 + 50) / 6.0));

  // Another tenant sees its own numbers only.
  const auto theirs = data_of(globex.get("/goals/stats"));
  CHECK(theirs.at("totalGoals") == 1);
  CHECK(num(theirs.at("averageProgress")) == 99);
}

TEST_CASE("analytics: /performance/score from the stored goals, KPIs and actions", "[analytics]") {
  TestServer server;
  User acme{server, "acme"};

  // No data: every component without data, a score of 0.
  auto score = data_of(acme.get("/performance/score"));
  CHECK(num(score.at("overallScore")) == 0);
  for (const auto& c : {"goals", "strategies", "kpis", "actions"}) CHECK(score.at("components").at(c).at("hasData") == false);

  Scenario s{acme};
  const auto e = expected_score(data_of(acme.get("/goals?size=100")), data_of(acme.get("/api/operations/actions")));
  // The scenario's numbers, by hand: 5 scored goals, 2 completed, 1 on time; 3 strategies,
  // 2 validated, 1 adopted; 3 links, 1 achieved, 2 on track; 3 actions, 2 done, 1 on time.
  CHECK(e.goals_completion == rate(2, 5));
  CHECK(e.goals_on_time == rate(1, 2));
  CHECK(e.strategies_validated == rate(2, 3));
  CHECK(e.kpis_on_track == rate(2, 3));
  CHECK(e.actions_on_time == rate(1, 2));

  score = data_of(acme.get("/performance/score"));
  CHECK(close_to(score.at("overallScore"), e.overall()));
  const auto& c = score.at("components");
  CHECK(close_to(c.at("goals").at("score"), (e.goals_completion + e.goals_on_time) / 2));
  CHECK(close_to(c.at("goals").at("metrics").at("completionRate"), e.goals_completion));
  CHECK(close_to(c.at("goals").at("metrics").at("onTimeRate"), e.goals_on_time));
  CHECK(num(c.at("goals").at("weight")) == 0.4);
  CHECK(close_to(c.at("strategies").at("metrics").at("validatedRate"), e.strategies_validated));
  CHECK(close_to(c.at("strategies").at("metrics").at("adoptionRate"), e.strategies_adopted));
  CHECK(num(c.at("strategies").at("weight")) == 0.2);
  CHECK(close_to(c.at("kpis").at("metrics").at("targetAchievementRate"), e.kpis_achieved));
  CHECK(close_to(c.at("kpis").at("metrics").at("onTrackRate"), e.kpis_on_track));
  CHECK(num(c.at("kpis").at("weight")) == 0.3);
  CHECK(close_to(c.at("actions").at("metrics").at("completionRate"), e.actions_completion));
  CHECK(close_to(c.at("actions").at("metrics").at("onTimeRate"), e.actions_on_time));
  CHECK(num(c.at("actions").at("weight")) == 0.1);
  for (const auto& name : {"goals", "strategies", "kpis", "actions"}) CHECK(c.at(name).at("hasData") == true);
  CHECK(score.at("trend") == "stable");  // no earlier score kept
  CHECK(score.at("lastCalculated").is_string());

  // Completing the paused goal moves the goals component: recomputed, not cached.
  transition(acme, s.g4, "activate");
  transition(acme, s.g4, "close", {{"finalStatus", "completed"}});
  const auto after = expected_score(data_of(acme.get("/goals?size=100")), data_of(acme.get("/api/operations/actions")));
  CHECK(after.goals_completion == rate(3, 5));
  score = data_of(acme.get("/performance/score"));
  CHECK(close_to(score.at("overallScore"), after.overall()));
  CHECK(num(score.at("overallScore")) > round1(e.overall()));
}

TEST_CASE("analytics: /team/alignment from owners, actions and shared KPIs", "[analytics]") {
  TestServer server;
  User acme{server, "acme"};
  auto alignment = data_of(acme.get("/team/alignment"));
  CHECK(num(alignment.at("alignmentScore")) == 0);
  CHECK(alignment.at("teamSize") == 0);

  Scenario s{acme};
  alignment = data_of(acme.get("/team/alignment"));
  // People: the owners of the goals that are not cancelled (ann, bob, u1) and the assignees
  // of the actions that are not cancelled (cat, ann, dan).
  CHECK(alignment.at("teamSize") == 5);
  // Only G1 has two people: ann owns it, cat works on it (G3's action is ann's own).
  CHECK(alignment.at("goalsWithMultipleOwners") == 1);
  // K1 is linked to G1 and G5.
  CHECK(alignment.at("sharedKPIs") == 1);
  const double cross = rate(1, 5);       // of the 5 goals that are not cancelled
  const double strategy = rate(2, 3);    // A1 and A2 serve a goal; A3 does not
  const double sharing = rate(1, 3);     // 1 of the 3 linked KPIs is shared
  const auto& m = alignment.at("collaborationMetrics");
  CHECK(close_to(m.at("crossGoalCollaboration"), cross));
  CHECK(close_to(m.at("strategyAlignment"), strategy));
  CHECK(close_to(m.at("kpiSharing"), sharing));
  CHECK(close_to(alignment.at("alignmentScore"), (cross + strategy + sharing) / 3));
  CHECK(alignment.at("trend") == "stable");
  CHECK(alignment.at("lastCalculated").is_string());

  // Linking K3 to G2 as well makes a second shared KPI.
  link(acme, s.g2, s.k3);
  alignment = data_of(acme.get("/team/alignment"));
  CHECK(alignment.at("sharedKPIs") == 2);
  CHECK(close_to(alignment.at("collaborationMetrics").at("kpiSharing"), rate(2, 3)));
}

TEST_CASE("analytics: /activity/recent is the tenant's feed, newest first", "[analytics][activity]") {
  TestServer server;
  User acme{server, "acme"};
  User globex{server, "globex"};
  CHECK(data_of(acme.get("/activity/recent")).as_array().empty());

  const auto goal = new_goal(acme, "Grow revenue");
  new_strategy(acme, goal, "Hire");
  const auto kpi = new_kpi(acme, "Revenue");
  for (int i = 1; i <= 9; ++i) reading(acme, kpi, "2025-0" + std::to_string(i), i);
  new_goal(globex, "Globex goal");

  auto recent = data_of(acme.get("/activity/recent?size=3"));
  REQUIRE(recent.as_array().size() == 3);
  CHECK(field_of_each(recent, "type") == V{"kpi_updated", "kpi_updated", "kpi_updated"});
  const auto& latest = recent.at(0);
  CHECK(latest.at("entityId") == json::value(kpi));
  CHECK(latest.at("entityType") == "kpi");
  CHECK(latest.at("entityTitle") == "Revenue");
  CHECK(latest.at("userId") == "u1");
  CHECK(latest.at("userName") == "Test User");
  CHECK(mentions(acme.get("/activity/recent?size=1"), "2025-09"));
  CHECK(latest.at("timestamp").is_string());
  CHECK(latest.at("id").is_string());

  // Default 10; at most 50; all of 12 entries with a larger size.
  CHECK(data_of(acme.get("/activity/recent")).as_array().size() == 10);
  const auto all = data_of(acme.get("/activity/recent?size=50"));
  REQUIRE(all.as_array().size() == 12);
  CHECK(field_of_each(all, "type").back() == "goal_created");
  CHECK(all.at(11).at("entityId") == json::value(goal));
  CHECK(all.at(11).at("entityType") == "goal");
  CHECK(all.at(11).at("entityTitle") == "Grow revenue");
  CHECK(all.at(10).at("type") == "strategy_added");
  CHECK(all.at(9).at("type") == "kpi_created");
  for (const auto& query : {"?size=0", "?size=51", "?size=ten"}) {
    INFO(query);
    auto res = acme.get(std::string("/activity/recent") + query);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == "size");
  }
  const auto theirs = data_of(globex.get("/activity/recent"));
  REQUIRE(theirs.as_array().size() == 1);
  CHECK(theirs.at(0).at("entityTitle") == "Globex goal");
}
