// Tenant isolation: nothing of tenant A can be read or changed through a call for tenant B.
#include "contract_fixtures.hpp"
#include "contract_seed.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

// What dump() returns for a tenant with no rows at all.
Dump empty_dump() {
  Dump d;
  d.goals = {std::nullopt, std::nullopt};
  d.metrics = {std::nullopt, std::nullopt, std::nullopt};
  return d;
}

}  // namespace

TEST_CASE("tenant isolation: tenant B reads none of tenant A's rows") {
  auto store = make_store();
  seed_everything(*store, tenant_a);
  REQUIRE_FALSE(dump(*store, tenant_a) == empty_dump());
  CHECK(dump(*store, tenant_b) == empty_dump());

  const std::vector<std::string> kpi_ids = {"k-1"};
  const auto b = tenant_b;
  // Goals.
  CHECK_FALSE(read_value(*store, [&](ports::Transaction& tx) { return tx.goals().find(b, "g-1"); }));
  CHECK(read_value(*store, [&](ports::Transaction& tx) { return tx.goals().list(b, {}); }).total == 0);
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          GoalQuery q;
          q.search = "Goal";
          return tx.goals().list(b, q);
        }).items.empty());
  CHECK(read_value(*store, [&](ports::Transaction& tx) { return tx.goals().all(b); }).empty());
  CHECK(read_value(*store, [&](ports::Transaction& tx) { return tx.goals().count(b); }) == 0);
  CHECK(read_value(*store, [&](ports::Transaction& tx) { return tx.goals().children(b, "g-1"); })
            .empty());
  CHECK_FALSE(read_value(*store, [&](ports::Transaction& tx) {
    return tx.goals().goal_of_strategy(b, "s-1");
  }));
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.goals().goals_linking_kpi(b, "k-1");
        }).empty());
  // KPIs and readings.
  CHECK_FALSE(read_value(*store, [&](ports::Transaction& tx) { return tx.kpis().find(b, "k-1"); }));
  CHECK(read_value(*store, [&](ports::Transaction& tx) { return tx.kpis().find_many(b, kpi_ids); })
            .empty());
  CHECK(read_value(*store, [&](ports::Transaction& tx) { return tx.kpis().list(b, {}); }).total == 0);
  CHECK_FALSE(read_value(*store, [&](ports::Transaction& tx) {
    return tx.kpis().find_reading(b, "k-1", month(2025, 1));
  }));
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.kpis().latest_readings(b, kpi_ids);
        }).empty());
  // Actions.
  CHECK_FALSE(read_value(*store, [&](ports::Transaction& tx) { return tx.actions().find(b, "a-1"); }));
  CHECK(read_value(*store, [&](ports::Transaction& tx) { return tx.actions().list(b, {}); }).total ==
        0);
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.actions().linked_to_goal(b, "g-1");
        }).empty());
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.actions().linked_to_strategy(b, "s-1");
        }).empty());
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.actions().linked_to_issue(b, "i-1");
        }).empty());
  // Issues and their configuration.
  CHECK_FALSE(read_value(*store, [&](ports::Transaction& tx) { return tx.issues().find(b, "i-1"); }));
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.issues().count_with_type(b, "t-1");
        }) == 0);
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.issues().count_with_status(b, "st-1");
        }) == 0);
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.issues().linked_to_goal(b, "g-1");
        }).empty());
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.issues().linked_to_strategy(b, "s-1");
        }).empty());
  CHECK_FALSE(read_value(*store, [&](ports::Transaction& tx) {
    return tx.issue_types().find(b, "t-1");
  }));
  CHECK_FALSE(read_value(*store, [&](ports::Transaction& tx) {
    return tx.issue_statuses().find(b, "st-1");
  }));
  // Events of one goal.
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.events().since(b, std::string_view("g-1"), 0, 100);
        }).empty());

  // The seeded rows are all still there for A (the checks above looked in the right place).
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.goals().goal_of_strategy(tenant_a, "s-1");
        }) == std::optional<std::string>("g-1"));
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.issues().linked_to_strategy(tenant_a, "s-1");
        }).size() == 1);
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.actions().linked_to_issue(tenant_a, "i-1");
        }).size() == 1);
}

