// GoalRepository: round trip, optimistic updates, soft delete, hierarchy reads, lists.
#include <algorithm>
#include <tuple>

#include "contract_fixtures.hpp"
#include "traction/domain/analytics.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

std::optional<Goal> find_goal(ports::Store& store, std::string_view tenant, std::string_view id) {
  return read_value(store, [&](ports::Transaction& tx) { return tx.goals().find(tenant, id); });
}

Goal require_goal(ports::Store& store, std::string_view tenant, std::string_view id) {
  auto goal = find_goal(store, tenant, id);
  INFO("goal " << id);
  REQUIRE(goal.has_value());
  return std::move(*goal);
}

Page<Goal> list_goals(ports::Store& store, const GoalQuery& query) {
  return read_value(store,
                    [&](ports::Transaction& tx) { return tx.goals().list(tenant_a, query); });
}

std::vector<std::string> list_ids(ports::Store& store, const GoalQuery& query) {
  return ids_of(list_goals(store, query).items);
}

void insert_goals(ports::Store& store, const std::vector<Goal>& goals) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& goal : goals) {
      if (auto ok = tx.goals().insert(goal); !ok) return ok;
    }
    return {};
  });
}

// Marks the goal deleted through an update.
void soft_delete(ports::Store& store, std::string_view tenant, std::string_view id) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    auto goal = tx.goals().find(tenant, id);
    if (!goal) return std::unexpected(goal.error());
    REQUIRE(goal->has_value());
    auto deleted = **goal;
    deleted.deleted_at = minutes_after_base(500);
    return tx.goals().update(deleted);
  });
}

// A fully populated goal: every optional field set, strategies and KPI links.
Goal full_goal(ports::Store& store) {
  seed_goals(store, tenant_a, {"parent"});
  seed_kpis(store, tenant_a, {"kpi-1", "kpi-2"});
  auto goal = make_goal(tenant_a, "full");
  goal.title = "Grow recurring revenue";
  goal.intent = "Make the subscription business the main one";
  goal.owner_id = "owner-7";
  goal.owner_name = "Ann Owner";
  goal.level = GoalLevel::team;
  goal.parent_id = "parent";
  goal.horizon = Horizon::year;
  goal.start_date = day("2025-01-01");
  goal.end_date = day("2025-12-31");
  goal.status = GoalStatus::paused;
  goal.value_tags = {"growth", "customer"};
  goal.metadata_json = R"({"okr":true,"weight":3})";
  goal.progress = 42.25;
  goal.progress_basis = ProgressBasis::manual;
  goal.calculation_source = CalculationSource::manual;
  goal.manual_progress = 42.25;
  goal.manual_reason = "Board decision after review";
  goal.entered_progress = 30.5;
  goal.children_count = 2;
  goal.children_progress_sum = 75.5;
  goal.last_calculated_at = at("2025-02-01T08:30:15.250Z");
  goal.completed_at = at("2025-02-02T09:00:00.001Z");
  goal.created_at = at("2025-01-10T07:00:00.123Z");
  goal.updated_at = at("2025-01-20T07:00:00.456Z");
  goal.created_by = "creator";
  goal.updated_by = "updater";
  goal.version = 3;
  goal.strategies = {make_strategy("full", "s-1", 1), make_strategy("full", "s-2", 2)};
  goal.strategies[1].status = StrategyStatus::adopted;
  goal.kpi_links = {make_link("l-1", "kpi-1"), make_link("l-2", "kpi-2")};
  goal.kpi_links[1].target.reset();
  goal.kpi_links[1].threshold_pct = 55.5;
  goal.kpi_links[1].weight = 0.5;
  return goal;
}

}  // namespace

