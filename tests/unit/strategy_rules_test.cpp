#include <catch2/catch.hpp>

#include <vector>

#include "test_support.hpp"
#include "traction/domain/strategy_rules.hpp"

using namespace traction;
using namespace traction::test;

namespace {

std::vector<std::string> ids_in_order(const Goal& goal) {
  std::vector<std::string> ids;
  for (const auto& s : goal.strategies) ids.push_back(s.id);
  return ids;
}

Goal goal_with_three() {
  auto goal = goal_in(GoalStatus::active);
  for (const char* id : {"s1", "s2", "s3"}) {
    REQUIRE(add_strategy(goal, {std::string("do ") + id, {}, {}}, id, t0()));
  }
  return goal;
}

}  // namespace

TEST_CASE("a strategy needs a description and starts as draft at the end") {
  auto goal = goal_in(GoalStatus::active);
  auto error = add_strategy(goal, {" ", {}, {}}, "s0", t0()).error();
  CHECK(error.field == "description");
  auto s = add_strategy(goal, {"Hire two sales reps", {}, {}}, "s1", t0());
  REQUIRE(s);
  CHECK(s->goal_id == goal.id);
  CHECK(s->status == StrategyStatus::draft);
  CHECK(s->order == 1);
  auto adopted = add_strategy(goal, {"Open EU office", StrategyStatus::adopted, {}}, "s2", t0());
  CHECK(adopted->status == StrategyStatus::adopted);
  CHECK(adopted->order == 2);
}

TEST_CASE("a strategy's order must be positive; a given order shifts the others") {
  auto goal = goal_with_three();
  CHECK(add_strategy(goal, {"x", {}, 0}, "bad", t0()).error().field == "order");
  auto first = add_strategy(goal, {"first", {}, 1}, "s0", t0());
  REQUIRE(first);
  CHECK(first->order == 1);
  CHECK(ids_in_order(goal) == std::vector<std::string>{"s0", "s1", "s2", "s3"});
  for (std::size_t i = 0; i < goal.strategies.size(); ++i) {
    CHECK(goal.strategies[i].order == static_cast<int>(i + 1));
  }
  auto far = add_strategy(goal, {"far", {}, 99}, "s9", t0());
  CHECK(far->order == 5);
}

TEST_CASE("updating a strategy changes its fields and may move it") {
  auto goal = goal_with_three();
  StrategyPatch patch;
  patch.status = StrategyStatus::validated;
  patch.order = 1;
  auto s3 = update_strategy(goal, "s3", patch, t0());
  REQUIRE(s3);
  CHECK(s3->status == StrategyStatus::validated);
  CHECK(s3->order == 1);
  CHECK(ids_in_order(goal) == std::vector<std::string>{"s3", "s1", "s2"});
  CHECK(update_strategy(goal, "nope", patch, t0()).error().code == ErrorCode::strategy_not_found);
  StrategyPatch blank;
  blank.description = "";
  CHECK(update_strategy(goal, "s1", blank, t0()).error().field == "description");
}

TEST_CASE("deleting a strategy renumbers the rest") {
  auto goal = goal_with_three();
  REQUIRE(remove_strategy(goal, "s1", t0()));
  CHECK(ids_in_order(goal) == std::vector<std::string>{"s2", "s3"});
  CHECK(goal.strategies[0].order == 1);
  CHECK(goal.strategies[1].order == 2);
  CHECK(remove_strategy(goal, "s1", t0()).error().code == ErrorCode::strategy_not_found);
}

TEST_CASE("reorder takes exactly the goal's strategies") {
  auto goal = goal_with_three();
  const std::vector<std::string> order{"s3", "s1", "s2"};
  REQUIRE(reorder_strategies(goal, order, t0()));
  CHECK(ids_in_order(goal) == order);
  CHECK(goal.strategies[0].order == 1);
  CHECK(goal.strategies[2].order == 3);

  const auto before = goal;
  CHECK(reorder_strategies(goal, std::vector<std::string>{"s1", "s2"}, t0()).error().field == "strategyIds");
  CHECK(reorder_strategies(goal, std::vector<std::string>{"s1", "s2", "s2"}, t0()).error().field == "strategyIds");
  CHECK(reorder_strategies(goal, std::vector<std::string>{"s1", "s2", "s3", "s4"}, t0()).error().field ==
        "strategyIds");
  CHECK(reorder_strategies(goal, std::vector<std::string>{"s1", "s2", "x"}, t0()).error().field == "strategyIds");
  CHECK(goal == before);
}
