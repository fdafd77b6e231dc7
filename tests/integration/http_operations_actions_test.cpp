// End to end over HTTP: /api/operations/actions (001 "Operations: Actions").
#include <catch2/catch.hpp>

#include "http_operations_support.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("actions are created, read, updated and deleted with 001's shape", "[operations][actions]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto goal = create_goal(acme, "Grow revenue");
  const auto strategy = create_strategy(acme, goal, "Hire sales reps");
  const auto issue = create_issue(acme, {{"title", "Hiring gap"}});

  auto res = acme.post("/api/operations/actions",
                       json::object{{"title", "  Post job ads  "},
                                    {"description", "On three boards"},
                                    {"startDate", "2025-01-15T00:00:00Z"},
                                    {"dueDate", "2025-02-15"},
                                    {"priority", "high"},
                                    {"assignedPersonId", "u-jane"},
                                    {"assignedPersonName", "Jane Smith"},
                                    {"connections", {{"goalIds", {goal}}, {"strategyIds", {strategy}}, {"issueIds", {issue}}}}});
  auto action = data_of(res, 201);
  const auto id = str(action.at("id"));
  CHECK(action.at("title") == "Post job ads");
  CHECK(action.at("description") == "On three boards");
  CHECK(action.at("startDate") == "2025-01-15T00:00:00.000Z");
  CHECK(action.at("dueDate") == "2025-02-15T00:00:00.000Z");
  CHECK(action.at("priority") == "high");
  CHECK(action.at("status") == "not_started");
  CHECK(action.at("assignedPersonId") == "u-jane");
  CHECK(action.at("assignedPersonName") == "Jane Smith");
  CHECK(action.at("progress").to_number<double>() == 0);
  CHECK(strings_of(action.at("connections").at("goalIds")) == std::vector<std::string>{goal});
  CHECK(strings_of(action.at("connections").at("strategyIds")) == std::vector<std::string>{strategy});
  CHECK(strings_of(action.at("connections").at("issueIds")) == std::vector<std::string>{issue});
  CHECK(action.at("createdAt").is_string());
  CHECK(action.at("updatedAt").is_string());
  CHECK(action.at("completedAt").is_null());

  CHECK(data_of(acme.get("/api/operations/actions/" + id)) == action);

  // Only given fields change; null clears a date.
  auto updated = data_of(acme.put("/api/operations/actions/" + id,
                                  json::object{{"status", "in_progress"}, {"progress", 30}, {"dueDate", nullptr}}));
  CHECK(updated.at("status") == "in_progress");
  CHECK(updated.at("progress").to_number<double>() == 30);
  CHECK(updated.at("dueDate").is_null());
  CHECK(updated.at("title") == "Post job ads");
  CHECK(updated.at("priority") == "high");
  CHECK(updated.at("connections") == action.at("connections"));

  res = acme.del("/api/operations/actions/" + id);
  REQUIRE(res.status == 200);
  const auto body = res.json();
  CHECK(body.at("success") == true);
  CHECK(str(body.at("deletedActionId")) == id);
  CHECK(body.at("deletedAt").is_string());
  CHECK(acme.get("/api/operations/actions/" + id).code() == "ACTION_NOT_FOUND");
  CHECK(acme.get("/api/operations/actions/" + id).status == 404);
  CHECK(acme.del("/api/operations/actions/" + id).status == 404);
  CHECK(acme.put("/api/operations/actions/" + id, json::object{{"title", "x"}}).status == 404);
  CHECK(data_of(acme.get("/api/operations/actions")).as_array().empty());
}