TEST_CASE("goals: an inserted goal reads back field for field") {
  auto store = make_store();
  const auto goal = full_goal(*store);
  insert_goals(*store, {goal});

  const auto found = find_goal(*store, tenant_a, "full");
  REQUIRE(found.has_value());
  CHECK(normalized(*found) == normalized(goal));

  const auto also = read_value(*store, [&](ports::Transaction& tx) {
    return tx.goals().find_including_deleted(tenant_a, "full");
  });
  REQUIRE(also.has_value());
  CHECK(normalized(*also) == normalized(goal));
}

TEST_CASE("goals: a goal with no optional fields reads back unchanged") {
  auto store = make_store();
  auto goal = make_goal(tenant_a, "bare");
  goal.start_date.reset();
  goal.end_date.reset();
  goal.value_tags.clear();
  goal.metadata_json = "{}";
  goal.intent.clear();
  insert_goals(*store, {goal});
  const auto found = find_goal(*store, tenant_a, "bare");
  REQUIRE(found.has_value());
  CHECK(*found == goal);
}

TEST_CASE("goals: an unknown id is not found") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  CHECK_FALSE(find_goal(*store, tenant_a, "nope").has_value());
  CHECK_FALSE(read_value(*store, [](ports::Transaction& tx) {
                return tx.goals().find_including_deleted(tenant_a, "nope");
              }).has_value());
}

TEST_CASE("goals: strategies come back ordered by their order") {
  auto store = make_store();
  auto goal = make_goal(tenant_a, "g");
  goal.strategies = {make_strategy("g", "s-c", 3), make_strategy("g", "s-a", 1),
                     make_strategy("g", "s-b", 2)};
  insert_goals(*store, {goal});
  const auto found = find_goal(*store, tenant_a, "g");
  REQUIRE(found.has_value());
  CHECK(ids_of(found->strategies) == strings({"s-a", "s-b", "s-c"}));
}

TEST_CASE("goals: inserting an existing id fails with INTERNAL and changes nothing") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  auto again = make_goal(tenant_a, "g-1");
  again.title = "Another title";
  const auto status =
      write_status(*store, [&](ports::Transaction& tx) { return tx.goals().insert(again); });
  CHECK(has_code(status, ErrorCode::internal));
  CHECK(require_goal(*store, tenant_a, "g-1").title == "Goal g-1");

  SECTION("also when the existing goal is soft-deleted") {
    soft_delete(*store, tenant_a, "g-1");
    CHECK(has_code(write_status(*store,
                                [&](ports::Transaction& tx) { return tx.goals().insert(again); }),
                   ErrorCode::internal));
  }
}

TEST_CASE("goals: update checks the version and bumps it on success") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});

  auto goal = require_goal(*store, tenant_a, "g-1");
  REQUIRE(goal.version == 1);
  goal.title = "Renamed";
  goal.progress = 64;
  write_ok(*store, [&](ports::Transaction& tx) { return tx.goals().update(goal); });
  CHECK(goal.version == 2);
  auto stored = require_goal(*store, tenant_a, "g-1");
  CHECK(stored.version == 2);
  CHECK(stored.title == "Renamed");
  CHECK(stored.progress == 64);
  CHECK(stored == goal);

  SECTION("a stale version is a VERSION_CONFLICT and the row stays as it was") {
    auto stale = stored;
    stale.version = 1;
    stale.title = "Stale write";
    const auto status =
        write_status(*store, [&](ports::Transaction& tx) { return tx.goals().update(stale); });
    CHECK(has_code(status, ErrorCode::version_conflict));
    CHECK(stale.version == 1);
    CHECK(require_goal(*store, tenant_a, "g-1") == stored);
  }
  SECTION("a version ahead of the stored one is a conflict too") {
    auto ahead = stored;
    ahead.version = 7;
    CHECK(has_code(
        write_status(*store, [&](ports::Transaction& tx) { return tx.goals().update(ahead); }),
        ErrorCode::version_conflict));
  }
  SECTION("two updates in one write each bump the version") {
    write_ok(*store, [&](ports::Transaction& tx) -> Status {
      auto g = stored;
      g.title = "First";
      if (auto ok = tx.goals().update(g); !ok) return ok;
      g.title = "Second";
      return tx.goals().update(g);
    });
    const auto now = require_goal(*store, tenant_a, "g-1");
    CHECK(now.version == 4);
    CHECK(now.title == "Second");
  }
}

