#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "traction/domain/permissions.hpp"

using namespace traction;
using namespace traction::test;

namespace {

Goal owned_by(std::string owner, std::optional<GoalLevel> level = std::nullopt) {
  auto goal = goal_in(GoalStatus::draft);
  goal.owner_id = std::move(owner);
  goal.level = level;
  return goal;
}

}  // namespace

TEST_CASE("only admins create company goals") {
  CHECK(can_create_goal(admin(), owned_by("x", GoalLevel::company)));
  CHECK(can_create_goal(manager(), owned_by("x", GoalLevel::company)).error().code ==
        ErrorCode::insufficient_permissions);
  CHECK_FALSE(can_create_goal(employee(), owned_by("u-emp", GoalLevel::company)));
}

TEST_CASE("managers create division and team goals; employees only their own individual ones") {
  CHECK(can_create_goal(manager(), owned_by("x", GoalLevel::division)));
  CHECK(can_create_goal(manager(), owned_by("x", GoalLevel::team)));
  CHECK_FALSE(can_create_goal(employee(), owned_by("u-emp", GoalLevel::team)));
  CHECK(can_create_goal(employee(), owned_by("u-emp", GoalLevel::individual)));
  CHECK(can_create_goal(employee(), owned_by("u-emp")));
  CHECK_FALSE(can_create_goal(employee(), owned_by("someone-else", GoalLevel::individual)));
}

TEST_CASE("employees change only the goals they own; only admins move goals") {
  CHECK(can_change_goal(employee(), owned_by("u-emp")));
  CHECK(can_change_goal(employee(), owned_by("x")).error().code == ErrorCode::insufficient_permissions);
  CHECK(can_change_goal(manager(), owned_by("x")));
  CHECK(can_move_goal(admin()));
  CHECK_FALSE(can_move_goal(manager()));
  CHECK_FALSE(can_move_goal(employee()));
  CHECK(can_manage_issue_config(manager()));
  CHECK_FALSE(can_manage_issue_config(employee()));
}
