// OperationsService: actions on the memory store.
#include <catch2/catch.hpp>

#include "operations_fixtures.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("an action links to live goals, strategies and issues of the tenant") {
  Harness h;
  auto goal = h.goal();
  auto strategy = h.services.goals.add_strategy(admin(), goal.goal.id, {"Hire sales reps", {}, {}});
  REQUIRE(strategy);
  auto issue = make_issue(h, "Hiring gap");
  auto action = make_action(h, "Post job ads", {{goal.goal.id}, {strategy->id}, {issue.issue.id}});
  CHECK(action.connections.goal_ids == std::vector<std::string>{goal.goal.id});
  CHECK(action.connections.strategy_ids == std::vector<std::string>{strategy->id});
  CHECK(action.connections.issue_ids == std::vector<std::string>{issue.issue.id});
  CHECK(action.status == ActionStatus::not_started);
  CHECK(action.created_by == "u-admin");
  CHECK(has(feed_types(h), "action_created"));

  for (auto [connections, field, id] : {
           std::tuple{ActionConnections{{"ghost-goal"}, {}, {}}, "connections.goalIds", "ghost-goal"},
           std::tuple{ActionConnections{{}, {"ghost-strategy"}, {}}, "connections.strategyIds", "ghost-strategy"},
           std::tuple{ActionConnections{{}, {}, {"ghost-issue"}}, "connections.issueIds", "ghost-issue"},
       }) {
    auto refused = h.services.operations.create_action(admin(), action_draft("Broken", connections));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::validation_error);
    CHECK(refused.error().field == field);
    CHECK(refused.error().message.find(id) != std::string::npos);
  }
  CHECK(h.services.operations.list_actions(admin(), ActionQuery{})->total == 1);

  // A goal of another tenant is as unknown as a made-up id.
  auto theirs = h.goal("Theirs", std::nullopt, std::nullopt, admin("globex"));
  ActionPatch patch;
  patch.goal_ids = std::vector<std::string>{theirs.goal.id};
  auto refused = h.services.operations.update_action(admin(), action.id, patch);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "connections.goalIds");
  CHECK(h.services.operations.get_action(admin(), action.id)->connections.goal_ids ==
        std::vector<std::string>{goal.goal.id});
}

TEST_CASE("completing an action sets it to 100 %, feeds the activity and counts in the performance score") {
  Harness h;
  auto action = make_action(h, "Call Acme");
  auto before = h.services.analytics.performance_score(admin());
  REQUIRE(before);
  CHECK(before->score.actions.completion_rate == 0);

  ActionPatch progress;
  progress.status = "in_progress";
  progress.progress = 40;
  auto working = h.services.operations.update_action(admin(), action.id, progress);
  REQUIRE(working);
  CHECK(working->progress == 40);
  CHECK(feed_types(h).front() == "action_updated");

  ActionPatch complete;
  complete.status = "completed";
  auto done = h.services.operations.update_action(admin(), action.id, complete);
  REQUIRE(done);
  CHECK(done->progress == 100);
  CHECK(done->completed_at == h.clock.now());
  CHECK(feed_types(h).front() == "action_completed");
  auto after = h.services.analytics.performance_score(admin());
  REQUIRE(after);
  CHECK(after->score.actions.completion_rate == 100);

  ActionPatch bad;
  bad.status = "finished";
  auto refused = h.services.operations.update_action(admin(), action.id, bad);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "status");
}

TEST_CASE("deleting an action hides it and is in the recent activity") {
  Harness h;
  auto action = make_action(h, "Call Acme");
  h.clock.advance(std::chrono::minutes(1));
  auto deleted = h.services.operations.delete_action(admin(), action.id);
  REQUIRE(deleted);
  CHECK(deleted->id == action.id);
  CHECK(deleted->deleted_at == h.clock.now());
  CHECK(feed_types(h).front() == "action_deleted");
  CHECK(h.services.operations.get_action(admin(), action.id).error().code == ErrorCode::action_not_found);
  CHECK(h.services.operations.delete_action(admin(), action.id).error().code == ErrorCode::action_not_found);
  CHECK(h.services.operations.list_actions(admin(), ActionQuery{})->total == 0);
}

