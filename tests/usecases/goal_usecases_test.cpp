#include <catch2/catch.hpp>

#include "harness.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("creating a goal stores it, reads it back and writes the feed") {
  Harness h;
  auto created = h.goal("Grow revenue");
  CHECK(created.goal.status == GoalStatus::draft);
  auto fetched = h.services.goals.get(admin(), created.goal.id);
  REQUIRE(fetched);
  CHECK(fetched->goal.title == "Grow revenue");
  auto feed = h.services.activity.recent(admin(), 10);
  REQUIRE(feed);
  REQUIRE(feed->size() == 1);
  CHECK((*feed)[0].type == "goal_created");
  CHECK((*feed)[0].entity_id == created.goal.id);
  CHECK((*feed)[0].user_name == "Ada Admin");
}

TEST_CASE("a goal of another tenant is not found") {
  Harness h;
  auto created = h.goal();
  auto other = h.services.goals.get(admin("globex"), created.goal.id);
  REQUIRE_FALSE(other);
  CHECK(other.error().code == ErrorCode::goal_not_found);
  GoalPatch patch;
  patch.title = "Hijacked";
  CHECK(h.services.goals.update(admin("globex"), created.goal.id, patch).error().code == ErrorCode::goal_not_found);
  CHECK(h.fetch(created.goal.id).title == "Grow revenue");
}

TEST_CASE("the goals-per-tenant limit answers GOAL_LIMIT_REACHED") {
  Settings settings;
  settings.max_goals_per_tenant = 2;
  Harness h(settings);
  h.goal("one");
  auto second = h.goal("two");
  GoalDraft d;
  d.title = "three";
  d.horizon = Horizon::month;
  auto refused = h.services.goals.create(admin(), d);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::goal_limit_reached);
  // Another tenant has its own allowance; a deleted goal frees a place.
  CHECK(h.services.goals.create(admin("globex"), d));
  REQUIRE(h.services.goals.remove(admin(), second.goal.id));
  CHECK(h.services.goals.create(admin(), d));
}

TEST_CASE("employees create only their own goals and change only those") {
  Harness h;
  GoalDraft d;
  d.title = "Learn SQL";
  d.horizon = Horizon::month;
  auto mine = h.services.goals.create(employee(), d);
  REQUIRE(mine);
  CHECK(mine->goal.owner_id == "u-emp");
  d.owner_id = "someone-else";
  CHECK(h.services.goals.create(employee(), d).error().code == ErrorCode::insufficient_permissions);
  auto theirs = h.goal("Company goal");
  GoalPatch patch;
  patch.title = "Mine now";
  CHECK(h.services.goals.update(employee(), theirs.goal.id, patch).error().code ==
        ErrorCode::insufficient_permissions);
  CHECK(h.services.goals.update(employee(), mine->goal.id, patch));
}

TEST_CASE("update changes fields, refuses status changes and stale versions") {
  Harness h;
  auto g = h.goal();
  GoalPatch patch;
  patch.intent = "Because we can";
  patch.expected_version = g.goal.version;
  auto updated = h.services.goals.update(admin(), g.goal.id, patch);
  REQUIRE(updated);
  CHECK(updated->goal.intent == "Because we can");
  CHECK(updated->goal.version == g.goal.version + 1);
  CHECK(h.services.goals.update(admin(), g.goal.id, patch).error().code == ErrorCode::version_conflict);
  GoalPatch status;
  status.status = GoalStatus::active;
  CHECK(h.services.goals.update(admin(), g.goal.id, status).error().code == ErrorCode::invalid_status_transition);
  CHECK(h.fetch(g.goal.id).status == GoalStatus::draft);
}

TEST_CASE("entered progress becomes the goal's progress and is snapshotted") {
  Harness h;
  auto g = h.goal();
  GoalPatch patch;
  patch.progress = 35;
  auto updated = h.services.goals.update(admin(), g.goal.id, patch);
  REQUIRE(updated);
  CHECK(updated->goal.progress == 35);
  CHECK(updated->goal.progress_basis == ProgressBasis::entered);
  auto history = h.services.progress.history(admin(), g.goal.id, std::nullopt, std::nullopt);
  REQUIRE(history);
  REQUIRE(history->size() == 2);  // at creation and after the change
  CHECK(history->back().progress == 35);
  auto types = h.events.types_for(g.goal.id);
  CHECK(std::find(types.begin(), types.end(), "goal.progress.changed") != types.end());
}