TEST_CASE("action requests are validated field by field", "[operations][actions]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  struct Case {
    json::object body;
    std::string field;
  };
  const std::vector<Case> cases{
      {{{"description", "no title"}}, "title"},
      {{{"title", "   "}}, "title"},
      {{{"title", std::string(201, 'x')}}, "title"},
      {{{"title", "t"}, {"priority", "urgent"}}, "priority"},
      {{{"title", "t"}, {"status", "done"}}, "status"},
      {{{"title", "t"}, {"progress", 120}}, "progress"},
      {{{"title", "t"}, {"startDate", "15/01/2025"}}, "startDate"},
      {{{"title", "t"}, {"startDate", "2025-02-01"}, {"dueDate", "2025-01-31"}}, "dueDate"},
      {{{"title", "t"}, {"connections", {{"goalIds", "not-a-list"}}}}, "connections.goalIds"},
      {{{"title", "t"}, {"connections", {{"goalIds", {"ghost-goal"}}}}}, "connections.goalIds"},
      {{{"title", "t"}, {"connections", {{"strategyIds", {"ghost-strategy"}}}}}, "connections.strategyIds"},
      {{{"title", "t"}, {"connections", {{"issueIds", {"ghost-issue"}}}}}, "connections.issueIds"},
  };
  for (const auto& c : cases) {
    INFO(json::serialize(c.body));
    auto res = acme.post("/api/operations/actions", c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
    CHECK(res.json().at("success") == false);
    CHECK(res.json().at("error").is_string());
  }
  auto ghost = acme.post("/api/operations/actions",
                         json::object{{"title", "t"}, {"connections", {{"goalIds", {"ghost-goal"}}}}});
  CHECK(mentions(ghost, "ghost-goal"));
  CHECK(acme.post("/api/operations/actions", json::value("not an object")).status == 400);
  CHECK(data_of(acme.get("/api/operations/actions")).as_array().empty());

  const auto id = create_action(acme, {{"title", "Valid"}});
  auto res = acme.put("/api/operations/actions/" + id, json::object{{"title", nullptr}});
  CHECK(res.status == 400);
  CHECK(res.field() == "title");
  res = acme.put("/api/operations/actions/" + id, json::object{{"connections", {{"issueIds", {"ghost-issue"}}}}});
  CHECK(res.field() == "connections.issueIds");
  CHECK(mentions(res, "ghost-issue"));
}

TEST_CASE("the action list filters combine", "[operations][actions]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto g1 = create_goal(acme, "One");
  const auto g2 = create_goal(acme, "Two");
  const auto s1 = create_strategy(acme, g1, "First");
  const auto i1 = create_issue(acme, {{"title", "Issue"}});
  const auto jan = create_action(acme, {{"title", "January"},
                                        {"startDate", "2025-01-01"},
                                        {"dueDate", "2025-01-31"},
                                        {"priority", "high"},
                                        {"assignedPersonId", "u-jane"},
                                        {"connections", {{"goalIds", {g1}}, {"strategyIds", {s1}}}}});
  const auto feb = create_action(acme, {{"title", "February"},
                                        {"startDate", "2025-02-01"},
                                        {"dueDate", "2025-02-28"},
                                        {"priority", "low"},
                                        {"assignedPersonId", "u-jane"},
                                        {"connections", {{"goalIds", {g2}}, {"issueIds", {i1}}}}});
  const auto mar = create_action(acme, {{"title", "March"},
                                        {"startDate", "2025-03-01"},
                                        {"dueDate", "2025-03-31"},
                                        {"priority", "critical"},
                                        {"assignedPersonId", "u-joe"},
                                        {"connections", {{"goalIds", {g1, g2}}}}});
  data_of(acme.put("/api/operations/actions/" + mar, json::object{{"status", "completed"}}));

  const auto titles = [&](const std::string& query) {
    auto list = field_of_each(data_of(acme.get("/api/operations/actions" + query)), "title");
    std::sort(list.begin(), list.end());
    return list;
  };
  using V = std::vector<std::string>;
  CHECK(titles("") == V{"February", "January", "March"});
  CHECK(titles("?goalIds=" + g1) == V{"January", "March"});
  CHECK(titles("?goalIds=" + g1 + "&priority=high,low") == V{"January"});
  CHECK(titles("?strategyIds=" + s1) == V{"January"});
  CHECK(titles("?issueIds=" + i1) == V{"February"});
  CHECK(titles("?status=completed") == V{"March"});
  CHECK(titles("?status=not_started&assignedPersonId=u-jane") == V{"February", "January"});
  CHECK(titles("?startDate=2025-01-20&endDate=2025-02-10") == V{"February", "January"});
  CHECK(titles("?startDate=2025-01-20&endDate=2025-02-10&assignedPersonId=u-jane&goalIds=" + g2) == V{"February"});
  CHECK(titles("?endDate=2025-02-01") == V{"February", "January"});  // a bare end date covers its day
  CHECK(titles("?goalIds=" + g1 + "," + g2 + "&priority=critical&status=completed&assignedPersonId=u-joe") ==
        V{"March"});
  CHECK(titles("?assignedPersonId=nobody").empty());

  auto res = acme.get("/api/operations/actions?status=finished");
  CHECK(res.status == 400);
  CHECK(res.field() == "status");
  res = acme.get("/api/operations/actions?startDate=2025-03-01&endDate=2025-01-01");
  CHECK(res.status == 400);
  CHECK(res.field() == "endDate");
  res = acme.get("/api/operations/actions?startDate=yesterday");
  CHECK(res.field() == "startDate");

  // Lists carry their pagination.
  res = acme.get("/api/operations/actions?size=2&page=2");
  REQUIRE(res.status == 200);
  CHECK(res.json().at("pagination").at("total") == 3);
  CHECK(res.json().at("pagination").at("totalPages") == 2);
  CHECK(res.json().at("data").as_array().size() == 1);
  (void)jan;
  (void)feb;
}

