// End to end over HTTP: 001's goal status machine — :activate, :pause, :close with
// finalStatus — every transition from every status, its exact message, and the activity
// entry a reason produces.
#include <catch2/catch.hpp>

#include "http_goal_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

// A new goal brought to `status` through the transition endpoints.
std::string goal_in(User& u, std::string_view status) {
  const auto id = new_goal(u, std::string("Goal in ") + std::string(status));
  if (status == "draft") return id;
  if (status == "cancelled") {
    transition(u, id, "close", {{"finalStatus", "cancelled"}});
    return id;
  }
  transition(u, id, "activate");
  if (status == "paused") transition(u, id, "pause");
  if (status == "completed") transition(u, id, "close", {{"finalStatus", "completed"}});
  return id;
}

struct Attempt {
  std::string op;         // activate | pause | complete | cancel
  std::string to;         // the status after success, or "" when refused
  std::string message;    // the refusal's exact message
};

HttpResponse attempt(User& u, const std::string& goal, std::string_view op) {
  const std::string g = "/goals/" + goal;
  if (op == "activate") return u.post_empty(g + ":activate");
  if (op == "pause") return u.post_empty(g + ":pause");
  if (op == "complete") return u.post(g + ":close", json::object{{"finalStatus", "completed"}});
  return u.post(g + ":close", json::object{{"finalStatus", "cancelled"}});
}

json::array activities(User& u, const std::string& goal) {
  return data_of(u.get("/goals/" + goal + "/activity")).as_array();
}

}  // namespace

TEST_CASE("status: every transition from every status, with 001's messages", "[goals][status]") {
  TestServer server;
  User acme{server, "acme"};
  const std::vector<std::pair<std::string, std::vector<Attempt>>> table{
      {"draft",
       {{"activate", "active", ""},
        {"pause", "", "Cannot put goal on hold from Draft status"},
        {"complete", "", "Cannot complete goal in Draft status"},
        {"cancel", "cancelled", ""}}},
      {"active",
       {{"activate", "", "Cannot activate goal in Active status"},
        {"pause", "paused", ""},
        {"complete", "completed", ""},
        {"cancel", "cancelled", ""}}},
      {"paused",
       {{"activate", "active", ""},
        {"pause", "", "Cannot put goal on hold from Paused status"},
        {"complete", "", "Cannot complete goal in Paused status"},
        {"cancel", "cancelled", ""}}},
      {"completed",
       {{"activate", "", "Cannot activate goal in Completed status"},
        {"pause", "", "Cannot put goal on hold from Completed status"},
        {"complete", "", "Cannot complete goal in Completed status"},
        {"cancel", "", "Cannot cancel completed goal"}}},
      {"cancelled",
       {{"activate", "", "Cannot activate goal in Cancelled status"},
        {"pause", "", "Cannot put goal on hold from Cancelled status"},
        {"complete", "", "Cannot complete goal in Cancelled status"},
        {"cancel", "", "Cannot cancel goal in Cancelled status"}}},
  };
  for (const auto& [from, attempts] : table) {
    for (const auto& a : attempts) {
      INFO(from << " -> " << a.op);
      const auto id = goal_in(acme, from);
      const auto before = goal_of(acme, id);
      REQUIRE(before.at("status") == json::value(from));
      auto res = attempt(acme, id, a.op);
      if (a.to.empty()) {
        CHECK(res.status == 400);
        CHECK(res.code() == "INVALID_STATUS_TRANSITION");
        CHECK(res.json().at("error") == json::value(a.message));
        CHECK(goal_of(acme, id) == before);  // a refused transition changes nothing
        continue;
      }
      const auto after = data_of(res);
      CHECK(after.at("status") == json::value(a.to));
      CHECK(goal_of(acme, id) == after);
      CHECK(after.at("completedAt").is_string() == (a.to == "completed"));
    }
  }
}

