// End to end over HTTP: 001 "Strategy Management" — /goals/{goalId}/strategies, its item
// routes and :reorder.
#include <catch2/catch.hpp>

#include "http_goal_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

using V = std::vector<std::string>;

V descriptions(User& u, const std::string& goal) {
  return field_of_each(goal_of(u, goal).at("strategies"), "description");
}

std::vector<std::int64_t> orders(const json::value& strategies) {
  std::vector<std::int64_t> out;
  for (const auto& s : strategies.as_array()) out.push_back(s.at("order").as_int64());
  return out;
}

}  // namespace

TEST_CASE("strategies: created in order, updated, deleted, with 001's shape", "[goals][strategies]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Grow revenue");
  const std::string base = "/goals/" + goal + "/strategies";

  auto first = data_of(acme.post(base, json::object{{"description", "  Hire sales reps  "}}), 201);
  CHECK(first.at("goalId") == json::value(goal));
  CHECK(first.at("description") == "Hire sales reps");
  CHECK(first.at("status") == "draft");
  CHECK(first.at("order") == 1);
  CHECK(first.at("createdAt").is_string());
  const auto a = str(first.at("id"));
  const auto b = new_strategy(acme, goal, "Open a new market", {{"status", "validated"}});
  // An order places the strategy there and renumbers the rest.
  auto placed = data_of(acme.post(base, json::object{{"description", "Raise prices"}, {"status", "adopted"}, {"order", 1}}), 201);
  CHECK(placed.at("order") == 1);
  CHECK(placed.at("status") == "adopted");
  const auto c = str(placed.at("id"));
  CHECK(descriptions(acme, goal) == V{"Raise prices", "Hire sales reps", "Open a new market"});
  CHECK(orders(goal_of(acme, goal).at("strategies")) == std::vector<std::int64_t>{1, 2, 3});
  // An order past the end is the end.
  new_strategy(acme, goal, "Last", {{"order", 99}});
  CHECK(descriptions(acme, goal).back() == "Last");

  // PUT changes the given fields; order moves it.
  auto updated = data_of(acme.put(base + "/" + b, json::object{{"description", "Open two markets"}, {"status", "adopted"}, {"order", 1}}));
  CHECK(updated.at("id") == json::value(b));
  CHECK(updated.at("description") == "Open two markets");
  CHECK(updated.at("status") == "adopted");
  CHECK(updated.at("order") == 1);
  CHECK(descriptions(acme, goal) == V{"Open two markets", "Raise prices", "Hire sales reps", "Last"});
  updated = data_of(acme.put(base + "/" + a, json::object{{"status", "validated"}}));
  CHECK(updated.at("description") == "Hire sales reps");
  CHECK(updated.at("order") == 3);

  // DELETE renumbers what is left.
  auto res = acme.del(base + "/" + c);
  CHECK(data_of(res) == json::object{{"id", c}, {"deleted", true}});
  CHECK(descriptions(acme, goal) == V{"Open two markets", "Hire sales reps", "Last"});
  CHECK(orders(goal_of(acme, goal).at("strategies")) == std::vector<std::int64_t>{1, 2, 3});
  for (const auto& r : {acme.del(base + "/" + c), acme.put(base + "/" + c, json::object{{"description", "x"}})}) {
    CHECK(r.status == 404);
    CHECK(r.code() == "STRATEGY_NOT_FOUND");
  }
  // The recent feed knows.
  const auto types = recent_types_of(acme);
  CHECK(contains(types, "strategy_added"));
  CHECK(contains(types, "strategy_updated"));
  CHECK(contains(types, "strategy_deleted"));
}