TEST_CASE("creating, completing and deleting actions show in the recent activity and the score",
          "[operations][actions]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto a1 = create_action(acme, {{"title", "Call Acme"}});
  create_action(acme, {{"title", "Call Globex"}});
  auto score = data_of(acme.get("/performance/score"));
  CHECK(score.at("components").at("actions").at("metrics").at("completionRate").to_number<double>() == 0);

  auto done = data_of(acme.put("/api/operations/actions/" + a1, json::object{{"status", "completed"}}));
  CHECK(done.at("progress").to_number<double>() == 100);
  CHECK(done.at("completedAt").is_string());
  score = data_of(acme.get("/performance/score"));
  CHECK(score.at("components").at("actions").at("metrics").at("completionRate").to_number<double>() == 50);

  REQUIRE(acme.del("/api/operations/actions/" + a1).status == 200);
  const auto feed = recent_types(acme);
  CHECK(feed.front() == "action_deleted");
  CHECK(contains(feed, "action_completed"));
  CHECK(contains(feed, "action_created"));
  auto recent = data_of(acme.get("/activity/recent?size=50"));
  bool described = false;
  for (const auto& e : recent.as_array()) {
    if (e.at("type") == "action_completed") {
      described = str(e.at("entityId")) == a1 && e.at("entityType") == "action" && e.at("entityTitle") == "Call Acme";
    }
  }
  CHECK(described);
}

TEST_CASE("actions are private to their tenant", "[operations][actions][tenancy]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  Caller globex{server, "globex"};
  const auto theirs = create_action(globex, {{"title", "Globex plan"}});
  const auto their_goal = create_goal(globex, "Globex goal");

  CHECK(acme.get("/api/operations/actions/" + theirs).status == 404);
  CHECK(acme.put("/api/operations/actions/" + theirs, json::object{{"title", "Mine now"}}).status == 404);
  CHECK(acme.del("/api/operations/actions/" + theirs).status == 404);
  CHECK(data_of(acme.get("/api/operations/actions")).as_array().empty());

  auto res = acme.post("/api/operations/actions",
                       json::object{{"title", "Borrow"}, {"connections", {{"goalIds", {their_goal}}}}});
  CHECK(res.status == 400);
  CHECK(res.field() == "connections.goalIds");
  CHECK(mentions(res, their_goal));
  CHECK(data_of(globex.get("/api/operations/actions/" + theirs)).at("title") == "Globex plan");

  HttpClient anonymous = server.server().client();
  CHECK(anonymous.get("/api/operations/actions").status == 401);
}
