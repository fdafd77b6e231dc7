// End to end over HTTP: 001 "Relationship Management", POST /api/operations/kpi-updates, and
// what deleting a linked goal, strategy or issue does to the actions that point at it.
#include <catch2/catch.hpp>

#include "http_operations_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

using V = std::vector<std::string>;

json::value connections_of(Caller& c, const std::string& action_id) {
  return data_of(c.get("/api/operations/actions/" + action_id)).at("connections");
}

}  // namespace

TEST_CASE("an action's goals and strategies are replaced; its relationships cleared", "[operations][relationships]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  Caller globex{server, "globex"};
  const auto g1 = create_goal(acme, "One");
  const auto g2 = create_goal(acme, "Two");
  const auto s1 = create_strategy(acme, g1, "First");
  const auto s2 = create_strategy(acme, g2, "Second");
  const auto issue = create_issue(acme, {{"title", "Issue"}});
  const auto action = create_action(acme, {{"title", "Act"}, {"connections", {{"goalIds", {g1}}, {"issueIds", {issue}}}}});
  const auto their_goal = create_goal(globex, "Theirs");
  const auto their_strategy = create_strategy(globex, their_goal, "Their strategy");

  auto replaced = data_of(acme.put("/api/operations/actions/" + action + "/goals", json::object{{"goalIds", {g2, g1, g2}}}));
  CHECK(strings_of(replaced.at("connections").at("goalIds")) == V{g2, g1});
  CHECK(strings_of(replaced.at("connections").at("issueIds")) == V{issue});
  replaced = data_of(acme.put("/api/operations/actions/" + action + "/strategies", json::object{{"strategyIds", {s2}}}));
  CHECK(strings_of(replaced.at("connections").at("strategyIds")) == V{s2});
  CHECK(strings_of(replaced.at("connections").at("goalIds")) == V{g2, g1});

  for (const auto& [target, body, field, id] : std::vector<std::tuple<std::string, json::object, std::string, std::string>>{
           {"/goals", {{"goalIds", {g1, "ghost-goal"}}}, "goalIds", "ghost-goal"},
           {"/goals", {{"goalIds", {their_goal}}}, "goalIds", their_goal},
           {"/goals", {{"goalIds", {s1}}}, "goalIds", s1},  // a strategy id is no goal id
           {"/strategies", {{"strategyIds", {"ghost-strategy"}}}, "strategyIds", "ghost-strategy"},
           {"/strategies", {{"strategyIds", {their_strategy}}}, "strategyIds", their_strategy},
       }) {
    INFO(target << " " << json::serialize(body));
    auto res = acme.put("/api/operations/actions/" + action + target, body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == field);
    CHECK(mentions(res, id));
  }
  auto res = acme.put("/api/operations/actions/" + action + "/goals", json::object{});
  CHECK(res.status == 400);
  CHECK(res.field() == "goalIds");
  CHECK(strings_of(connections_of(acme, action).at("goalIds")) == V{g2, g1});  // refused requests change nothing

  // Replacing with an empty list removes every goal link.
  auto emptied = data_of(acme.put("/api/operations/actions/" + action + "/goals", json::object{{"goalIds", json::array{}}}));
  CHECK(emptied.at("connections").at("goalIds").as_array().empty());
  data_of(acme.put("/api/operations/actions/" + action + "/goals", json::object{{"goalIds", {g1}}}));

  auto cleared = data_of(acme.del("/api/operations/actions/" + action + "/relationships"));
  CHECK(cleared.at("connections") ==
        json::value{{"goalIds", json::array{}}, {"strategyIds", json::array{}}, {"issueIds", json::array{}}});
  CHECK(connections_of(acme, action) == cleared.at("connections"));
  CHECK(contains(recent_types(acme), "action_updated"));

  // Another tenant's action is not found on any of these paths.
  CHECK(globex.put("/api/operations/actions/" + action + "/goals", json::object{{"goalIds", {their_goal}}}).status == 404);
  CHECK(globex.put("/api/operations/actions/" + action + "/strategies", json::object{{"strategyIds", json::array{}}})
            .status == 404);
  CHECK(globex.del("/api/operations/actions/" + action + "/relationships").code() == "ACTION_NOT_FOUND");
}