TEST_CASE("goals: updating a missing goal is GOAL_NOT_FOUND") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  auto ghost = make_goal(tenant_a, "ghost");
  const auto status =
      write_status(*store, [&](ports::Transaction& tx) { return tx.goals().update(ghost); });
  CHECK(has_code(status, ErrorCode::goal_not_found));
  CHECK_FALSE(find_goal(*store, tenant_a, "ghost").has_value());
}

TEST_CASE("goals: update stores strategies and KPI links as given") {
  auto store = make_store();
  seed_kpis(*store, tenant_a, {"kpi-1", "kpi-2", "kpi-3"});
  auto goal = make_goal(tenant_a, "g");
  goal.strategies = {make_strategy("g", "s-1", 1), make_strategy("g", "s-2", 2)};
  goal.kpi_links = {make_link("l-1", "kpi-1"), make_link("l-2", "kpi-2")};
  insert_goals(*store, {goal});

  goal.strategies.erase(goal.strategies.begin());            // s-1 removed
  goal.strategies[0].description = "Changed";                // s-2 changed
  goal.strategies[0].order = 2;
  goal.strategies.push_back(make_strategy("g", "s-3", 1));   // s-3 added, sorts first
  goal.kpi_links.erase(goal.kpi_links.begin() + 1);          // kpi-2 unlinked
  goal.kpi_links[0].threshold_pct = 99;                      // kpi-1 changed
  goal.kpi_links.push_back(make_link("l-3", "kpi-3"));       // kpi-3 linked
  write_ok(*store, [&](ports::Transaction& tx) { return tx.goals().update(goal); });

  const auto found = require_goal(*store, tenant_a, "g");
  CHECK(ids_of(found.strategies) == strings({"s-3", "s-2"}));
  REQUIRE(found.find_strategy("s-2") != nullptr);
  CHECK(found.find_strategy("s-2")->description == "Changed");
  CHECK(found.find_strategy("s-1") == nullptr);
  CHECK(found.find_link("kpi-2") == nullptr);
  REQUIRE(found.find_link("kpi-1") != nullptr);
  CHECK(found.find_link("kpi-1")->threshold_pct == 99);
  CHECK(found.find_link("kpi-3") != nullptr);
  CHECK(normalized(found).kpi_links == normalized(goal).kpi_links);

  SECTION("and removes them all when given none") {
    goal.strategies.clear();
    goal.kpi_links.clear();
    write_ok(*store, [&](ports::Transaction& tx) { return tx.goals().update(goal); });
    const auto empty = require_goal(*store, tenant_a, "g");
    CHECK(empty.strategies.empty());
    CHECK(empty.kpi_links.empty());
  }
}

