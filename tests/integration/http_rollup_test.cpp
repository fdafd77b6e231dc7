// End to end over HTTP: progress roll-up through a four-level tree (DESIGN.md "Progress":
// a parent takes the average of its children; a change re-computes the goal's ancestors up
// to the root in the same transaction, touching only that path), with an audit entry per
// change and a goal.progress.changed event per goal on the live feed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "http_intelligence_support.hpp"
#include "support/sse_reader.hpp"

using namespace traction;
using namespace traction::test;

namespace {

// company > division > team > individual, with a sibling (entered progress) at each level
// below the root, and a KPI (up, target 200) linked to the individual goal.
struct Tree {
  std::string company, division, division2, team, team2, person, person2, kpi;
  double division2_progress = 80, team2_progress = 20, person2_progress = 50;
  double target = 200;
};

Tree build_tree(Api& c) {
  Tree t;
  t.company = new_goal(c, "Company", {{"level", "company"}});
  t.division = new_goal(c, "Division", {{"level", "division"}, {"parentId", t.company}});
  t.division2 = new_goal(c, "Division 2", {{"level", "division"}, {"progress", t.division2_progress}});
  REQUIRE(link_parent(c, t.division2, t.company).status == 200);
  t.team = new_goal(c, "Team", {{"level", "team"}, {"parentId", t.division}});
  t.team2 = new_goal(c, "Team 2", {{"level", "team"}, {"parentId", t.division}, {"progress", t.team2_progress}});
  t.person = new_goal(c, "Person", {{"level", "individual"}, {"parentId", t.team}});
  t.person2 = new_goal(c, "Person 2", {{"level", "individual"}, {"progress", t.person2_progress}});
  REQUIRE(link_parent(c, t.person2, t.team, "/api/goals").status == 200);
  t.kpi = id_of(c.post("/kpis", json::object{{"name", "Revenue"}, {"direction", "up"}}));
  REQUIRE(c.post("/goals/" + t.person + "/kpis:link", json::object{{"kpiId", t.kpi}, {"target", t.target}, {"thresholdPct", 80}}).status == 201);
  return t;
}

// The progress a reading `value` gives each goal of the tree, by the rule.
std::map<std::string, double> expected_progress(const Tree& t, std::optional<double> value) {
  std::map<std::string, double> p;
  p[t.person] = value ? std::clamp(100 * *value / t.target, 0.0, 100.0) : 0.0;  // no reading: entered 0
  p[t.person2] = t.person2_progress;
  p[t.team] = (p[t.person] + p[t.person2]) / 2;
  p[t.team2] = t.team2_progress;
  p[t.division] = (p[t.team] + p[t.team2]) / 2;
  p[t.division2] = t.division2_progress;
  p[t.company] = (p[t.division] + p[t.division2]) / 2;
  return p;
}

std::string text_of(double progress) {
  // As audit entries write progress ("{:g}"): these values have at most two decimals.
  std::ostringstream out;
  out << progress;
  return out.str();
}

}  // namespace

