// End to end over HTTP: 002's recalculate, manual-adjustment (and :clear), the audit log and
// progress-history, under /goals/{id}/... and /api/goals/{id}/...
#include <catch2/catch.hpp>

#include "http_intelligence_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

const std::string justification = "Board approved the figure";

void check_invalid(const HttpResponse& res, std::string_view field) {
  INFO(res.body);
  CHECK(res.status == 400);
  CHECK(res.code() == "VALIDATION_ERROR");
  CHECK(res.field() == field);
}

}  // namespace

TEST_CASE("recalculate returns the progress and the method it used", "[intelligence][progress]") {
  TestServer server;
  Api acme{server, "acme"};

  // entered: the progress last entered.
  const auto entered = new_goal(acme, "Entered", {{"progress", 30}});
  for (const auto prefix : goal_prefixes) {
    INFO(prefix);
    const auto r = data_of(acme.post_empty(std::string(prefix) + "/" + entered + "/recalculate"));
    CHECK(str(r.at("goalId")) == entered);
    CHECK(num(r.at("progress")) == 30);
    CHECK(num(r.at("previousProgress")) == 30);
    CHECK(r.at("calculationMethod") == "entered");
    CHECK(num(r.at("childCount")) == 0);
    CHECK(num(r.at("kpiCount")) == 0);
    CHECK(r.at("calculatedAt").is_string());
  }

  // kpis: the weighted average of the linked KPIs' progress (up: current/target, down:
  // target/current, clamped).
  const auto up = id_of(acme.post("/kpis", json::object{{"name", "Sales"}, {"direction", "up"}}));
  const auto down = id_of(acme.post("/kpis", json::object{{"name", "Churn"}, {"direction", "down"}}));
  const auto by_kpis = new_goal(acme, "By KPIs", {{"progress", 5}});
  REQUIRE(acme.post("/goals/" + by_kpis + "/kpis:link", json::object{{"kpiId", up}, {"target", 80}, {"weight", 3}, {"thresholdPct", 70}}).status == 201);
  REQUIRE(acme.post("/goals/" + by_kpis + "/kpis:link", json::object{{"kpiId", down}, {"target", 2}, {"weight", 1}, {"thresholdPct", 70}}).status == 201);
  REQUIRE(acme.post("/kpis/" + up + "/readings", json::object{{"period", "2025-02"}, {"value", 40}}).status == 201);
  REQUIRE(acme.post("/kpis/" + down + "/readings", json::object{{"period", "2025-02"}, {"value", 8}}).status == 201);
  const double up_progress = 100.0 * 40 / 80;   // 50
  const double down_progress = 100.0 * 2 / 8;   // 25
  const double kpi_progress = (3 * up_progress + 1 * down_progress) / (3 + 1);
  auto r = data_of(acme.post_empty("/api/goals/" + by_kpis + "/recalculate"));
  CHECK(r.at("calculationMethod") == "kpis");
  CHECK(num(r.at("progress")) == Approx(kpi_progress));
  CHECK(num(r.at("kpiCount")) == 2);
  CHECK(progress_of(acme, by_kpis) == Approx(kpi_progress));

  // children: the average of the children's progress.
  const auto parent = new_goal(acme, "Parent", {{"progress", 99}});
  new_goal(acme, "Child 1", {{"parentId", parent}, {"progress", 10}});
  new_goal(acme, "Child 2", {{"parentId", parent}, {"progress", 40}});
  r = data_of(acme.post_empty("/goals/" + parent + "/recalculate"));
  CHECK(r.at("calculationMethod") == "children");
  CHECK(num(r.at("progress")) == Approx((10.0 + 40.0) / 2));
  CHECK(num(r.at("childCount")) == 2);

  // From the stored children, exactly, not from the running sum the roll-up keeps: a
  // drifted sum (and the progress made from it) is put right, and the ancestors follow.
  const auto grandparent = new_goal(acme, "Grandparent");
  REQUIRE(link_parent(acme, parent, grandparent).status == 200);
  REQUIRE(progress_of(acme, grandparent) == Approx(25));
  tamper_goal(server, "acme", parent, [](Goal& g) {
    g.children_progress_sum = 130;
    g.progress = 65;
  });
  tamper_goal(server, "acme", grandparent, [](Goal& g) {
    g.children_progress_sum = 65;
    g.progress = 65;
  });
  r = data_of(acme.post_empty("/api/goals/" + parent + "/recalculate"));
  CHECK(num(r.at("previousProgress")) == 65);
  CHECK(num(r.at("progress")) == Approx((10.0 + 40.0) / 2));
  CHECK(r.at("calculationMethod") == "children");
  CHECK(progress_of(acme, parent) == Approx(25));
  CHECK(progress_of(acme, grandparent) == Approx(25));

  // manual: an override wins over everything else.
  REQUIRE(acme.post("/goals/" + parent + "/manual-adjustment",
                    json::object{{"progress", 70}, {"justification", justification}})
              .status == 200);
  r = data_of(acme.post_empty("/goals/" + parent + "/recalculate"));
  CHECK(r.at("calculationMethod") == "manual");
  CHECK(num(r.at("progress")) == 70);
  CHECK(num(r.at("previousProgress")) == 70);

  CHECK(acme.post_empty("/goals/no-such-goal/recalculate").status == 404);
  Api globex{server, "globex"};
  CHECK(globex.post_empty("/api/goals/" + parent + "/recalculate").code() == "GOAL_NOT_FOUND");
  CHECK(globex.get("/api/goals/" + parent + "/audit").status == 404);
  CHECK(globex.get("/api/goals/" + parent + "/progress-history").status == 404);
}

