// OperationsService: relationship management and KPI updates from actions.
#include <catch2/catch.hpp>

#include "operations_fixtures.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("an action's goals and strategies are replaced, and all its links cleared") {
  Harness h;
  auto g1 = h.goal("One");
  auto g2 = h.goal("Two");
  auto s1 = h.services.goals.add_strategy(admin(), g1.goal.id, {"First", {}, {}});
  REQUIRE(s1);
  auto issue = make_issue(h, "Issue");
  auto action = make_action(h, "Act", {{g1.goal.id}, {}, {issue.issue.id}});

  auto replaced = h.services.operations.set_action_goals(admin(), action.id, {g2.goal.id, g2.goal.id});
  REQUIRE(replaced);
  CHECK(replaced->connections.goal_ids == std::vector<std::string>{g2.goal.id});  // repeats dropped
  CHECK(replaced->connections.issue_ids == std::vector<std::string>{issue.issue.id});

  auto refused = h.services.operations.set_action_goals(admin(), action.id, {g1.goal.id, "ghost"});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "goalIds");
  CHECK(refused.error().message.find("ghost") != std::string::npos);
  CHECK(h.services.operations.get_action(admin(), action.id)->connections.goal_ids ==
        std::vector<std::string>{g2.goal.id});

  auto with_strategy = h.services.operations.set_action_strategies(admin(), action.id, {s1->id});
  REQUIRE(with_strategy);
  CHECK(with_strategy->connections.strategy_ids == std::vector<std::string>{s1->id});
  CHECK(h.services.operations.set_action_strategies(admin(), action.id, {g1.goal.id}).error().field ==
        "strategyIds");  // a goal id is no strategy

  auto cleared = h.services.operations.clear_action_relationships(admin(), action.id);
  REQUIRE(cleared);
  CHECK(cleared->connections == ActionConnections{});
  CHECK(h.services.operations.set_action_goals(admin(), "ghost-action", {}).error().code ==
        ErrorCode::action_not_found);
}

TEST_CASE("batch reads map each id to its goals, strategies or KPIs") {
  Harness h;
  auto g1 = h.goal("One");
  auto g2 = h.goal("Two");
  auto s1 = h.services.goals.add_strategy(admin(), g1.goal.id, {"First", {}, {}});
  REQUIRE(s1);
  auto revenue = h.kpi("Revenue");
  REQUIRE(h.services.goals.link_kpi(admin(), g1.goal.id, {revenue.id, 80, 1, 1000}));
  auto a1 = make_action(h, "A1", {{g1.goal.id, g2.goal.id}, {s1->id}, {}});
  auto a2 = make_action(h, "A2");

  auto goals = h.services.operations.action_goals(admin(), {a1.id, a2.id});
  REQUIRE(goals);
  REQUIRE(goals->size() == 2);
  CHECK((*goals)[0].action_id == a1.id);
  REQUIRE((*goals)[0].goals.size() == 2);
  CHECK((*goals)[0].goals[0].goal.title == "One");
  CHECK((*goals)[0].goals[0].kpis.size() == 1);
  CHECK((*goals)[1].goals.empty());

  auto strategies = h.services.operations.action_strategies(admin(), {a1.id});
  REQUIRE(strategies);
  REQUIRE((*strategies)[0].strategies.size() == 1);
  CHECK((*strategies)[0].strategies[0].description == "First");

  auto kpis = h.services.operations.goal_kpis(admin(), {g1.goal.id, g2.goal.id});
  REQUIRE(kpis);
  REQUIRE((*kpis)[0].kpis.size() == 1);
  CHECK((*kpis)[0].kpis[0].link.kpi_id == revenue.id);
  CHECK((*kpis)[1].kpis.empty());

  auto theirs = make_action(h, "Theirs", {}, admin("globex"));
  auto refused = h.services.operations.action_goals(admin(), {a1.id, theirs.id});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "actionIds");
  CHECK(refused.error().message.find(theirs.id) != std::string::npos);
  CHECK(h.services.operations.action_strategies(admin(), {"ghost"}).error().field == "actionIds");
  CHECK(h.services.operations.goal_kpis(admin(), {"ghost"}).error().field == "goalIds");
}

TEST_CASE("a KPI update from an action records a reading and re-computes the linked goals") {
  Harness h;
  auto goal = h.goal();
  auto revenue = h.kpi("Revenue");
  REQUIRE(h.services.goals.link_kpi(admin(), goal.goal.id, {revenue.id, 80, 1, 1000}));
  auto action = make_action(h, "Close deals", {{goal.goal.id}, {}, {}});

  KpiUpdateDraft update;
  update.action_id = action.id;
  update.kpi_id = revenue.id;
  update.new_value = 400;
  update.update_date = parse_date("2025-01-20");
  update.notes = "Two deals closed";
  auto result = h.services.operations.record_kpi_update(admin(), update);
  REQUIRE(result);
  CHECK(result->reading.source_action_id == action.id);
  CHECK(format_year_month(result->reading.period) == "2025-01");
  CHECK(result->reading.reason == "Two deals closed");
  REQUIRE(result->goals.size() == 1);
  CHECK(result->goals[0].progress == 40);
  CHECK(h.fetch(goal.goal.id).progress == 40);
  auto types = h.events.types_for(goal.goal.id);
  CHECK(has(types, "kpi.reading.created"));

  auto again = h.services.operations.record_kpi_update(admin(), update);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::duplicate_reading);
  update.replace = true;
  update.new_value = 500;
  REQUIRE(h.services.operations.record_kpi_update(admin(), update));
  CHECK(h.fetch(goal.goal.id).progress == 50);

  auto no_action = update;
  no_action.action_id = "ghost";
  CHECK(h.services.operations.record_kpi_update(admin(), no_action).error().field == "actionId");
  auto no_kpi = update;
  no_kpi.kpi_id = h.kpi("Theirs").id + "-x";
  CHECK(h.services.operations.record_kpi_update(admin(), no_kpi).error().field == "kpiId");
  auto no_value = update;
  no_value.new_value.reset();
  CHECK(h.services.operations.record_kpi_update(admin(), no_value).error().field == "newValue");
  auto theirs = make_action(h, "Theirs", {}, admin("globex"));
  auto foreign = update;
  foreign.action_id = theirs.id;
  CHECK(h.services.operations.record_kpi_update(admin(), foreign).error().field == "actionId");
}