TEST_CASE("goals: a soft-deleted goal is gone from every read but find_including_deleted") {
  auto store = make_store();
  seed_kpis(*store, tenant_a, {"kpi-1"});
  auto parent = make_goal(tenant_a, "parent");
  auto doomed = make_goal(tenant_a, "doomed");
  doomed.parent_id = "parent";
  doomed.created_at = minutes_after_base(1);
  doomed.strategies = {make_strategy("doomed", "s-doomed", 1)};
  doomed.kpi_links = {make_link("l-doomed", "kpi-1")};
  auto kept = make_goal(tenant_a, "kept");
  kept.parent_id = "parent";
  kept.created_at = minutes_after_base(2);
  kept.kpi_links = {make_link("l-kept", "kpi-1")};
  insert_goals(*store, {parent, doomed, kept});
  soft_delete(*store, tenant_a, "doomed");

  CHECK_FALSE(find_goal(*store, tenant_a, "doomed").has_value());
  const auto deleted = read_value(*store, [](ports::Transaction& tx) {
    return tx.goals().find_including_deleted(tenant_a, "doomed");
  });
  REQUIRE(deleted.has_value());
  CHECK(deleted->deleted_at == minutes_after_base(500));
  CHECK(deleted->version == 2);

  CHECK(sorted(list_ids(*store, GoalQuery{})) == strings({"kept", "parent"}));
  CHECK(list_goals(*store, GoalQuery{}).total == 2);
  CHECK(ids_of(read_value(*store, [](ports::Transaction& tx) {
          return tx.goals().children(tenant_a, "parent");
        })) == strings({"kept"}));
  CHECK(sorted(ids_of(read_value(
            *store, [](ports::Transaction& tx) { return tx.goals().all(tenant_a); }))) ==
        strings({"kept", "parent"}));
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) ==
        2);
  const auto open = read_value(*store, [](ports::Transaction& tx) { return tx.goals().open_goals(); });
  CHECK(std::none_of(open.begin(), open.end(),
                     [](const ports::GoalKey& k) { return k.id == "doomed"; }));
  CHECK_FALSE(read_value(*store, [](ports::Transaction& tx) {
                return tx.goals().goal_of_strategy(tenant_a, "s-doomed");
              }).has_value());
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.goals().goals_linking_kpi(tenant_a, "kpi-1");
        }) == strings({"kept"}));

  SECTION("a soft-deleted goal can still be updated, and clearing deleted_at restores it") {
    auto restored = *deleted;
    restored.deleted_at.reset();
    write_ok(*store, [&](ports::Transaction& tx) { return tx.goals().update(restored); });
    CHECK(find_goal(*store, tenant_a, "doomed").has_value());
    CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) ==
          3);
  }
}

TEST_CASE("goals: children are the live children of one parent, oldest first") {
  auto store = make_store();
  auto p1 = make_goal(tenant_a, "p1");
  auto p2 = make_goal(tenant_a, "p2");
  auto c_late = make_goal(tenant_a, "c-late");
  c_late.parent_id = "p1";
  c_late.created_at = minutes_after_base(30);
  auto c_early = make_goal(tenant_a, "c-early");
  c_early.parent_id = "p1";
  c_early.created_at = minutes_after_base(10);
  auto c_tie_b = make_goal(tenant_a, "c-tie-b");
  c_tie_b.parent_id = "p1";
  c_tie_b.created_at = minutes_after_base(20);
  auto c_tie_a = make_goal(tenant_a, "c-tie-a");
  c_tie_a.parent_id = "p1";
  c_tie_a.created_at = minutes_after_base(20);
  auto other = make_goal(tenant_a, "other");
  other.parent_id = "p2";
  insert_goals(*store, {p1, p2, c_late, c_early, c_tie_b, c_tie_a, other});

  const auto children = read_value(
      *store, [](ports::Transaction& tx) { return tx.goals().children(tenant_a, "p1"); });
  CHECK(ids_of(children) == strings({"c-early", "c-tie-a", "c-tie-b", "c-late"}));
  REQUIRE(children.size() == 4);
  CHECK(children[0] == c_early);
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.goals().children(tenant_a, "c-early");
        }).empty());
}

