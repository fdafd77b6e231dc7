// End to end over HTTP: /api/operations/issues (001 "Operations: Issues").
#include <catch2/catch.hpp>

#include "http_operations_support.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("an issue is created from 001's request and answered in 001's response shape", "[operations][issues]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto goal = create_goal(acme, "Expand");
  const auto strategy = create_strategy(acme, goal, "Open an office");
  const auto personnel = type_id(acme, "Personnel");
  const auto in_progress = status_id(acme, "In Progress");

  auto res = acme.post("/api/operations/issues",
                       json::object{{"title", "Hire senior developer"},
                                    {"description", "Need experienced developer for project X"},
                                    {"typeConfigId", personnel},
                                    {"reportedBy", "user_123"},
                                    {"reporterName", "John Doe"},
                                    {"businessImpact", "high"},
                                    {"priority", "critical"},
                                    {"statusId", in_progress},
                                    {"assignedPersonId", "user_456"},
                                    {"assignedPersonName", "Jane Smith"},
                                    {"dueDate", "2025-02-15T00:00:00Z"},
                                    {"estimatedHours", 40.0},
                                    {"tags", {"hiring", "urgent"}},
                                    {"rootCauseAnalysis", "Expansion requirements"},
                                    {"connections", {{"goalIds", {goal}}, {"strategyIds", {strategy}}}}});
  auto issue = data_of(res, 201);
  const auto id = str(issue.at("id"));
  CHECK(issue.at("title") == "Hire senior developer");
  CHECK(issue.at("description") == "Need experienced developer for project X");
  CHECK(str(issue.at("typeConfigId")) == personnel);
  CHECK(str(issue.at("statusConfigId")) == in_progress);
  CHECK(issue.at("impact") == "high");
  CHECK(issue.at("priority") == "critical");
  CHECK(issue.at("reporterId") == "user_123");
  CHECK(issue.at("reporterName") == "John Doe");
  CHECK(issue.at("assignedPersonId") == "user_456");
  CHECK(issue.at("assignedPersonName") == "Jane Smith");
  CHECK(issue.at("dueDate") == "2025-02-15T00:00:00.000Z");
  CHECK(issue.at("estimatedHours").to_number<double>() == 40.0);
  CHECK(issue.at("actualHours").is_null());
  CHECK(strings_of(issue.at("tags")) == std::vector<std::string>{"hiring", "urgent"});
  CHECK(issue.at("displayOrder") == 0);
  CHECK(strings_of(issue.at("connections").at("goalIds")) == std::vector<std::string>{goal});
  CHECK(strings_of(issue.at("connections").at("strategyIds")) == std::vector<std::string>{strategy});
  CHECK(issue.at("connections").at("actionIds").as_array().empty());
  CHECK(issue.at("rootCauseAnalysis") == "Expansion requirements");
  CHECK(issue.at("resolutionNotes").is_null());
  CHECK(issue.at("createdAt").is_string());
  CHECK(issue.at("updatedAt").is_string());
  CHECK(issue.at("createdBy") == "u1");
  CHECK(issue.at("updatedBy") == "u1");
  CHECK(issue.as_object().if_contains("businessImpact") == nullptr);  // responses use one spelling

  // GET answers the same object, with the actions that name the issue.
  const auto action = create_action(acme, {{"title", "Interview"}, {"connections", {{"issueIds", {id}}}}});
  auto fetched = data_of(acme.get("/api/operations/issues/" + id));
  CHECK(strings_of(fetched.at("connections").at("actionIds")) == std::vector<std::string>{action});
  fetched.as_object()["connections"].as_object()["actionIds"] = json::array{};
  CHECK(fetched == issue);
  CHECK(acme.get("/api/operations/issues/no-such-issue").code() == "ISSUE_NOT_FOUND");
}

TEST_CASE("requests accept both spellings; a new issue gets the first open status and the default type",
          "[operations][issues]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto blocked = status_id(acme, "Blocked");
  auto issue = data_of(acme.post("/api/operations/issues", json::object{{"title", "Other spelling"},
                                                                        {"impact", "low"},
                                                                        {"reporterId", "user_9"},
                                                                        {"statusConfigId", blocked}}),
                       201);
  CHECK(issue.at("impact") == "low");
  CHECK(issue.at("reporterId") == "user_9");
  CHECK(str(issue.at("statusConfigId")) == blocked);

  auto plain = data_of(acme.post("/api/operations/issues", json::object{{"title", "Plain"}}), 201);
  CHECK(str(plain.at("statusConfigId")) == status_id(acme, "Open"));
  CHECK(plain.at("statusName") == "Open");
  CHECK(plain.at("statusCategory") == "open");
  CHECK(plain.at("typeConfigId").is_null());  // no default type yet
  CHECK(plain.at("impact") == "medium");
  CHECK(plain.at("priority") == "medium");
  CHECK(plain.at("reporterId") == "u1");  // the caller
  CHECK(plain.at("reporterName") == "Test User");

  const auto marketing = id_of(acme.post("/api/operations/issue-types", json::object{{"name", "Marketing"}, {"isDefault", true}}));
  auto typed = data_of(acme.post("/api/operations/issues", json::object{{"title", "Typed"}}), 201);
  CHECK(str(typed.at("typeConfigId")) == marketing);
  CHECK(typed.at("typeName") == "Marketing");
}