TEST_CASE("strategies: requests are validated; goals and strategies must exist", "[goals][strategies]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Goal");
  const auto other = new_goal(acme, "Other goal");
  const auto s = new_strategy(acme, goal, "Plan");
  const std::string base = "/goals/" + goal + "/strategies";
  struct Case {
    json::object body;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{{{}, "description"},
                                         {{{"description", "  "}}, "description"},
                                         {{{"description", 5}}, "description"},
                                         {{{"description", "d"}, {"status", "final"}}, "status"},
                                         {{{"description", "d"}, {"order", 0}}, "order"},
                                         {{{"description", "d"}, {"order", "first"}}, "order"}}) {
    INFO(json::serialize(c.body));
    auto res = acme.post(base, c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  auto res = acme.put(base + "/" + s, json::object{{"status", "final"}});
  CHECK(res.field() == "status");
  res = acme.put(base + "/" + s, json::object{{"description", ""}});
  CHECK(res.field() == "description");
  CHECK(descriptions(acme, goal) == V{"Plan"});

  res = acme.post("/goals/ghost/strategies", json::object{{"description", "d"}});
  CHECK(res.status == 404);
  CHECK(res.code() == "GOAL_NOT_FOUND");
  // A strategy is reached through its own goal only.
  res = acme.put("/goals/" + other + "/strategies/" + s, json::object{{"description", "x"}});
  CHECK(res.status == 404);
  CHECK(res.code() == "STRATEGY_NOT_FOUND");
  res = acme.del("/goals/" + other + "/strategies/" + s);
  CHECK(res.code() == "STRATEGY_NOT_FOUND");
  CHECK(descriptions(acme, goal) == V{"Plan"});
}

TEST_CASE("strategies: :reorder takes every strategy exactly once", "[goals][strategies]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Goal");
  const auto a = new_strategy(acme, goal, "A");
  const auto b = new_strategy(acme, goal, "B");
  const auto c = new_strategy(acme, goal, "C");
  const auto other = new_strategy(acme, new_goal(acme, "Other"), "Elsewhere");
  const std::string reorder = "/goals/" + goal + "/strategies:reorder";

  auto list = data_of(acme.put(reorder, json::object{{"strategyIds", {c, a, b}}}));
  CHECK(field_of_each(list, "id") == V{c, a, b});
  CHECK(orders(list) == std::vector<std::int64_t>{1, 2, 3});
  CHECK(descriptions(acme, goal) == V{"C", "A", "B"});
  CHECK(orders(goal_of(acme, goal).at("strategies")) == std::vector<std::int64_t>{1, 2, 3});
  list = data_of(acme.put(reorder, json::object{{"strategy_ids", {b, c, a}}}));
  CHECK(descriptions(acme, goal) == V{"B", "C", "A"});

  for (const auto& body : {json::object{}, json::object{{"strategyIds", {a, b}}}, json::object{{"strategyIds", {a, b, b}}},
                           json::object{{"strategyIds", {a, b, c, c}}}, json::object{{"strategyIds", {a, b, other}}},
                           json::object{{"strategyIds", {a, b, c, other}}}, json::object{{"strategyIds", "a,b,c"}}}) {
    INFO(json::serialize(body));
    auto res = acme.put(reorder, body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == "strategyIds");
  }
  CHECK(descriptions(acme, goal) == V{"B", "C", "A"});
  auto res = acme.put("/goals/ghost/strategies:reorder", json::object{{"strategyIds", json::array{}}});
  CHECK(res.status == 404);
  CHECK(res.code() == "GOAL_NOT_FOUND");
  // A goal with no strategies reorders to nothing.
  CHECK(data_of(acme.put("/goals/" + new_goal(acme, "Empty") + "/strategies:reorder",
                         json::object{{"strategyIds", json::array{}}}))
            .as_array()
            .empty());
}

TEST_CASE("strategies: employees manage strategies of their own goals only", "[goals][strategies][permissions]") {
  TestServer server;
  User manager{server, "acme", Role::manager, "u-manager"};
  User employee{server, "acme", Role::employee, "u-emp"};
  const auto theirs = new_goal(manager, "Manager's goal");
  const auto s = new_strategy(manager, theirs, "Manager's plan");
  const auto mine = new_goal(employee, "Employee's goal");
  const std::string base = "/goals/" + theirs + "/strategies";

  for (const auto& res : {employee.post(base, json::object{{"description", "x"}}),
                          employee.put(base + "/" + s, json::object{{"description", "x"}}),
                          employee.del(base + "/" + s),
                          employee.put(base + ":reorder", json::object{{"strategyIds", {s}}})}) {
    CHECK(res.status == 403);
    CHECK(res.code() == "INSUFFICIENT_PERMISSIONS");
  }
  CHECK(descriptions(manager, theirs) == V{"Manager's plan"});
  const auto own = new_strategy(employee, mine, "My plan");
  CHECK(data_of(employee.put("/goals/" + mine + "/strategies/" + own, json::object{{"status", "adopted"}})).at("status") ==
        "adopted");
  // A manager may change an employee's goal.
  new_strategy(manager, mine, "Manager's idea");
  CHECK(descriptions(employee, mine) == V{"My plan", "Manager's idea"});
}