TEST_CASE("goals: tally counts the tenant's live goals by status and horizon, summing progress") {
  auto store = make_store();
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().tally(tenant_a); }).empty());
  auto goal = [](std::string_view tenant, std::string_view id, GoalStatus status, Horizon horizon,
                 double progress) {
    auto g = make_goal(tenant, id);
    g.status = status;
    g.horizon = horizon;
    g.progress = progress;
    return g;
  };
  const auto a = goal(tenant_a, "a", GoalStatus::active, Horizon::quarter, 40);
  const auto b = goal(tenant_a, "b", GoalStatus::active, Horizon::quarter, 25.5);
  const auto c = goal(tenant_a, "c", GoalStatus::completed, Horizon::year, 100);
  const auto doomed = goal(tenant_a, "doomed", GoalStatus::active, Horizon::quarter, 90);
  const auto elsewhere = goal(tenant_b, "elsewhere", GoalStatus::active, Horizon::quarter, 0);
  insert_goals(*store, {a, b, c, doomed, elsewhere});
  soft_delete(*store, tenant_a, "doomed");

  auto tally = read_value(*store, [](ports::Transaction& tx) { return tx.goals().tally(tenant_a); });
  std::sort(tally.begin(), tally.end(), [](const GoalTallyCell& x, const GoalTallyCell& y) {
    return x.goals > y.goals;
  });
  CHECK(tally == GoalTally{{GoalStatus::active, Horizon::quarter, 2, 65.5}, {GoalStatus::completed, Horizon::year, 1, 100}});
  // The same figures as counting every goal of the tenant.
  const auto all = read_value(*store, [](ports::Transaction& tx) { return tx.goals().all(tenant_a); });
  CHECK(goal_stats(tally) == goal_stats(all));
}

TEST_CASE("goals: all and count see the tenant's live goals") {
  auto store = make_store();
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) ==
        0);
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().all(tenant_a); })
            .empty());
  seed_goals(*store, tenant_a, {"g-1", "g-2", "g-3"});
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) ==
        3);
  const auto all =
      read_value(*store, [](ports::Transaction& tx) { return tx.goals().all(tenant_a); });
  CHECK(sorted(ids_of(all)) == strings({"g-1", "g-2", "g-3"}));
}

TEST_CASE("goals: open_goals lists live draft, active and paused goals of every tenant") {
  auto store = make_store();
  std::vector<Goal> goals;
  const std::pair<const char*, GoalStatus> cases[] = {
      {"draft", GoalStatus::draft},         {"active", GoalStatus::active},
      {"paused", GoalStatus::paused},       {"completed", GoalStatus::completed},
      {"cancelled", GoalStatus::cancelled},
  };
  for (const auto& [id, status] : cases) {
    auto g = make_goal(tenant_a, id);
    g.status = status;
    goals.push_back(g);
  }
  auto b_goal = make_goal(tenant_b, "b-active");
  goals.push_back(b_goal);
  insert_goals(*store, goals);

  auto open = read_value(*store, [](ports::Transaction& tx) { return tx.goals().open_goals(); });
  std::sort(open.begin(), open.end(), [](const ports::GoalKey& x, const ports::GoalKey& y) {
    return std::tie(x.tenant, x.id) < std::tie(y.tenant, y.id);
  });
  const std::vector<ports::GoalKey> expected = {{std::string(tenant_a), "active"},
                                                {std::string(tenant_a), "draft"},
                                                {std::string(tenant_a), "paused"},
                                                {std::string(tenant_b), "b-active"}};
  CHECK(open == expected);
}

TEST_CASE("goals: goal_of_strategy names the live goal that owns a strategy") {
  auto store = make_store();
  auto g1 = make_goal(tenant_a, "g-1");
  g1.strategies = {make_strategy("g-1", "s-1", 1), make_strategy("g-1", "s-2", 2)};
  auto g2 = make_goal(tenant_a, "g-2");
  g2.strategies = {make_strategy("g-2", "s-3", 1)};
  insert_goals(*store, {g1, g2});
  auto owner = [&](std::string_view strategy) {
    return read_value(*store, [&](ports::Transaction& tx) {
      return tx.goals().goal_of_strategy(tenant_a, strategy);
    });
  };
  CHECK(owner("s-2") == std::optional<std::string>("g-1"));
  CHECK(owner("s-3") == std::optional<std::string>("g-2"));
  CHECK_FALSE(owner("s-unknown").has_value());
}

