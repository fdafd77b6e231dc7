#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "traction/domain/goal_status.hpp"

using namespace traction;
using namespace traction::test;

namespace {
const std::optional<std::string> no_reason;
}

TEST_CASE("activate starts a draft and resumes a paused goal, with 001's notes") {
  auto draft_goal = goal_in(GoalStatus::draft);
  auto started = activate_goal(draft_goal, std::string("Ready to begin Q1 execution"), t0());
  REQUIRE(started);
  CHECK(draft_goal.status == GoalStatus::active);
  CHECK(started->from == GoalStatus::draft);
  REQUIRE(started->note);
  CHECK(started->note->title == "Goal Started");
  CHECK(started->note->text == "Goal started: Ready to begin Q1 execution");

  auto paused = goal_in(GoalStatus::paused);
  auto resumed = activate_goal(paused, std::string("Budget approved"), t0());
  REQUIRE(resumed);
  CHECK(paused.status == GoalStatus::active);
  CHECK(resumed->note->title == "Goal Resumed");
  CHECK(resumed->note->text == "Goal resumed: Budget approved");
}

TEST_CASE("no reason, or a blank one, writes no note") {
  auto goal = goal_in(GoalStatus::draft);
  CHECK_FALSE(activate_goal(goal, no_reason, t0())->note);
  auto other = goal_in(GoalStatus::draft);
  CHECK_FALSE(activate_goal(other, std::string("   "), t0())->note);
}

TEST_CASE("activate is refused from active, completed and cancelled") {
  auto active = goal_in(GoalStatus::active);
  CHECK(activate_goal(active, no_reason, t0()).error().message == "Cannot activate goal in Active status");
  auto completed = goal_in(GoalStatus::completed);
  auto error = activate_goal(completed, no_reason, t0()).error();
  CHECK(error.code == ErrorCode::invalid_status_transition);
  CHECK(error.message == "Cannot activate goal in Completed status");
  CHECK(completed.status == GoalStatus::completed);
  auto cancelled = goal_in(GoalStatus::cancelled);
  CHECK(activate_goal(cancelled, no_reason, t0()).error().message == "Cannot activate goal in Cancelled status");
}

TEST_CASE("pause only from active") {
  auto active = goal_in(GoalStatus::active);
  auto paused = pause_goal(active, std::string("Waiting for Q2 budget approval"), t0());
  REQUIRE(paused);
  CHECK(active.status == GoalStatus::paused);
  CHECK(paused->note->title == "Goal Paused");
  CHECK(paused->note->text == "Goal paused: Waiting for Q2 budget approval");
  for (auto status : {GoalStatus::draft, GoalStatus::paused, GoalStatus::completed, GoalStatus::cancelled}) {
    auto goal = goal_in(status);
    auto error = pause_goal(goal, no_reason, t0()).error();
    CHECK(error.code == ErrorCode::invalid_status_transition);
    CHECK(goal.status == status);
  }
  auto completed = goal_in(GoalStatus::completed);
  CHECK(pause_goal(completed, no_reason, t0()).error().message == "Cannot put goal on hold from Completed status");
}

TEST_CASE("complete only from active, and it sets completedAt") {
  auto active = goal_in(GoalStatus::active);
  auto done = close_goal(active, FinalStatus::completed, std::string("All KPIs achieved"), t0());
  REQUIRE(done);
  CHECK(active.status == GoalStatus::completed);
  CHECK(active.completed_at == t0());
  CHECK(done->note->title == "Goal Completed");
  CHECK(done->note->text == "Goal completed: All KPIs achieved");

  auto draft_goal = goal_in(GoalStatus::draft);
  auto error = close_goal(draft_goal, FinalStatus::completed, no_reason, t0()).error();
  CHECK(error.code == ErrorCode::invalid_status_transition);
  CHECK(error.message == "Cannot complete goal in Draft status");
  CHECK_FALSE(draft_goal.completed_at);
  auto paused = goal_in(GoalStatus::paused);
  CHECK(close_goal(paused, FinalStatus::completed, no_reason, t0()).error().message ==
        "Cannot complete goal in Paused status");
}

TEST_CASE("cancel from anything but completed") {
  for (auto status : {GoalStatus::draft, GoalStatus::active, GoalStatus::paused}) {
    auto goal = goal_in(status);
    auto cancelled = close_goal(goal, FinalStatus::cancelled, std::string("Strategy changed"), t0());
    REQUIRE(cancelled);
    CHECK(goal.status == GoalStatus::cancelled);
    CHECK(cancelled->note->title == "Goal Cancelled");
    CHECK(cancelled->note->text == "Goal cancelled: Strategy changed");
    CHECK_FALSE(goal.completed_at);
  }
  auto completed = goal_in(GoalStatus::completed);
  auto error = close_goal(completed, FinalStatus::cancelled, no_reason, t0()).error();
  CHECK(error.code == ErrorCode::invalid_status_transition);
  CHECK(error.message == "Cannot cancel completed goal");
  auto cancelled = goal_in(GoalStatus::cancelled);
  CHECK(close_goal(cancelled, FinalStatus::cancelled, no_reason, t0()).error().code ==
        ErrorCode::invalid_status_transition);
}

TEST_CASE("finalStatus accepts exactly completed and cancelled") {
  CHECK(final_status_text.parse("completed") == FinalStatus::completed);
  CHECK(final_status_text.parse("cancelled") == FinalStatus::cancelled);
  CHECK_FALSE(final_status_text.parse("archived"));
  CHECK_FALSE(final_status_text.parse("Completed"));
}

TEST_CASE("status, horizon and level names are 001's") {
  CHECK(goal_status_text.choices() == "draft, active, paused, completed, cancelled");
  CHECK(horizon_text.choices() == "year, quarter, month");
  CHECK_FALSE(horizon_text.parse("decade"));
  CHECK(goal_level_text.parse("division") == GoalLevel::division);
}