TEST_CASE("transitions follow the status machine and write their activity entries") {
  Harness h;
  auto g = h.goal();
  auto started = h.services.goals.activate(admin(), g.goal.id, std::string("Ready to begin Q1 execution"));
  REQUIRE(started);
  CHECK(started->goal.status == GoalStatus::active);
  auto paused = h.services.goals.pause(admin(), g.goal.id, std::string("Waiting for budget"));
  REQUIRE(paused);
  auto resumed = h.services.goals.activate(admin(), g.goal.id, std::nullopt);
  REQUIRE(resumed);
  auto closed = h.services.goals.close(admin(), g.goal.id, FinalStatus::completed, std::string("All KPIs achieved"));
  REQUIRE(closed);
  CHECK(closed->goal.completed_at == h.clock.now());
  auto refused = h.services.goals.close(admin(), g.goal.id, FinalStatus::cancelled, std::nullopt);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "Cannot cancel completed goal");

  auto activity = h.services.activity.list(admin(), g.goal.id, ActivityQuery{});
  REQUIRE(activity);
  REQUIRE(activity->total == 3);  // the resume had no reason
  CHECK(activity->items[0].title == "Goal Completed");
  CHECK(activity->items[0].text == "Goal completed: All KPIs achieved");
  CHECK(activity->items[1].text == "Goal paused: Waiting for budget");
  CHECK(activity->items[2].title == "Goal Started");
  CHECK(activity->items[2].type == ActivityType::system);
  auto types = h.events.types_for(g.goal.id);
  CHECK(std::count(types.begin(), types.end(), "activity.created") == 3);
}

TEST_CASE("a failed transition changes nothing and publishes nothing") {
  Harness h;
  auto g = h.goal();
  h.events.clear();
  CHECK_FALSE(h.services.goals.pause(admin(), g.goal.id, std::string("why")));
  CHECK(h.events.events().empty());
  CHECK(h.fetch(g.goal.id).status == GoalStatus::draft);
}

TEST_CASE("deleting a goal hides it; a goal with children cannot be deleted") {
  Harness h;
  auto parent = h.goal("parent");
  auto child = h.goal("child", std::nullopt, parent.goal.id);
  auto refused = h.services.goals.remove(admin(), parent.goal.id);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::dependency_exists);
  auto deleted = h.services.goals.remove(admin(), child.goal.id);
  REQUIRE(deleted);
  CHECK(deleted->deleted_at == h.clock.now());
  CHECK(h.services.goals.get(admin(), child.goal.id).error().code == ErrorCode::goal_not_found);
  CHECK(h.fetch(parent.goal.id).children_count == 0);
  CHECK(h.services.goals.remove(admin(), parent.goal.id));
  auto list = h.services.goals.list(admin(), GoalQuery{});
  REQUIRE(list);
  CHECK(list->total == 0);
}

TEST_CASE("strategies are added, updated, reordered and removed through the goal") {
  Harness h;
  auto g = h.goal();
  auto s1 = h.services.goals.add_strategy(admin(), g.goal.id, {"Hire sales reps", {}, {}});
  auto s2 = h.services.goals.add_strategy(admin(), g.goal.id, {"Open EU office", StrategyStatus::validated, {}});
  REQUIRE(s1);
  REQUIRE(s2);
  auto reordered = h.services.goals.reorder_strategies(admin(), g.goal.id, {s2->id, s1->id});
  REQUIRE(reordered);
  CHECK((*reordered)[0].id == s2->id);
  StrategyPatch patch;
  patch.status = StrategyStatus::adopted;
  CHECK(h.services.goals.update_strategy(admin(), g.goal.id, s1->id, patch)->status == StrategyStatus::adopted);
  REQUIRE(h.services.goals.remove_strategy(admin(), g.goal.id, s2->id));
  auto goal = h.fetch(g.goal.id);
  REQUIRE(goal.strategies.size() == 1);
  CHECK(goal.strategies[0].order == 1);
  CHECK(h.services.goals.remove_strategy(admin(), g.goal.id, s2->id).error().code == ErrorCode::strategy_not_found);
  auto feed = h.services.activity.recent(admin(), 50);
  CHECK(std::any_of(feed->begin(), feed->end(), [](const FeedEntry& e) { return e.type == "strategy_added"; }));
}

TEST_CASE("list filters, searches, sorts and pages") {
  Harness h;
  for (int i = 0; i < 25; ++i) {
    GoalDraft d;
    d.title = "Goal " + std::to_string(i);
    d.horizon = i % 2 == 0 ? Horizon::year : Horizon::month;
    d.value_tags = {i % 5 == 0 ? "growth" : "ops"};
    REQUIRE(h.services.goals.create(admin(), d));
    h.clock.advance(std::chrono::seconds(1));
  }
  GoalQuery q;
  auto first = h.services.goals.list(admin(), q);
  REQUIRE(first);
  CHECK(first->total == 25);
  CHECK(first->items.size() == 20);
  CHECK(first->items[0].goal.title == "Goal 24");  // newest first by default
  q.page = {2, 20};
  CHECK(h.services.goals.list(admin(), q)->items.size() == 5);
  q.page = {1, 100};
  q.horizon = Horizon::year;
  CHECK(h.services.goals.list(admin(), q)->total == 13);
  q.value_tag = "growth";
  CHECK(h.services.goals.list(admin(), q)->total == 3);  // 0, 10, 20
  GoalQuery search;
  search.search = "goal 1";
  CHECK(h.services.goals.list(admin(), search)->total == 11);  // 1, 10..19
}