TEST_CASE("goals: goals_linking_kpi names the live goals linked to a KPI") {
  auto store = make_store();
  seed_kpis(*store, tenant_a, {"kpi-1", "kpi-2"});
  auto g1 = make_goal(tenant_a, "g-1");
  g1.kpi_links = {make_link("l-1", "kpi-1")};
  auto g2 = make_goal(tenant_a, "g-2");
  g2.kpi_links = {make_link("l-2", "kpi-1"), make_link("l-3", "kpi-2")};
  auto g3 = make_goal(tenant_a, "g-3");
  insert_goals(*store, {g1, g2, g3});
  auto linking = [&](std::string_view kpi) {
    return sorted(read_value(*store, [&](ports::Transaction& tx) {
      return tx.goals().goals_linking_kpi(tenant_a, kpi);
    }));
  };
  CHECK(linking("kpi-1") == strings({"g-1", "g-2"}));
  CHECK(linking("kpi-2") == strings({"g-2"}));
  CHECK(linking("kpi-unknown").empty());
}

// ---- list: filters -------------------------------------------------------------------

namespace {

// Five goals that differ in every filtered field.
void seed_filter_goals(ports::Store& store) {
  std::vector<Goal> goals;
  auto root = make_goal(tenant_a, "root");
  root.title = "Company north star";
  root.intent = "Be the best";
  root.owner_id = "ceo";
  root.level = GoalLevel::company;
  root.horizon = Horizon::year;
  root.status = GoalStatus::active;
  root.value_tags = {"vision"};
  goals.push_back(root);

  auto sales = make_goal(tenant_a, "sales");
  sales.title = "Grow REVENUE in Europe";
  sales.intent = "More customers";
  sales.owner_id = "vp-sales";
  sales.level = GoalLevel::division;
  sales.parent_id = "root";
  sales.horizon = Horizon::quarter;
  sales.status = GoalStatus::active;
  sales.value_tags = {"growth", "customer"};
  goals.push_back(sales);

  auto support = make_goal(tenant_a, "support");
  support.title = "Faster support";
  support.intent = "Cut revenue churn from slow answers";
  support.owner_id = "vp-support";
  support.level = GoalLevel::division;
  support.parent_id = "root";
  support.horizon = Horizon::quarter;
  support.status = GoalStatus::draft;
  support.value_tags = {"customer"};
  goals.push_back(support);

  auto team = make_goal(tenant_a, "team");
  team.title = "Team onboarding";
  team.intent = "Ramp up new hires";
  team.owner_id = "vp-sales";
  team.level = GoalLevel::team;
  team.parent_id = "sales";
  team.horizon = Horizon::month;
  team.status = GoalStatus::completed;
  team.value_tags = {};
  goals.push_back(team);

  auto loose = make_goal(tenant_a, "loose");
  loose.title = "Side project";
  loose.intent = "Explore";
  loose.owner_id = "ceo";
  loose.level.reset();
  loose.horizon = Horizon::month;
  loose.status = GoalStatus::paused;
  loose.value_tags = {"growth"};
  goals.push_back(loose);

  insert_goals(store, goals);
}

std::vector<std::string> filtered(ports::Store& store, auto&& set_filter) {
  GoalQuery query;
  set_filter(query);
  const auto page = list_goals(store, query);
  CHECK(page.total == static_cast<std::int64_t>(page.items.size()));
  return sorted(ids_of(page.items));
}

}  // namespace

TEST_CASE("goals: list with no filter returns every live goal") {
  auto store = make_store();
  seed_filter_goals(*store);
  CHECK(filtered(*store, [](GoalQuery&) {}) ==
        strings({"loose", "root", "sales", "support", "team"}));
}