TEST_CASE("batch reads map each id to its goals, strategies or KPIs", "[operations][relationships]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  Caller globex{server, "globex"};
  const auto g1 = create_goal(acme, "One");
  const auto g2 = create_goal(acme, "Two");
  const auto s1 = create_strategy(acme, g1, "First");
  const auto revenue = create_kpi(acme, "Revenue");
  data_of(acme.post("/goals/" + g1 + "/kpis:link", json::object{{"kpiId", revenue}, {"thresholdPct", 80}, {"target", 1000}}),
          201);
  const auto a1 = create_action(acme, {{"title", "A1"}, {"connections", {{"goalIds", {g1, g2}}, {"strategyIds", {s1}}}}});
  const auto a2 = create_action(acme, {{"title", "A2"}});

  auto goals = data_of(acme.post("/api/operations/actions/goals", json::object{{"actionIds", {a1, a2}}}));
  REQUIRE(goals.as_object().size() == 2);
  CHECK(field_of_each(goals.at(a1), "title") == V{"One", "Two"});
  CHECK(goals.at(a1).as_array()[0].at("kpis").as_array().size() == 1);
  CHECK(goals.at(a2).as_array().empty());

  auto strategies = data_of(acme.post("/api/operations/actions/strategies", json::object{{"actionIds", {a1, a2}}}));
  CHECK(field_of_each(strategies.at(a1), "id") == V{s1});
  CHECK(strategies.at(a1).as_array()[0].at("description") == "First");
  CHECK(str(strategies.at(a1).as_array()[0].at("goalId")) == g1);
  CHECK(strategies.at(a2).as_array().empty());

  auto kpis = data_of(acme.post("/api/operations/goals/kpis", json::object{{"goalIds", {g1, g2}}}));
  REQUIRE(kpis.at(g1).as_array().size() == 1);
  const auto& link = kpis.at(g1).as_array()[0];
  CHECK(str(link.at("sharedKpiId")) == revenue);
  CHECK(str(link.at("goalId")) == g1);
  CHECK(link.at("name") == "Revenue");
  CHECK(link.at("targetValue").to_number<double>() == 1000);
  CHECK(kpis.at(g2).as_array().empty());
  CHECK(data_of(acme.post("/api/operations/goals/kpis", json::object{{"goalIds", json::array{}}})).as_object().empty());

  const auto theirs = create_action(globex, {{"title", "Theirs"}});
  for (const auto& [target, body, field, id] : std::vector<std::tuple<std::string, json::object, std::string, std::string>>{
           {"/api/operations/actions/goals", {{"actionIds", {a1, theirs}}}, "actionIds", theirs},
           {"/api/operations/actions/strategies", {{"actionIds", {"ghost-action"}}}, "actionIds", "ghost-action"},
           {"/api/operations/goals/kpis", {{"goalIds", {g1, "ghost-goal"}}}, "goalIds", "ghost-goal"},
       }) {
    INFO(target);
    auto res = acme.post(target, body);
    CHECK(res.status == 400);
    CHECK(res.field() == field);
    CHECK(mentions(res, id));
  }
  auto res = acme.post("/api/operations/actions/goals", json::object{});
  CHECK(res.status == 400);
  CHECK(res.field() == "actionIds");
}