TEST_CASE("issue requests are validated field by field", "[operations][issues]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  Caller globex{server, "globex"};
  const auto their_goal = create_goal(globex, "Theirs");
  const auto their_status = status_id(globex, "Open");
  struct Case {
    json::object body;
    std::string field;
  };
  const std::vector<Case> cases{
      {{{"description", "no title"}}, "title"},
      {{{"title", "t"}, {"priority", "urgent"}}, "priority"},
      {{{"title", "t"}, {"priority", 3}}, "priority"},
      {{{"title", "t"}, {"businessImpact", "huge"}}, "businessImpact"},
      {{{"title", "t"}, {"impact", "huge"}}, "impact"},
      {{{"title", "t"}, {"statusId", "no-such-status"}}, "statusId"},
      {{{"title", "t"}, {"statusId", their_status}}, "statusId"},
      {{{"title", "t"}, {"typeConfigId", "no-such-type"}}, "typeConfigId"},
      {{{"title", "t"}, {"estimatedHours", -1}}, "estimatedHours"},
      {{{"title", "t"}, {"dueDate", "soon"}}, "dueDate"},
      {{{"title", "t"}, {"tags", {"ok", ""}}}, "tags[1]"},
      {{{"title", "t"}, {"rootCauseAnalysis", {{"method", "guessing"}}}}, "rootCauseAnalysis.method"},
      {{{"title", "t"}, {"rootCauseAnalysis", 7}}, "rootCauseAnalysis"},
      {{{"title", "t"}, {"connections", {{"goalIds", {their_goal}}}}}, "connections.goalIds"},
      {{{"title", "t"}, {"connections", {{"strategyIds", {"ghost-strategy"}}}}}, "connections.strategyIds"},
  };
  for (const auto& c : cases) {
    INFO(json::serialize(c.body));
    auto res = acme.post("/api/operations/issues", c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  auto res = acme.post("/api/operations/issues",
                       json::object{{"title", "t"}, {"connections", {{"goalIds", {their_goal}}}}});
  CHECK(mentions(res, their_goal));
  CHECK(data_of(acme.get("/api/operations/issues")).as_array().empty());
}

TEST_CASE("PUT changes only the given fields", "[operations][issues]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto id = create_issue(acme, {{"title", "Hire senior developer"},
                                      {"description", "Project X"},
                                      {"businessImpact", "high"},
                                      {"priority", "critical"},
                                      {"tags", {"hiring"}},
                                      {"estimatedHours", 40},
                                      {"rootCauseAnalysis", {{"method", "five_whys"}, {"findings", {{"why1", "growth"}}}}}});
  const auto before = data_of(acme.get("/api/operations/issues/" + id));
  CHECK(before.at("rootCauseAnalysis").at("method") == "five_whys");
  CHECK(before.at("rootCauseAnalysis").at("findings").at("why1") == "growth");

  auto after = data_of(acme.put("/api/operations/issues/" + id, json::object{{"actualHours", 25.5}}));
  CHECK(after.at("actualHours").to_number<double>() == 25.5);
  for (const auto* field : {"title", "description", "impact", "priority", "tags", "estimatedHours",
                            "statusConfigId", "typeConfigId", "reporterId", "rootCauseAnalysis", "connections",
                            "createdAt", "createdBy"}) {
    INFO(field);
    CHECK(after.at(field) == before.at(field));
  }

  after = data_of(acme.put("/api/operations/issues/" + id, json::object{{"impact", "low"},
                                                                       {"reportedBy", "user_7"},
                                                                       {"statusConfigId", status_id(acme, "In Review")},
                                                                       {"estimatedHours", nullptr},
                                                                       {"rootCauseAnalysis", nullptr}}));
  CHECK(after.at("impact") == "low");
  CHECK(after.at("reporterId") == "user_7");
  CHECK(after.at("statusName") == "In Review");
  CHECK(after.at("estimatedHours").is_null());
  CHECK(after.at("rootCauseAnalysis").is_null());
  CHECK(after.at("title") == "Hire senior developer");

  auto res = acme.put("/api/operations/issues/" + id, json::object{{"statusId", nullptr}});
  CHECK(res.status == 400);
  CHECK(res.field() == "statusId");
  res = acme.put("/api/operations/issues/" + id, json::object{{"priority", "urgent"}});
  CHECK(res.field() == "priority");
  CHECK(data_of(acme.get("/api/operations/issues/" + id)).at("priority") == "critical");
  CHECK(acme.put("/api/operations/issues/no-such-issue", json::object{{"title", "x"}}).status == 404);
}