TEST_CASE("goals: list filters, each alone") {
  auto store = make_store();
  seed_filter_goals(*store);
  CHECK(filtered(*store, [](GoalQuery& q) { q.owner_id = "vp-sales"; }) ==
        strings({"sales", "team"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.owner_id = "nobody"; }).empty());
  CHECK(filtered(*store, [](GoalQuery& q) { q.status = GoalStatus::active; }) ==
        strings({"root", "sales"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.status = GoalStatus::cancelled; }).empty());
  CHECK(filtered(*store, [](GoalQuery& q) { q.value_tag = "customer"; }) ==
        strings({"sales", "support"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.value_tag = "cust"; }).empty());
  CHECK(filtered(*store, [](GoalQuery& q) { q.horizon = Horizon::month; }) ==
        strings({"loose", "team"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.level = GoalLevel::division; }) ==
        strings({"sales", "support"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.level = GoalLevel::individual; }).empty());
  CHECK(filtered(*store, [](GoalQuery& q) { q.parent_id = "root"; }) ==
        strings({"sales", "support"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.parent_id = "sales"; }) == strings({"team"}));
}

TEST_CASE("goals: list search is a case-insensitive substring of title or intent") {
  auto store = make_store();
  seed_filter_goals(*store);
  // "revenue" is in sales' title (upper case) and in support's intent.
  CHECK(filtered(*store, [](GoalQuery& q) { q.search = "revenue"; }) ==
        strings({"sales", "support"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.search = "ReVeNuE"; }) ==
        strings({"sales", "support"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.search = "north st"; }) == strings({"root"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.search = "ramp"; }) == strings({"team"}));
  CHECK(filtered(*store, [](GoalQuery& q) { q.search = "zzz"; }).empty());
  // Not a pattern language: % and _ are plain characters.
  CHECK(filtered(*store, [](GoalQuery& q) { q.search = "%"; }).empty());
  CHECK(filtered(*store, [](GoalQuery& q) { q.search = "_"; }).empty());
}

TEST_CASE("goals: list filters combine with AND") {
  auto store = make_store();
  seed_filter_goals(*store);
  CHECK(filtered(*store, [](GoalQuery& q) {
          q.owner_id = "vp-sales";
          q.status = GoalStatus::active;
        }) == strings({"sales"}));
  CHECK(filtered(*store, [](GoalQuery& q) {
          q.value_tag = "growth";
          q.horizon = Horizon::month;
        }) == strings({"loose"}));
  CHECK(filtered(*store, [](GoalQuery& q) {
          q.parent_id = "root";
          q.search = "revenue";
          q.level = GoalLevel::division;
          q.status = GoalStatus::draft;
        }) == strings({"support"}));
  CHECK(filtered(*store, [](GoalQuery& q) {
          q.owner_id = "ceo";
          q.level = GoalLevel::division;
        }).empty());
}

// ---- list: sorting -------------------------------------------------------------------

namespace {

// Goals a..e with values chosen so every sort field gives a different order, and pairs
// that tie on a field so the id tie-break shows.
void seed_sort_goals(ports::Store& store) {
  struct Row {
    const char* id;
    int created;
    int updated;
    const char* title;
    double progress;
    std::optional<const char*> end;
    GoalStatus status;
  };
  const Row rows[] = {
      {"a", 40, 10, "delta", 50, "2025-06-30", GoalStatus::paused},
      {"b", 10, 40, "Alpha", 10, std::nullopt, GoalStatus::active},
      {"c", 30, 30, "charlie", 90, "2025-03-31", GoalStatus::draft},
      {"d", 20, 20, "bravo", 50, "2025-03-31", GoalStatus::cancelled},
      {"e", 20, 50, "Bravo", 70, std::nullopt, GoalStatus::completed},
  };
  std::vector<Goal> goals;
  for (const auto& r : rows) {
    auto g = make_goal(tenant_a, r.id);
    g.created_at = minutes_after_base(r.created);
    g.updated_at = minutes_after_base(r.updated);
    g.title = r.title;
    g.progress = r.progress;
    g.end_date = r.end ? std::optional<Date>(day(*r.end)) : std::nullopt;
    g.status = r.status;
    goals.push_back(g);
  }
  insert_goals(store, goals);
}

std::vector<std::string> sorted_by(ports::Store& store, GoalSortField field, bool descending) {
  GoalQuery query;
  query.sort = GoalSort{field, descending};
  return list_ids(store, query);
}

}  // namespace