TEST_CASE("manual adjustment needs 0..100 and a justification of at least 10 characters", "[intelligence][progress]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto kpi = id_of(acme.post("/kpis", json::object{{"name", "Sales"}, {"direction", "up"}}));
  const auto goal = new_goal(acme, "Goal");
  REQUIRE(acme.post("/goals/" + goal + "/kpis:link", json::object{{"kpiId", kpi}, {"target", 200}, {"thresholdPct", 70}}).status == 201);
  REQUIRE(acme.post("/kpis/" + kpi + "/readings", json::object{{"period", "2025-01"}, {"value", 50}}).status == 201);
  const double from_kpi = 100.0 * 50 / 200;
  REQUIRE(progress_of(acme, goal) == Approx(from_kpi));

  for (const auto prefix : goal_prefixes) {
    INFO(prefix);
    const std::string target = std::string(prefix) + "/" + goal + "/manual-adjustment";
    check_invalid(acme.post(target, json::object{{"progress", 50}, {"justification", "too short"}}), "justification");
    check_invalid(acme.post(target, json::object{{"progress", 50}, {"justification", "   nine chr   "}}), "justification");
    check_invalid(acme.post(target, json::object{{"progress", 50}}), "justification");
    check_invalid(acme.post(target, json::object{{"progress", -0.5}, {"justification", justification}}), "progress");
    check_invalid(acme.post(target, json::object{{"progress", 100.5}, {"justification", justification}}), "progress");
    check_invalid(acme.post(target, json::object{{"justification", justification}}), "progress");
    check_invalid(acme.post(target, json::object{{"progress", "50"}, {"justification", justification}}), "progress");
    CHECK(acme.post(target, json::value("not an object")).status == 400);
  }
  auto g = goal_of(acme, goal);
  CHECK(num(g.at("progress")) == Approx(from_kpi));
  CHECK(g.at("calculationSource") == "auto");
  CHECK(audit_entries(acme, goal, "manual_adjustment").empty());

  // The bounds themselves are allowed, and exactly ten characters is enough ("reason" too).
  auto adjusted = data_of(acme.post("/api/goals/" + goal + "/manual-adjustment",
                                    json::object{{"progress", 0}, {"justification", "0123456789"}}));
  CHECK(num(adjusted.at("progress")) == 0);
  adjusted = data_of(acme.post("/goals/" + goal + "/manual-adjustment",
                               json::object{{"progress", 100}, {"reason", "Ten chars!"}}));
  CHECK(num(adjusted.at("progress")) == 100);
  adjusted = data_of(acme.post("/goals/" + goal + "/manual-adjustment",
                               json::object{{"progress", 62.5}, {"justification", "  " + justification + "  "}}));
  CHECK(num(adjusted.at("progress")) == 62.5);
  CHECK(adjusted.at("calculationSource") == "manual");
  CHECK(adjusted.at("progressBasis") == "manual");
  CHECK(str(adjusted.at("manualOverrideReason")) == justification);  // trimmed

  // Audited with old and new values and the justification, newest first.
  const auto audits = audit_entries(acme, goal, "manual_adjustment");
  REQUIRE(audits.size() == 3);
  CHECK(audits[0].at("field") == "progress");
  CHECK(audits[0].at("oldValue") == "100");
  CHECK(audits[0].at("newValue") == "62.5");
  CHECK(str(audits[0].at("reason")) == justification);
  CHECK(audits[0].at("userId") == "u1");
  CHECK(audits[1].at("oldValue") == "0");
  CHECK(audits[1].at("newValue") == "100");
  CHECK(audits[1].at("reason") == "Ten chars!");
  CHECK(audits[2].at("oldValue") == "25");
  CHECK(audits[2].at("newValue") == "0");
  // The audit log pages like every list, under both prefixes.
  auto page = acme.get("/api/goals/" + goal + "/audit?page=1&size=2").json();
  CHECK(page.at("data").as_array().size() == 2);
  CHECK(num(page.at("pagination").at("total")) == num(acme.get("/goals/" + goal + "/audit").json().at("pagination").at("total")));

  // A new reading does not move a manual goal.
  REQUIRE(acme.post("/kpis/" + kpi + "/readings", json::object{{"period", "2025-02"}, {"value", 150}}).status == 201);
  CHECK(progress_of(acme, goal) == 62.5);

  // Clearing returns to the computed value (now the newest reading) and is audited.
  const double now_from_kpi = 100.0 * 150 / 200;
  const auto cleared = data_of(acme.post_empty("/api/goals/" + goal + "/manual-adjustment:clear"));
  CHECK(num(cleared.at("progress")) == Approx(now_from_kpi));
  CHECK(cleared.at("calculationSource") == "auto");
  CHECK(cleared.at("progressBasis") == "kpis");
  CHECK(cleared.at("manualOverrideReason").is_null());
  const auto clears = audit_entries(acme, goal, "manual_adjustment_cleared");
  REQUIRE(clears.size() == 1);
  CHECK(clears[0].at("oldValue") == "62.5");
  CHECK(clears[0].at("newValue") == "75");
  check_invalid(acme.post_empty("/goals/" + goal + "/manual-adjustment:clear"), "progress");

  // Employees adjust only goals they own.
  Api employee{server, "acme", Role::employee, "someone-else"};
  auto res = employee.post("/goals/" + goal + "/manual-adjustment",
                           json::object{{"progress", 10}, {"justification", justification}});
  CHECK(res.status == 403);
  CHECK(progress_of(acme, goal) == Approx(now_from_kpi));
  CHECK(acme.post("/goals/no-such-goal/manual-adjustment", json::object{{"progress", 10}, {"justification", justification}})
            .status == 404);
}

