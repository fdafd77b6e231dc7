#include <catch2/catch.hpp>

#include <vector>

#include "test_support.hpp"
#include "traction/domain/hierarchy.hpp"

using namespace traction;
using namespace traction::test;

namespace {

Goal at_level(std::string id, std::optional<GoalLevel> level) {
  auto goal = goal_in(GoalStatus::active, std::move(id));
  goal.level = level;
  return goal;
}

const HierarchyPolicy policy{4};

}  // namespace

TEST_CASE("a goal cannot be its own parent") {
  auto goal = at_level("a", std::nullopt);
  auto error = check_parent_link(goal, goal, {}, 1, policy).error();
  CHECK(error.code == ErrorCode::validation_error);
  CHECK(error.field == "parentId");
  CHECK(error.message == "A goal cannot be its own parent");
}

TEST_CASE("a link that would close a cycle is refused") {
  // a > b > c: making a a child of c closes a cycle.
  auto a = at_level("a", std::nullopt);
  auto b = at_level("b", std::nullopt);
  auto c = at_level("c", std::nullopt);
  const std::vector<Goal> chain_of_c{b, a};
  auto error = check_parent_link(a, c, chain_of_c, 3, policy).error();
  CHECK(error.message.find("cycle") != std::string::npos);
}

TEST_CASE("the maximum depth counts the parent's chain and the child's subtree") {
  auto root = at_level("r", std::nullopt);
  auto l2 = at_level("l2", std::nullopt);
  auto l3 = at_level("l3", std::nullopt);
  auto child = at_level("x", std::nullopt);
  // parent l3 sits at depth 3 (chain l2, r): a leaf fits at depth 4 ...
  const std::vector<Goal> chain{l2, root};
  CHECK(check_parent_link(child, l3, chain, 1, policy));
  // ... a child with a subtree of two levels would reach depth 5.
  auto error = check_parent_link(child, l3, chain, 2, policy).error();
  CHECK(error.message.find("Maximum hierarchy depth of 4") != std::string::npos);
  CHECK(check_parent_link(child, l3, chain, 2, HierarchyPolicy{5}));
}

TEST_CASE("levels go strictly down: company > division > team > individual") {
  auto company = at_level("c", GoalLevel::company);
  auto division = at_level("d", GoalLevel::division);
  auto team = at_level("t", GoalLevel::team);
  auto individual = at_level("i", GoalLevel::individual);
  CHECK(check_parent_link(division, company, {}, 1, policy));
  CHECK(check_parent_link(individual, company, {}, 1, policy));
  CHECK(check_parent_link(team, division, {}, 1, policy));
  auto upward = check_parent_link(division, team, {}, 1, policy).error();
  CHECK(upward.message.find("A division goal cannot be a child of a team goal") != std::string::npos);
  auto same = check_parent_link(at_level("t2", GoalLevel::team), team, {}, 1, policy);
  CHECK_FALSE(same);
  // Unlevelled goals may go anywhere a level allows.
  CHECK(check_parent_link(at_level("n", std::nullopt), team, {}, 1, policy));
  CHECK(check_parent_link(team, at_level("n", std::nullopt), {}, 1, policy));
}

TEST_CASE("individual goals are leaves") {
  auto individual = at_level("i", GoalLevel::individual);
  auto error = check_parent_link(at_level("x", std::nullopt), individual, {}, 1, policy).error();
  CHECK(error.message == "Individual goals are leaves and cannot have child goals");
  const std::vector<Goal> children{at_level("x", std::nullopt)};
  CHECK(check_level(GoalLevel::individual, nullptr, children).error().field == "level");
  CHECK(check_level(GoalLevel::individual, nullptr, {}));
}

TEST_CASE("changing a level keeps it between the parent's and the children's") {
  auto company = at_level("c", GoalLevel::company);
  const std::vector<Goal> teams{at_level("t", GoalLevel::team)};
  CHECK(check_level(GoalLevel::division, &company, teams));
  CHECK_FALSE(check_level(GoalLevel::company, &company, {}));
  CHECK_FALSE(check_level(GoalLevel::team, nullptr, teams));
}