TEST_CASE("goals: list sorts by each field, both ways, ties by id") {
  // Ties go by id in the sort's direction: a descending list is the ascending one reversed
  // (goals without an end date stay last either way).
  auto store = make_store();
  seed_sort_goals(*store);
  using F = GoalSortField;
  CHECK(sorted_by(*store, F::created_at, false) == strings({"b", "d", "e", "c", "a"}));
  CHECK(sorted_by(*store, F::created_at, true) == strings({"a", "c", "e", "d", "b"}));
  CHECK(sorted_by(*store, F::updated_at, false) == strings({"a", "d", "c", "b", "e"}));
  CHECK(sorted_by(*store, F::updated_at, true) == strings({"e", "b", "c", "d", "a"}));
  // Titles compare case-insensitively; "bravo" and "Bravo" tie.
  CHECK(sorted_by(*store, F::title, false) == strings({"b", "d", "e", "c", "a"}));
  CHECK(sorted_by(*store, F::title, true) == strings({"a", "c", "e", "d", "b"}));
  CHECK(sorted_by(*store, F::progress, false) == strings({"b", "a", "d", "e", "c"}));
  CHECK(sorted_by(*store, F::progress, true) == strings({"c", "e", "d", "a", "b"}));
  // Goals without an end date come last either way.
  CHECK(sorted_by(*store, F::end_date, false) == strings({"c", "d", "a", "b", "e"}));
  CHECK(sorted_by(*store, F::end_date, true) == strings({"a", "d", "c", "e", "b"}));
  // Status sorts in lifecycle order: draft, active, paused, completed, cancelled.
  CHECK(sorted_by(*store, F::status, false) == strings({"c", "b", "a", "e", "d"}));
  CHECK(sorted_by(*store, F::status, true) == strings({"d", "e", "a", "b", "c"}));
}

TEST_CASE("goals: the default sort is newest created first") {
  auto store = make_store();
  seed_sort_goals(*store);
  CHECK(list_ids(*store, GoalQuery{}) == strings({"a", "c", "e", "d", "b"}));
}

TEST_CASE("goals: list pages through the sorted matches") {
  auto store = make_store();
  seed_sort_goals(*store);
  GoalQuery query;
  query.sort = GoalSort{GoalSortField::created_at, false};  // b d e c a
  query.page = PageRequest{1, 2};
  auto page = list_goals(*store, query);
  CHECK(page.total == 5);
  CHECK(ids_of(page.items) == strings({"b", "d"}));

  query.page = PageRequest{2, 2};
  page = list_goals(*store, query);
  CHECK(page.total == 5);
  CHECK(ids_of(page.items) == strings({"e", "c"}));

  query.page = PageRequest{3, 2};  // the last, partial page
  page = list_goals(*store, query);
  CHECK(page.total == 5);
  CHECK(ids_of(page.items) == strings({"a"}));

  query.page = PageRequest{4, 2};  // past the end
  page = list_goals(*store, query);
  CHECK(page.total == 5);
  CHECK(page.items.empty());

  query.page = PageRequest{1, 5};  // exactly one full page
  page = list_goals(*store, query);
  CHECK(page.items.size() == 5);
  query.page = PageRequest{2, 5};
  CHECK(list_goals(*store, query).items.empty());

  query.page = PageRequest{1, 100};
  query.status = GoalStatus::active;  // the total counts matches, not all goals
  page = list_goals(*store, query);
  CHECK(page.total == 1);
  CHECK(ids_of(page.items) == strings({"b"}));
}

TEST_CASE("goals: list of a tenant with no goals is empty") {
  auto store = make_store();
  const auto page = list_goals(*store, GoalQuery{});
  CHECK(page.total == 0);
  CHECK(page.items.empty());
}