TEST_CASE("progress-history lists snapshots oldest first within startDate..endDate", "[intelligence][progress]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto goal = new_goal(acme, "Goal", {{"progress", 10}});
  const auto other = new_goal(acme, "Other");
  const auto d = [](const char* text) { return *parse_date(text); };
  // Seeded out of order; the store returns them by time.
  seed_snapshot(server, "acme", goal, start_of(d("2025-01-20")) + std::chrono::hours{23}, 30);
  seed_snapshot(server, "acme", goal, start_of(d("2025-01-10")), 10);
  seed_snapshot(server, "acme", goal, start_of(d("2025-01-15")) + std::chrono::hours{8}, 20);
  seed_snapshot(server, "acme", goal, start_of(d("2025-01-21")), 35);
  seed_snapshot(server, "acme", other, start_of(d("2025-01-15")), 99);
  seed_snapshot(server, "globex", goal, start_of(d("2025-01-15")), 98);
  // A change today adds a snapshot of its own.
  REQUIRE(acme.put("/goals/" + goal, json::object{{"progress", 45}}).status == 200);

  for (const auto prefix : goal_prefixes) {
    INFO(prefix);
    const std::string base = std::string(prefix) + "/" + goal + "/progress-history";
    const auto all = data_of(acme.get(base)).as_array();
    // Seeded four plus creation (10) and the change (45), both today.
    REQUIRE(all.size() == 6);
    std::vector<double> values;
    for (const auto& s : all) values.push_back(num(s.at("progress")));
    CHECK(values == std::vector<double>{10, 20, 30, 35, 10, 45});
    CHECK(all[0].at("date") == "2025-01-10");
    CHECK(all[0].at("source") == "daily");
    CHECK(str(all[0].at("goalId")) == goal);
    CHECK(all[2].at("timestamp") == "2025-01-20T23:00:00.000Z");
    CHECK(all[5].at("source") == "change");
    CHECK(str(all[5].at("date")) == iso(today_of(server)));

    // Whole days, both ends inclusive.
    auto window = data_of(acme.get(base + "?startDate=2025-01-15&endDate=2025-01-20")).as_array();
    REQUIRE(window.size() == 2);
    CHECK(num(window[0].at("progress")) == 20);
    CHECK(num(window[1].at("progress")) == 30);
    window = data_of(acme.get(base + "?start_date=2025-01-11&end_date=2025-01-21")).as_array();
    CHECK(window.size() == 3);
    window = data_of(acme.get(base + "?startDate=2025-01-21")).as_array();
    CHECK(window.size() == 3);  // the 21st and today's two
    window = data_of(acme.get(base + "?endDate=2025-01-14")).as_array();
    REQUIRE(window.size() == 1);
    CHECK(num(window[0].at("progress")) == 10);
    CHECK(data_of(acme.get(base + "?startDate=2024-01-01&endDate=2024-12-31")).as_array().empty());

    check_invalid(acme.get(base + "?startDate=2025-01-20&endDate=2025-01-19"), "endDate");
    check_invalid(acme.get(base + "?startDate=20-01-2025"), "startDate");
    check_invalid(acme.get(base + "?endDate=yesterday"), "endDate");
  }
}
