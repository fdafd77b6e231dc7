#include <catch2/catch.hpp>

#include "harness.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("a KPI reading at a leaf of a four-level tree moves every ancestor") {
  Harness h;
  auto company = h.goal("Company", GoalLevel::company);
  auto division = h.goal("Division", GoalLevel::division, company.goal.id);
  auto team = h.goal("Team", GoalLevel::team, division.goal.id);
  auto person = h.goal("Person", GoalLevel::individual, team.goal.id);
  auto sibling = h.goal("Sibling", GoalLevel::individual, team.goal.id);
  auto kpi = h.kpi();
  REQUIRE(h.services.goals.link_kpi(admin(), person.goal.id, {kpi.id, 80, 1, 200}));
  REQUIRE(h.reading(kpi.id, "2025-01", 160));  // person 80 %, sibling 0 %

  CHECK(h.fetch(person.goal.id).progress == 80);
  CHECK(h.fetch(team.goal.id).progress == 40);
  CHECK(h.fetch(team.goal.id).progress_basis == ProgressBasis::children);
  CHECK(h.fetch(division.goal.id).progress == 40);
  CHECK(h.fetch(company.goal.id).progress == 40);
  auto audit = h.services.progress.audit_log(admin(), company.goal.id, PageRequest{});
  REQUIRE(audit);
  REQUIRE(audit->total >= 1);
  CHECK(audit->items[0].action == "progress_changed");
  CHECK(audit->items[0].new_value == "40");
  CHECK(h.events.types_for(company.goal.id).back() == "goal.progress.changed");
  (void)sibling;
}

TEST_CASE("hierarchy rules refuse self links, cycles, depth and level violations") {
  Harness h;
  auto a = h.goal("a");
  auto b = h.goal("b", std::nullopt, a.goal.id);
  auto c = h.goal("c", std::nullopt, b.goal.id);
  auto d = h.goal("d", std::nullopt, c.goal.id);
  CHECK(h.services.hierarchy.link_parent(admin(), a.goal.id, a.goal.id).error().message ==
        "A goal cannot be its own parent");
  auto cycle = h.services.hierarchy.link_parent(admin(), a.goal.id, c.goal.id);
  REQUIRE_FALSE(cycle);
  CHECK(cycle.error().message.find("cycle") != std::string::npos);
  GoalDraft deep;
  deep.title = "too deep";
  deep.horizon = Horizon::month;
  deep.parent_id = d.goal.id;
  auto too_deep = h.services.goals.create(admin(), deep);
  REQUIRE_FALSE(too_deep);
  CHECK(too_deep.error().message.find("Maximum hierarchy depth of 4") != std::string::npos);
  auto team = h.goal("team", GoalLevel::team);
  auto division = h.goal("division", GoalLevel::division);
  CHECK(h.services.hierarchy.link_parent(admin(), division.goal.id, team.goal.id).error().field == "parentId");
  CHECK(h.services.hierarchy.link_parent(manager(), division.goal.id, a.goal.id).error().code ==
        ErrorCode::insufficient_permissions);
}

TEST_CASE("moving a goal re-computes the old and the new parent") {
  Harness h;
  auto left = h.goal("left");
  auto right = h.goal("right");
  auto leaf = h.goal("leaf", std::nullopt, left.goal.id);
  GoalPatch progress;
  progress.progress = 60;
  REQUIRE(h.services.goals.update(admin(), leaf.goal.id, progress));
  CHECK(h.fetch(left.goal.id).progress == 60);
  REQUIRE(h.services.hierarchy.link_parent(admin(), leaf.goal.id, right.goal.id));
  CHECK(h.fetch(left.goal.id).progress == 0);
  CHECK(h.fetch(left.goal.id).children_count == 0);
  CHECK(h.fetch(right.goal.id).progress == 60);
  auto tree = h.services.hierarchy.hierarchy(admin(), right.goal.id);
  REQUIRE(tree);
  REQUIRE(tree->descendants.size() == 1);
  CHECK(tree->descendants[0].goal.id == leaf.goal.id);
  REQUIRE(h.services.hierarchy.unlink_parent(admin(), leaf.goal.id));
  CHECK(h.fetch(right.goal.id).progress == 0);
  CHECK(h.services.hierarchy.unlink_parent(admin(), leaf.goal.id).error().code == ErrorCode::validation_error);
  auto ancestors = h.services.hierarchy.ancestors(admin(), leaf.goal.id);
  CHECK(ancestors->empty());
}

TEST_CASE("a manual adjustment wins until cleared and is audited") {
  Harness h;
  auto parent = h.goal("parent");
  auto child = h.goal("child", std::nullopt, parent.goal.id);
  CHECK(h.services.progress.adjust_manually(admin(), child.goal.id, 70, "short").error().field == "justification");
  auto adjusted = h.services.progress.adjust_manually(admin(), child.goal.id, 70, "Signed contracts not in CRM yet");
  REQUIRE(adjusted);
  CHECK(adjusted->goal.progress == 70);
  CHECK(adjusted->goal.calculation_source == CalculationSource::manual);
  CHECK(h.fetch(parent.goal.id).progress == 70);
  auto audit = h.services.progress.audit_log(admin(), child.goal.id, PageRequest{});
  REQUIRE(audit);
  auto manual = std::find_if(audit->items.begin(), audit->items.end(),
                             [](const AuditEntry& e) { return e.action == "manual_adjustment"; });
  REQUIRE(manual != audit->items.end());
  CHECK(manual->old_value == "0");
  CHECK(manual->new_value == "70");
  CHECK(manual->reason == "Signed contracts not in CRM yet");
  auto cleared = h.services.progress.clear_manual_adjustment(admin(), child.goal.id);
  REQUIRE(cleared);
  CHECK(cleared->goal.progress == 0);
  CHECK(h.fetch(parent.goal.id).progress == 0);
  auto recalculated = h.services.progress.recalculate(admin(), parent.goal.id);
  REQUIRE(recalculated);
  CHECK(recalculated->basis == ProgressBasis::children);
  CHECK(recalculated->child_count == 1);
}
