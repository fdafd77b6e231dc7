#include <catch2/catch.hpp>

#include <string>

#include "test_support.hpp"
#include "traction/domain/goal_rules.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("a new goal is a draft owned by its creator with entered progress") {
  auto goal = make_goal(draft("  Grow revenue  "), manager(), "g1", t0());
  REQUIRE(goal);
  CHECK(goal->id == "g1");
  CHECK(goal->tenant == "acme");
  CHECK(goal->title == "Grow revenue");
  CHECK(goal->status == GoalStatus::draft);
  CHECK(goal->owner_id == "u-manager");
  CHECK(goal->owner_name == "Max Manager");
  CHECK(goal->metadata_json == "{}");
  CHECK(goal->progress == 0);
  CHECK(goal->progress_basis == ProgressBasis::entered);
  CHECK(goal->version == 1);
  CHECK(goal->created_at == t0());
  CHECK(goal->created_by == "u-manager");
}

TEST_CASE("a goal's title is required and bounded") {
  auto blank = draft("   ");
  auto error = make_goal(blank, admin(), "g", t0()).error();
  CHECK(error.code == ErrorCode::validation_error);
  CHECK(error.field == "title");
  CHECK(error.message == "title is required");

  CHECK(make_goal(draft(std::string(200, 'x')), admin(), "g", t0()));
  auto long_title = make_goal(draft(std::string(201, 'x')), admin(), "g", t0());
  REQUIRE_FALSE(long_title);
  CHECK(long_title.error().field == "title");
  // Characters, not bytes: 200 two-byte characters fit.
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "\xC3\xA9";
  CHECK(make_goal(draft(accented), admin(), "g", t0()));
}

TEST_CASE("a goal needs a horizon") {
  auto d = draft();
  d.horizon.reset();
  auto goal = make_goal(d, admin(), "g", t0());
  REQUIRE_FALSE(goal);
  CHECK(goal.error().field == "horizon");
}

TEST_CASE("a goal is created as draft or active only") {
  auto d = draft();
  d.status = GoalStatus::active;
  CHECK(make_goal(d, admin(), "g", t0())->status == GoalStatus::active);
  for (auto status : {GoalStatus::paused, GoalStatus::completed, GoalStatus::cancelled}) {
    d.status = status;
    auto goal = make_goal(d, admin(), "g", t0());
    REQUIRE_FALSE(goal);
    CHECK(goal.error().field == "status");
  }
}

TEST_CASE("value tags are trimmed, de-duplicated and bounded") {
  auto d = draft();
  d.value_tags = {" growth ", "growth", "customers"};
  CHECK(make_goal(d, admin(), "g", t0())->value_tags == std::vector<std::string>{"growth", "customers"});
  d.value_tags = {"ok", " "};
  CHECK(make_goal(d, admin(), "g", t0()).error().field == "valueTags");
  d.value_tags = {std::string(51, 't')};
  CHECK(make_goal(d, admin(), "g", t0()).error().field == "valueTags");
  d.value_tags.clear();
  for (int i = 0; i < 51; ++i) d.value_tags.push_back("t" + std::to_string(i));
  CHECK(make_goal(d, admin(), "g", t0()).error().field == "valueTags");
}

TEST_CASE("metadata must be a JSON object") {
  auto d = draft();
  d.metadata_json = R"({"quarter":"Q1"})";
  CHECK(make_goal(d, admin(), "g", t0())->metadata_json == R"({"quarter":"Q1"})");
  d.metadata_json = "[1,2]";
  CHECK(make_goal(d, admin(), "g", t0()).error().field == "metadata");
  d.metadata_json = "{" + std::string(70 * 1024, ' ') + "}";
  CHECK(make_goal(d, admin(), "g", t0()).error().field == "metadata");
}

TEST_CASE("a goal's period ends no earlier than it starts, and progress is 0..100") {
  auto d = draft();
  d.start_date = parse_date("2025-03-01");
  d.end_date = parse_date("2025-02-01");
  CHECK(make_goal(d, admin(), "g", t0()).error().field == "endDate");
  d.end_date = parse_date("2025-03-01");
  CHECK(make_goal(d, admin(), "g", t0()));
  d.progress = 101;
  CHECK(make_goal(d, admin(), "g", t0()).error().field == "progress");
  d.progress = 40;
  auto goal = make_goal(d, admin(), "g", t0());
  CHECK(goal->progress == 40);
  CHECK(goal->entered_progress == 40);
}

TEST_CASE("a patch changes only the fields it names and validates them all first") {
  auto goal = goal_in(GoalStatus::draft);
  GoalPatch patch;
  patch.intent = "Because customers ask";
  patch.value_tags = std::vector<std::string>{"a"};
  REQUIRE(apply_goal_patch(goal, patch, manager(), t0() + std::chrono::hours(1)));
  CHECK(goal.title == "Grow revenue");
  CHECK(goal.intent == "Because customers ask");
  CHECK(goal.value_tags == std::vector<std::string>{"a"});
  CHECK(goal.updated_by == "u-manager");
  CHECK(goal.updated_at == t0() + std::chrono::hours(1));

  const auto before = goal;
  GoalPatch bad;
  bad.intent = "changed";
  bad.title = "";
  CHECK(apply_goal_patch(goal, bad, admin(), t0()).error().field == "title");
  CHECK(goal == before);
}

TEST_CASE("a patch cannot change the status; it must use the transitions") {
  auto goal = goal_in(GoalStatus::draft);
  GoalPatch patch;
  patch.status = GoalStatus::draft;
  CHECK(apply_goal_patch(goal, patch, admin(), t0()));
  patch.status = GoalStatus::completed;
  auto result = apply_goal_patch(goal, patch, admin(), t0());
  REQUIRE_FALSE(result);
  CHECK(result.error().code == ErrorCode::invalid_status_transition);
}

TEST_CASE("a patch with a stale version is a version conflict") {
  auto goal = goal_in(GoalStatus::draft);
  goal.version = 3;
  GoalPatch patch;
  patch.title = "New";
  patch.expected_version = 2;
  CHECK(apply_goal_patch(goal, patch, admin(), t0()).error().code == ErrorCode::version_conflict);
  patch.expected_version = 3;
  CHECK(apply_goal_patch(goal, patch, admin(), t0()));
}

TEST_CASE("dates can be cleared by a patch, and the period rule still holds") {
  auto d = draft();
  d.start_date = parse_date("2025-01-01");
  d.end_date = parse_date("2025-03-31");
  auto goal = *make_goal(d, admin(), "g", t0());
  GoalPatch patch;
  patch.end_date = std::optional<Date>{};
  REQUIRE(apply_goal_patch(goal, patch, admin(), t0()));
  CHECK_FALSE(goal.end_date);
  GoalPatch backwards;
  backwards.end_date = parse_date("2024-12-31");
  CHECK(apply_goal_patch(goal, backwards, admin(), t0()).error().field == "endDate");
}

TEST_CASE("soft delete marks the goal deleted") {
  auto goal = goal_in(GoalStatus::active);
  soft_delete(goal, admin(), t0());
  CHECK(goal.deleted_at == t0());
}