TEST_CASE("every issue filter of 001, alone and combined", "[operations][issues][filters]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto technical = type_id(acme, "Technical");
  const auto financial = type_id(acme, "Financial");
  const auto in_progress = status_id(acme, "In Progress");
  const auto blocked = status_id(acme, "Blocked");
  const auto resolved = status_id(acme, "Resolved");
  struct Row {
    const char* title;
    const char* description;
    const char* priority;
    const char* impact;
    const char* reporter;
    const char* assignee;
    std::string type;
    std::string status;
  };
  const std::vector<Row> rows{
      {"Database outage", "Primary node down", "critical", "high", "r1", "a1", technical, in_progress},
      {"Budget overrun", "Marketing spent twice", "high", "critical", "r2", "a1", financial, blocked},
      {"Slow builds", "CI takes an hour", "low", "low", "r1", "a2", technical, resolved},
      {"Invoice errors", "Wrong VAT on the database export", "high", "medium", "r2", "a2", financial, ""},
  };
  for (const auto& r : rows) {
    json::object body{{"title", r.title},       {"description", r.description}, {"priority", r.priority},
                      {"businessImpact", r.impact}, {"reportedBy", r.reporter},  {"assignedPersonId", r.assignee},
                      {"typeConfigId", r.type}};
    if (!r.status.empty()) body["statusId"] = r.status;
    create_issue(acme, body);
  }
  const auto titles = [&](const std::string& query) {
    auto list = field_of_each(data_of(acme.get("/api/operations/issues" + query)), "title");
    std::sort(list.begin(), list.end());
    return list;
  };
  using V = std::vector<std::string>;
  CHECK(titles("").size() == 4);
  CHECK(titles("?status=" + in_progress) == V{"Database outage"});
  CHECK(titles("?status=blocked") == V{"Budget overrun"});             // a name, any case
  CHECK(titles("?status=Won%27t%20Fix").empty());                      // a name nobody uses
  CHECK(titles("?status=active") == V{"Budget overrun", "Database outage"});  // a category
  CHECK(titles("?status=open") == V{"Invoice errors"});
  CHECK(titles("?status=closed,open") == V{"Invoice errors", "Slow builds"});
  CHECK(titles("?status=nothing-like-it").empty());
  CHECK(titles("?priority=high") == V{"Budget overrun", "Invoice errors"});
  CHECK(titles("?businessImpact=critical") == V{"Budget overrun"});
  CHECK(titles("?impact=low") == V{"Slow builds"});
  CHECK(titles("?reportedBy=r1") == V{"Database outage", "Slow builds"});
  CHECK(titles("?assignedTo=a2") == V{"Invoice errors", "Slow builds"});
  CHECK(titles("?typeConfigId=" + financial) == V{"Budget overrun", "Invoice errors"});
  CHECK(titles("?search=DATABASE") == V{"Database outage", "Invoice errors"});  // title or description
  CHECK(titles("?search=database&typeConfigId=" + financial) == V{"Invoice errors"});
  CHECK(titles("?priority=high&reportedBy=r2&assignedTo=a1&status=active") == V{"Budget overrun"});
  CHECK(titles("?typeConfigId=" + technical + "&status=active&businessImpact=high&search=node&priority=critical") ==
        V{"Database outage"});
  CHECK(titles("?priority=high&assignedTo=a1&businessImpact=low").empty());

  auto res = acme.get("/api/operations/issues?priority=urgent");
  CHECK(res.status == 400);
  CHECK(res.field() == "priority");
  res = acme.get("/api/operations/issues?businessImpact=huge");
  CHECK(res.field() == "businessImpact");
}