TEST_CASE("a KPI reading at a leaf moves every ancestor, audited, with a live event each", "[intelligence][rollup]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto t = build_tree(acme);
  const std::vector<std::string> path{t.person, t.team, t.division, t.company};  // leaf first
  const std::vector<std::string> off_path{t.person2, t.team2, t.division2};

  const auto before = expected_progress(t, std::nullopt);
  for (const auto& [id, p] : before) {
    INFO(str(goal_of(acme, id).at("title")));
    CHECK(progress_of(acme, id) == Approx(p));
  }
  CHECK(goal_of(acme, t.team).at("progressBasis") == "children");
  CHECK(goal_of(acme, t.company).at("progressBasis") == "children");
  std::map<std::string, std::size_t> audits_before;
  for (const auto& id : path) audits_before[id] = audit_entries(acme, id, "progress_changed").size();
  for (const auto& id : off_path) audits_before[id] = audit_of(acme, id).size();

  SseReader live{server.port(), "/realtime/tenants/acme?access_token=" + acme.token()};
  REQUIRE(live.status() == 200);

  const double value = 120;  // 60 % of the target
  REQUIRE(acme.post("/kpis/" + t.kpi + "/readings", json::object{{"period", "2025-03"}, {"value", value}}).status == 201);
  const auto after = expected_progress(t, value);

  // Every goal on the path moved by the rule; the siblings stayed where they were.
  for (const auto& [id, p] : after) {
    INFO(str(goal_of(acme, id).at("title")));
    CHECK(progress_of(acme, id) == Approx(p));
  }
  CHECK(goal_of(acme, t.person).at("progressBasis") == "kpis");
  for (const auto& id : path) CHECK(after.at(id) != before.at(id));  // the data makes each move

  // One audit entry per moved goal, with the old and new values and why.
  for (const auto& id : path) {
    INFO(str(goal_of(acme, id).at("title")));
    const auto entries = audit_entries(acme, id, "progress_changed");
    REQUIRE(entries.size() == audits_before[id] + 1);
    const auto& latest = entries.front();
    CHECK(latest.at("field") == "progress");
    CHECK(str(latest.at("oldValue")) == text_of(before.at(id)));
    CHECK(str(latest.at("newValue")) == text_of(after.at(id)));
    CHECK(latest.at("timestamp").is_string());
  }
  CHECK(str(audit_entries(acme, t.person, "progress_changed").front().at("reason")).find("KPI \"Revenue\"") !=
        std::string::npos);
  CHECK(str(audit_entries(acme, t.team, "progress_changed").front().at("reason")) ==
        "rolled up from child goal \"Person\"");
  CHECK(str(audit_entries(acme, t.division, "progress_changed").front().at("reason")) ==
        "rolled up from child goal \"Team\"");
  CHECK(str(audit_entries(acme, t.company, "progress_changed").front().at("reason")) ==
        "rolled up from child goal \"Division\"");
  for (const auto& id : off_path) CHECK(audit_of(acme, id).size() == audits_before[id]);

  // Each moved goal has a change snapshot with its new progress.
  for (const auto& id : path) {
    const auto history = data_of(acme.get("/goals/" + id + "/progress-history")).as_array();
    REQUIRE(!history.empty());
    CHECK(num(history.back().at("progress")) == Approx(after.at(id)));
    CHECK(history.back().at("source") == "change");
  }

  // The live feed: one goal.progress.changed per goal on the path, leaf first, none elsewhere.
  std::vector<std::string> moved;
  std::set<std::string> kpi_events;
  while (moved.size() < path.size() || kpi_events.empty()) {
    const auto event = live.next_event();
    REQUIRE(event.has_value());
    const auto data = event->json();
    if (event->event == "kpi.reading.created") {
      kpi_events.insert(str(data.at("goalId")));
      continue;
    }
    if (event->event != "goal.progress.changed") continue;
    const auto goal = str(data.at("goalId"));
    INFO(goal);
    CHECK(data.at("type") == "goal.progress.changed");
    CHECK(num(data.at("oldProgress")) == Approx(before.at(goal)));
    CHECK(num(data.at("newProgress")) == Approx(after.at(goal)));
    CHECK(data.at("basis") == (goal == t.person ? "kpis" : "children"));
    moved.push_back(goal);
  }
  CHECK(moved == path);
  CHECK(kpi_events == std::set<std::string>{t.person});
}

TEST_CASE("linking, unlinking and a child's manual progress re-compute the ancestors", "[intelligence][rollup]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto t = build_tree(acme);
  REQUIRE(acme.post("/kpis/" + t.kpi + "/readings", json::object{{"period", "2025-03"}, {"value", 60}}).status == 201);
  auto p = expected_progress(t, 60);
  CHECK(progress_of(acme, t.company) == Approx(p[t.company]));

  // Person 2 leaves its team: the team is Person alone, and that moves up to the root.
  REQUIRE(acme.post_empty("/goals/" + t.person2 + "/unlink-parent").status == 200);
  const double team = p[t.person];
  const double division = (team + t.team2_progress) / 2;
  const double company = (division + t.division2_progress) / 2;
  CHECK(progress_of(acme, t.team) == Approx(team));
  CHECK(progress_of(acme, t.division) == Approx(division));
  CHECK(progress_of(acme, t.company) == Approx(company));
  CHECK(progress_of(acme, t.person2) == Approx(t.person2_progress));

  // A manual value on the leaf wins over its KPI and rolls up.
  REQUIRE(acme.post("/api/goals/" + t.person + "/manual-adjustment",
                    json::object{{"progress", 90}, {"justification", "Signed contract not yet booked"}})
              .status == 200);
  CHECK(progress_of(acme, t.team) == Approx(90));
  CHECK(progress_of(acme, t.division) == Approx((90 + t.team2_progress) / 2));
  CHECK(progress_of(acme, t.company) == Approx(((90 + t.team2_progress) / 2 + t.division2_progress) / 2));

  // Moving the team under Division 2 takes it out of Division (Team 2 alone) and into Division 2.
  REQUIRE(link_parent(acme, t.team, t.division2).status == 200);
  CHECK(progress_of(acme, t.division) == Approx(t.team2_progress));
  CHECK(progress_of(acme, t.division2) == Approx(90));
  CHECK(progress_of(acme, t.company) == Approx((t.team2_progress + 90) / 2));
  CHECK(goal_of(acme, t.division2).at("progressBasis") == "children");

  // Every stored figure agrees with a recalculation from scratch.
  for (const auto& id : {t.company, t.division, t.division2, t.team}) {
    const auto r = data_of(acme.post_empty("/goals/" + id + "/recalculate"));
    CHECK(num(r.at("progress")) == Approx(num(r.at("previousProgress"))));
  }
}