TEST_CASE("a KPI update from an action records a reading and re-computes the linked goals",
          "[operations][relationships][kpi]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  Caller globex{server, "globex"};
  const auto parent = create_goal(acme, "Company");
  const auto goal = id_of(acme.post("/goals", json::object{{"title", "Sales"}, {"horizon", "quarter"}, {"parentId", parent}}));
  const auto revenue = create_kpi(acme, "Revenue");
  data_of(acme.post("/goals/" + goal + "/kpis:link", json::object{{"kpiId", revenue}, {"thresholdPct", 80}, {"target", 1000}}),
          201);
  const auto action = create_action(acme, {{"title", "Close deals"}, {"connections", {{"goalIds", {goal}}}}});

  auto res = acme.post("/api/operations/kpi-updates", json::object{{"actionId", action},
                                                                  {"kpiId", revenue},
                                                                  {"sharedKpiId", revenue},
                                                                  {"horizonId", "2025-Q1"},
                                                                  {"newValue", 400},
                                                                  {"updateDate", "2025-01-20"},
                                                                  {"notes", "Two deals closed"}});
  auto update = data_of(res, 201);
  CHECK(str(update.at("reading").at("kpiId")) == revenue);
  CHECK(update.at("reading").at("period") == "2025-01");
  CHECK(update.at("reading").at("value").to_number<double>() == 400);
  CHECK(str(update.at("reading").at("sourceActionId")) == action);
  CHECK(update.at("reading").at("reason") == "Two deals closed");
  REQUIRE(update.at("goals").as_array().size() == 1);
  CHECK(str(update.at("goals").as_array()[0].at("id")) == goal);
  CHECK(update.at("goals").as_array()[0].at("progress").to_number<double>() == 40);

  CHECK(data_of(acme.get("/goals/" + goal)).at("progress").to_number<double>() == 40);
  CHECK(data_of(acme.get("/goals/" + parent)).at("progress").to_number<double>() == 40);  // rolled up
  auto readings = data_of(acme.get("/kpis/" + revenue + "/readings"));
  REQUIRE(readings.as_array().size() == 1);
  CHECK(str(readings.as_array()[0].at("sourceActionId")) == action);
  CHECK(recent_types(acme).front() == "kpi_updated");

  // A second update of the period is refused unless it replaces the first.
  json::object again{{"actionId", action}, {"kpiId", revenue}, {"newValue", 500}, {"updateDate", "2025-01-25"}};
  res = acme.post("/api/operations/kpi-updates", again);
  CHECK(res.status == 409);
  CHECK(res.code() == "DUPLICATE_READING");
  again["replace"] = true;
  data_of(acme.post("/api/operations/kpi-updates", again), 201);
  CHECK(data_of(acme.get("/goals/" + goal)).at("progress").to_number<double>() == 50);

  const auto their_action = create_action(globex, {{"title", "Theirs"}});
  const auto their_kpi = create_kpi(globex, "Their revenue");
  struct Case {
    json::object body;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{
           {{{"kpiId", revenue}, {"newValue", 1}}, "actionId"},
           {{{"actionId", "ghost-action"}, {"kpiId", revenue}, {"newValue", 1}}, "actionId"},
           {{{"actionId", their_action}, {"kpiId", revenue}, {"newValue", 1}}, "actionId"},
           {{{"actionId", action}, {"newValue", 1}}, "kpiId"},
           {{{"actionId", action}, {"kpiId", their_kpi}, {"newValue", 1}}, "kpiId"},
           {{{"actionId", action}, {"kpiId", revenue}}, "newValue"},
           {{{"actionId", action}, {"kpiId", revenue}, {"newValue", "lots"}}, "newValue"},
           {{{"actionId", action}, {"kpiId", revenue}, {"newValue", 1}, {"updateDate", "someday"}}, "updateDate"},
       }) {
    INFO(json::serialize(c.body));
    res = acme.post("/api/operations/kpi-updates", c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  res = acme.post("/api/operations/kpi-updates", json::object{{"actionId", their_action}, {"kpiId", revenue}, {"newValue", 1}});
  CHECK(mentions(res, their_action));
  CHECK(data_of(acme.get("/kpis/" + revenue + "/readings")).as_array().size() == 1);
}

TEST_CASE("deleting a goal, a strategy or an issue removes the links that point at it", "[operations][relationships]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto doomed_goal = create_goal(acme, "Doomed");
  const auto kept_goal = create_goal(acme, "Kept");
  const auto doomed_strategy = create_strategy(acme, kept_goal, "Doomed strategy");
  const auto kept_strategy = create_strategy(acme, kept_goal, "Kept strategy");
  const auto goal_strategy = create_strategy(acme, doomed_goal, "Goes with its goal");
  const auto doomed_issue = create_issue(acme, {{"title", "Doomed issue"},
                                                {"connections", {{"goalIds", {doomed_goal, kept_goal}},
                                                                 {"strategyIds", {doomed_strategy, kept_strategy}}}}});
  const auto kept_issue = create_issue(acme, {{"title", "Kept issue"}});
  const auto action = create_action(
      acme, {{"title", "Linked everywhere"},
             {"connections", {{"goalIds", {doomed_goal, kept_goal}},
                              {"strategyIds", {doomed_strategy, kept_strategy, goal_strategy}},
                              {"issueIds", {doomed_issue, kept_issue}}}}});

  REQUIRE(acme.del("/goals/" + kept_goal + "/strategies/" + doomed_strategy).status == 200);
  auto links = connections_of(acme, action);
  CHECK(strings_of(links.at("strategyIds")) == V{kept_strategy, goal_strategy});
  auto issue_links = data_of(acme.get("/api/operations/issues/" + doomed_issue)).at("connections");
  CHECK(strings_of(issue_links.at("strategyIds")) == V{kept_strategy});

  REQUIRE(acme.del("/goals/" + doomed_goal).status == 200);
  links = connections_of(acme, action);
  CHECK(strings_of(links.at("goalIds")) == V{kept_goal});
  CHECK(strings_of(links.at("strategyIds")) == V{kept_strategy});  // the goal's strategies went with it
  issue_links = data_of(acme.get("/api/operations/issues/" + doomed_issue)).at("connections");
  CHECK(strings_of(issue_links.at("goalIds")) == V{kept_goal});
  CHECK(strings_of(issue_links.at("actionIds")) == V{action});

  REQUIRE(acme.del("/api/operations/issues/" + doomed_issue).status == 200);
  CHECK(strings_of(connections_of(acme, action).at("issueIds")) == V{kept_issue});
  auto filtered = data_of(acme.get("/api/operations/actions?issueIds=" + doomed_issue));
  CHECK(filtered.as_array().empty());
}