TEST_CASE("action filters combine") {
  Harness h;
  auto goal = h.goal();
  auto other_goal = h.goal("Other");
  auto make = [&](std::string title, std::string start, std::string due, std::string priority, std::string who,
                  std::vector<std::string> goals) {
    auto d = action_draft(std::move(title), {std::move(goals), {}, {}});
    d.start_date = parse_timestamp(start);
    d.due_date = parse_timestamp(due);
    d.priority = std::move(priority);
    d.assigned_person_id = std::move(who);
    auto created = h.services.operations.create_action(admin(), d);
    REQUIRE(created);
    h.clock.advance(std::chrono::seconds(1));
    return *created;
  };
  auto jan = make("January", "2025-01-01", "2025-01-31", "high", "u-jane", {goal.goal.id});
  auto feb = make("February", "2025-02-01", "2025-02-28", "low", "u-jane", {other_goal.goal.id});
  auto mar = make("March", "2025-03-01", "2025-03-31", "high", "u-joe", {goal.goal.id});
  ActionPatch complete;
  complete.status = "completed";
  REQUIRE(h.services.operations.update_action(admin(), mar.id, complete));

  auto titles = [&](const ActionQuery& q) {
    auto page = h.services.operations.list_actions(admin(), q);
    if (!page) throw std::runtime_error(page.error().message);
    std::vector<std::string> out;
    for (const auto& a : page->items) out.push_back(a.title);
    std::sort(out.begin(), out.end());
    return out;
  };
  ActionQuery q;
  q.goal_ids = {goal.goal.id};
  CHECK(titles(q) == std::vector<std::string>{"January", "March"});
  q.priorities = {Priority::high};
  q.statuses = {ActionStatus::not_started};
  CHECK(titles(q) == std::vector<std::string>{"January"});

  ActionQuery window;
  window.start = parse_timestamp("2025-01-20");
  window.end = parse_timestamp("2025-02-10");
  CHECK(titles(window) == std::vector<std::string>{"February", "January"});
  window.assigned_person_id = "u-jane";
  window.goal_ids = {other_goal.goal.id};
  CHECK(titles(window) == std::vector<std::string>{"February"});
  (void)jan;
  (void)feb;
}

TEST_CASE("deleting a goal or a strategy removes the links from actions and issues") {
  Harness h;
  auto goal = h.goal();
  auto keep = h.goal("Keep");
  auto strategy = h.services.goals.add_strategy(admin(), keep.goal.id, {"Hire", {}, {}});
  REQUIRE(strategy);
  auto action = make_action(h, "Linked", {{goal.goal.id, keep.goal.id}, {strategy->id}, {}});
  auto draft = issue_draft("Linked issue");
  draft.connections.goal_ids = {goal.goal.id};
  draft.connections.strategy_ids = {strategy->id};
  auto issue = make_issue(h, draft);

  REQUIRE(h.services.goals.remove(admin(), goal.goal.id));
  REQUIRE(h.services.goals.remove_strategy(admin(), keep.goal.id, strategy->id));
  auto after = h.services.operations.get_action(admin(), action.id);
  REQUIRE(after);
  CHECK(after->connections.goal_ids == std::vector<std::string>{keep.goal.id});
  CHECK(after->connections.strategy_ids.empty());
  auto issue_after = h.services.operations.get_issue(admin(), issue.issue.id);
  REQUIRE(issue_after);
  CHECK(issue_after->issue.connections.goal_ids.empty());
  CHECK(issue_after->issue.connections.strategy_ids.empty());
}

TEST_CASE("another tenant's actions are not found") {
  Harness h;
  auto theirs = make_action(h, "Theirs", {}, admin("globex"));
  CHECK(h.services.operations.get_action(admin(), theirs.id).error().code == ErrorCode::action_not_found);
  CHECK(h.services.operations.update_action(admin(), theirs.id, {}).error().code == ErrorCode::action_not_found);
  CHECK(h.services.operations.delete_action(admin(), theirs.id).error().code == ErrorCode::action_not_found);
  CHECK(h.services.operations.list_actions(admin(), ActionQuery{})->total == 0);
  CHECK(h.services.operations.get_action(admin("globex"), theirs.id));
}