TEST_CASE("status: a reason becomes a system activity entry with 001's wording", "[goals][status]") {
  TestServer server;
  User acme{server, "acme"};
  const auto id = new_goal(acme, "Launch");

  // No reason (or a blank one): no activity entry.
  transition(acme, id, "activate");
  transition(acme, id, "pause", {{"reason", "   "}});
  CHECK(activities(acme, id).empty());

  transition(acme, id, "activate", {{"reason", "Budget approved"}});
  transition(acme, id, "pause", {{"reason", "Waiting for Q2 budget approval"}});
  transition(acme, id, "activate", {{"reason", "Back on"}});
  transition(acme, id, "close", {{"finalStatus", "completed"}, {"reason", "All KPIs achieved"}});
  const auto draft = new_goal(acme, "Never started");
  transition(acme, draft, "activate", {{"reason", "Ready to begin Q1 execution"}});
  const auto dropped = new_goal(acme, "Dropped");
  transition(acme, dropped, "close", {{"finalStatus", "cancelled"}, {"reason", "Out of scope"}});

  const auto feed = activities(acme, id);  // newest first
  REQUIRE(feed.size() == 4);
  CHECK(field_of_each(feed, "title") ==
        std::vector<std::string>{"Goal Completed", "Goal Resumed", "Goal Paused", "Goal Resumed"});
  CHECK(field_of_each(feed, "text") == std::vector<std::string>{"Goal completed: All KPIs achieved",
                                                                "Goal resumed: Back on",
                                                                "Goal paused: Waiting for Q2 budget approval",
                                                                "Goal resumed: Budget approved"});
  for (const auto& entry : feed) {
    CHECK(entry.at("type") == "system");
    CHECK(entry.at("goalId") == json::value(id));
    CHECK(entry.at("createdBy") == "u1");
  }
  auto started = activities(acme, draft);
  REQUIRE(started.size() == 1);
  CHECK(started[0].at("title") == "Goal Started");
  CHECK(started[0].at("text") == "Goal started: Ready to begin Q1 execution");
  auto cancelled = activities(acme, dropped);
  REQUIRE(cancelled.size() == 1);
  CHECK(cancelled[0].at("text") == "Goal cancelled: Out of scope");

  // A refused transition writes no activity either.
  CHECK(acme.post("/goals/" + id + ":pause", json::object{{"reason", "Too late"}}).status == 400);
  CHECK(activities(acme, id).size() == 4);
  // The recent feed records each status change.
  CHECK(contains(recent_types_of(acme), "goal_status_changed"));
}

TEST_CASE("status: :close needs a valid finalStatus; unknown goals are 404", "[goals][status]") {
  TestServer server;
  User acme{server, "acme"};
  const auto id = new_goal(acme, "Close me");
  transition(acme, id, "activate");
  const std::string close = "/goals/" + id + ":close";

  for (const auto& body : {json::object{}, json::object{{"reason", "no status"}},
                           json::object{{"finalStatus", "archived"}}, json::object{{"finalStatus", "done"}},
                           json::object{{"finalStatus", nullptr}}, json::object{{"finalStatus", 1}}}) {
    INFO(json::serialize(body));
    auto res = acme.post(close, body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == "finalStatus");
  }
  auto res = acme.post_empty(close);
  CHECK(res.status == 400);
  CHECK(res.field() == "finalStatus");
  res = acme.raw("POST", close, "{oops");
  CHECK(res.status == 400);
  CHECK(res.code() == "VALIDATION_ERROR");
  res = acme.post("/goals/" + id + ":activate", json::object{{"reason", 42}});
  CHECK(res.status == 400);
  CHECK(res.field() == "reason");
  CHECK(goal_of(acme, id).at("status") == "active");

  // snake_case is accepted too.
  CHECK(transition(acme, id, "close", {{"final_status", "completed"}}) == "completed");

  for (const auto& op : {":activate", ":pause", ":close"}) {
    INFO(op);
    res = acme.post(std::string("/goals/ghost") + op, json::object{{"finalStatus", "cancelled"}});
    CHECK(res.status == 404);
    CHECK(res.code() == "GOAL_NOT_FOUND");
  }
  // A deleted goal is gone for transitions too.
  const auto gone = new_goal(acme, "Gone");
  data_of(acme.del("/goals/" + gone));
  CHECK(acme.post_empty("/goals/" + gone + ":activate").code() == "GOAL_NOT_FOUND");
}