TEST_CASE("issue pagination: pages, the last page, past the end and sizes over the maximum",
          "[operations][issues][pagination]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  for (int i = 0; i < 45; ++i) create_issue(acme, {{"title", "Issue " + std::to_string(i)}});

  auto res = acme.get("/api/operations/issues");
  REQUIRE(res.status == 200);
  auto body = res.json();
  CHECK(body.at("success") == true);
  CHECK(body.at("data").as_array().size() == 20);
  CHECK(body.at("pagination") == json::value{{"page", 1}, {"size", 20}, {"total", 45}, {"totalPages", 3}});

  body = acme.get("/api/operations/issues?page=3&size=20").json();
  CHECK(body.at("data").as_array().size() == 5);  // the last page
  CHECK(body.at("pagination").at("page") == 3);
  CHECK(body.at("pagination").at("totalPages") == 3);

  body = acme.get("/api/operations/issues?page=4&size=20").json();
  CHECK(body.at("data").as_array().empty());  // past the end
  CHECK(body.at("pagination").at("total") == 45);
  CHECK(body.at("pagination").at("page") == 4);

  body = acme.get("/api/operations/issues?size=500").json();
  CHECK(body.at("data").as_array().size() == 45);  // clamped to 100
  CHECK(body.at("pagination").at("size") == 100);
  CHECK(body.at("pagination").at("totalPages") == 1);

  // Pages do not overlap and together hold every issue.
  std::vector<std::string> seen;
  for (int page = 1; page <= 5; ++page) {
    auto ids = field_of_each(data_of(acme.get("/api/operations/issues?size=10&page=" + std::to_string(page))), "id");
    seen.insert(seen.end(), ids.begin(), ids.end());
  }
  std::sort(seen.begin(), seen.end());
  CHECK(std::unique(seen.begin(), seen.end()) == seen.end());
  CHECK(seen.size() == 45);

  body = acme.get("/api/operations/issues?search=Issue%204&size=2&page=2").json();
  CHECK(body.at("pagination").at("total") == 6);  // "Issue 4" and "Issue 40".."Issue 44"
  CHECK(body.at("data").as_array().size() == 2);

  for (const auto* bad : {"?page=0", "?size=0", "?page=-1", "?page=two", "?size=ten"}) {
    INFO(bad);
    res = acme.get(std::string("/api/operations/issues") + bad);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
  }
}

TEST_CASE("deleting an issue answers 001's shape, unlinks actions and is in the recent activity",
          "[operations][issues]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  const auto id = create_issue(acme, {{"title", "Server outage"}});
  const auto action = create_action(acme, {{"title", "Restart"}, {"connections", {{"issueIds", {id}}}}});

  auto resolved = data_of(acme.put("/api/operations/issues/" + id,
                                   json::object{{"statusId", status_id(acme, "Resolved")},
                                                {"resolutionNotes", "Rebooted the primary"}}));
  CHECK(resolved.at("statusCategory") == "closed");
  CHECK(resolved.at("resolutionNotes") == "Rebooted the primary");
  CHECK(recent_types(acme).front() == "issue_resolved");

  auto res = acme.del("/api/operations/issues/" + id);
  REQUIRE(res.status == 200);
  const auto body = res.json();
  CHECK(body.as_object().size() == 3);
  CHECK(body.at("success") == true);
  CHECK(str(body.at("deletedIssueId")) == id);
  CHECK(body.at("deletedAt").is_string());

  CHECK(acme.get("/api/operations/issues/" + id).status == 404);
  CHECK(acme.get("/api/operations/issues/" + id).code() == "ISSUE_NOT_FOUND");
  CHECK(acme.del("/api/operations/issues/" + id).status == 404);
  CHECK(data_of(acme.get("/api/operations/actions/" + action)).at("connections").at("issueIds").as_array().empty());
  const auto feed = recent_types(acme);
  CHECK(feed.front() == "issue_deleted");
  CHECK(contains(feed, "issue_created"));
  // A deleted issue can no longer be linked.
  res = acme.put("/api/operations/actions/" + action, json::object{{"connections", {{"issueIds", {id}}}}});
  CHECK(res.status == 400);
  CHECK(mentions(res, id));
}

TEST_CASE("issues are private to their tenant", "[operations][issues][tenancy]") {
  OperationsServer server;
  Caller acme{server, "acme"};
  Caller globex{server, "globex"};
  const auto theirs = create_issue(globex, {{"title", "Globex issue"}});
  CHECK(acme.get("/api/operations/issues/" + theirs).status == 404);
  CHECK(acme.put("/api/operations/issues/" + theirs, json::object{{"title", "Mine"}}).status == 404);
  CHECK(acme.del("/api/operations/issues/" + theirs).status == 404);
  CHECK(data_of(acme.get("/api/operations/issues")).as_array().empty());
  CHECK(acme.get("/api/operations/issues?search=Globex").json().at("pagination").at("total") == 0);
  auto res = acme.post("/api/operations/actions",
                       json::object{{"title", "Borrow"}, {"connections", {{"issueIds", {theirs}}}}});
  CHECK(res.status == 400);
  CHECK(res.field() == "connections.issueIds");
  CHECK(mentions(res, theirs));
  CHECK(data_of(globex.get("/api/operations/issues/" + theirs)).at("title") == "Globex issue");
}