TEST_CASE("tenant isolation: tenant B cannot change tenant A's rows") {
  auto store = make_store();
  seed_everything(*store, tenant_a);
  const auto before = dump(*store, tenant_a);

  auto goal = make_goal(tenant_b, "g-1");
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.goals().update(goal); }),
      ErrorCode::goal_not_found));
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.kpis().update(make_kpi(tenant_b, "k-1", "Hijacked"));
                              }),
                 ErrorCode::kpi_not_found));
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.kpis().replace_reading(
                                    make_reading(tenant_b, "r-1", "k-1", month(2025, 1), 666));
                              }),
                 ErrorCode::not_found));
  auto action = make_action(tenant_b, "a-1");
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.actions().update(action); }),
      ErrorCode::action_not_found));
  auto issue = make_issue(tenant_b, "i-1");
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.issues().update(issue); }),
      ErrorCode::issue_not_found));
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.issue_types().update(
                                    make_issue_type(tenant_b, "t-1", "Hijacked", 1));
                              }),
                 ErrorCode::issue_type_not_found));
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.issue_statuses().update(make_issue_status(
                                    tenant_b, "st-1", "Hijacked", IssueStatusCategory::closed, 1));
                              }),
                 ErrorCode::issue_status_not_found));

  CHECK(dump(*store, tenant_a) == before);
  CHECK(dump(*store, tenant_b) == empty_dump());
}

TEST_CASE("tenant isolation: tenant B's own rows stay out of tenant A's reads") {
  auto store = make_store();
  seed_everything(*store, tenant_a);
  const auto before = dump(*store, tenant_a);

  write_ok(*store, [](ports::Transaction& tx) -> Status {
    auto kpi = make_kpi(tenant_b, "kb-1", "B revenue");
    if (auto ok = tx.kpis().insert(kpi); !ok) return ok;
    auto goal = make_goal(tenant_b, "gb-1");
    goal.parent_id.reset();
    goal.strategies = {make_strategy("gb-1", "sb-1", 1)};
    goal.kpi_links = {make_link("lb-1", "kb-1")};
    if (auto ok = tx.goals().insert(goal); !ok) return ok;
    if (auto ok = tx.kpis().insert_reading(
            make_reading(tenant_b, "rb-1", "kb-1", month(2025, 1), 1));
        !ok) {
      return ok;
    }
    if (auto ok = tx.activities().insert(make_activity(tenant_b, "actb-1", "gb-1", base_time()));
        !ok) {
      return ok;
    }
    if (auto ok = tx.feed().append(make_feed_entry(tenant_b, "fb-1", minutes_after_base(1)));
        !ok) {
      return ok;
    }
    if (auto ok = tx.audit().append(make_audit_entry(tenant_b, "aub-1", "gb-1", base_time()));
        !ok) {
      return ok;
    }
    if (auto ok = tx.snapshots().append(make_snapshot(tenant_b, "gb-1", base_time(), 5)); !ok) {
      return ok;
    }
    if (auto ok = tx.issue_types().insert(make_issue_type(tenant_b, "tb-1", "B type", 0)); !ok) {
      return ok;
    }
    if (auto ok = tx.issue_statuses().insert(
            make_issue_status(tenant_b, "stb-1", "B status", IssueStatusCategory::open, 0));
        !ok) {
      return ok;
    }
    auto issue = make_issue(tenant_b, "ib-1");
    issue.type_config_id = "tb-1";
    issue.status_config_id = "stb-1";
    if (auto ok = tx.issues().insert(issue); !ok) return ok;
    auto action = make_action(tenant_b, "ab-1");
    action.connections = {{"gb-1"}, {"sb-1"}, {"ib-1"}};
    if (auto ok = tx.actions().insert(action); !ok) return ok;
    auto event = make_event(tenant_b, "gb-1");
    if (auto ok = tx.events().append(event); !ok) return ok;
    // Same metric name and day as tenant A's.
    return tx.metrics().record(tenant_b, "score", day("2025-01-10"), 1);
  });

  CHECK(dump(*store, tenant_a) == before);
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) == 1);
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_b); }) == 1);
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.goals().find(tenant_a, "gb-1");
        }) == std::nullopt);
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.metrics().latest_on_or_before(tenant_b, "score", day("2025-01-10"));
        }) == std::optional<std::pair<Date, double>>({day("2025-01-10"), 1}));
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.metrics().latest_on_or_before(tenant_a, "score", day("2025-01-10"));
        }) == std::optional<std::pair<Date, double>>({day("2025-01-10"), 50}));

  auto open = read_value(*store, [](ports::Transaction& tx) { return tx.goals().open_goals(); });
  std::sort(open.begin(), open.end(), [](const ports::GoalKey& x, const ports::GoalKey& y) {
    return x.tenant < y.tenant;
  });
  const std::vector<ports::GoalKey> expected = {{std::string(tenant_a), "g-1"},
                                                {std::string(tenant_b), "gb-1"}};
  CHECK(open == expected);
}
