// ActionRepository: round trip, optimistic updates, soft delete, list filters, links.
#include "contract_fixtures.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

void insert_actions(ports::Store& store, const std::vector<Action>& actions) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& action : actions) {
      if (auto ok = tx.actions().insert(action); !ok) return ok;
    }
    return {};
  });
}

std::optional<Action> find_action(ports::Store& store, std::string_view id) {
  return read_value(store, [&](ports::Transaction& tx) { return tx.actions().find(tenant_a, id); });
}

Page<Action> list_actions(ports::Store& store, const ActionQuery& query) {
  return read_value(store,
                    [&](ports::Transaction& tx) { return tx.actions().list(tenant_a, query); });
}

std::vector<std::string> filtered(ports::Store& store, auto&& set_filter) {
  ActionQuery query;
  set_filter(query);
  const auto page = list_actions(store, query);
  CHECK(page.total == static_cast<std::int64_t>(page.items.size()));
  return sorted(ids_of(page.items));
}

// Goals g-1 (strategy s-1) and g-2 (strategy s-2), issues i-1 and i-2: what actions name.
void seed_targets(ports::Store& store) {
  write_ok(store, [](ports::Transaction& tx) -> Status {
    auto g1 = make_goal(tenant_a, "g-1");
    g1.strategies = {make_strategy("g-1", "s-1", 1)};
    auto g2 = make_goal(tenant_a, "g-2");
    g2.strategies = {make_strategy("g-2", "s-2", 1)};
    for (const auto& g : {g1, g2}) {
      if (auto ok = tx.goals().insert(g); !ok) return ok;
    }
    for (const auto* id : {"i-1", "i-2"}) {
      if (auto ok = tx.issues().insert(make_issue(tenant_a, id)); !ok) return ok;
    }
    return {};
  });
}

void soft_delete_action(ports::Store& store, std::string_view id) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    auto action = tx.actions().find(tenant_a, id);
    if (!action) return std::unexpected(action.error());
    REQUIRE(action->has_value());
    auto deleted = **action;
    deleted.deleted_at = minutes_after_base(999);
    return tx.actions().update(deleted);
  });
}

Action action_between(std::string_view id, std::optional<std::string_view> start,
                      std::optional<std::string_view> due) {
  auto a = make_action(tenant_a, id);
  a.start_date = start ? std::optional<Timestamp>(at(*start)) : std::nullopt;
  a.due_date = due ? std::optional<Timestamp>(at(*due)) : std::nullopt;
  return a;
}

}  // namespace

TEST_CASE("actions: an inserted action reads back field for field") {
  auto store = make_store();
  seed_targets(*store);
  auto action = make_action(tenant_a, "a-1");
  action.priority = Priority::critical;
  action.status = ActionStatus::completed;
  action.progress = 100;
  action.completed_at = at("2025-02-09T16:00:00.500Z");
  action.connections.goal_ids = {"g-1", "g-2"};
  action.connections.strategy_ids = {"s-1"};
  action.connections.issue_ids = {"i-2"};
  action.updated_at = minutes_after_base(5);
  action.updated_by = "user-2";
  action.version = 4;
  insert_actions(*store, {action});
  CHECK(find_action(*store, "a-1") == std::optional<Action>(action));

  auto bare = action_between("a-2", std::nullopt, std::nullopt);
  bare.assigned_person_id.clear();
  bare.assigned_person_name.clear();
  bare.description.clear();
  insert_actions(*store, {bare});
  CHECK(find_action(*store, "a-2") == std::optional<Action>(bare));
  CHECK_FALSE(find_action(*store, "a-3").has_value());
}

TEST_CASE("actions: inserting an existing id fails with INTERNAL") {
  auto store = make_store();
  insert_actions(*store, {make_action(tenant_a, "a-1")});
  auto again = make_action(tenant_a, "a-1");
  again.title = "Other";
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.actions().insert(again); }),
      ErrorCode::internal));
  CHECK(find_action(*store, "a-1").value().title == "Action a-1");
}

TEST_CASE("actions: update is optimistic") {
  auto store = make_store();
  insert_actions(*store, {make_action(tenant_a, "a-1")});
  auto action = find_action(*store, "a-1").value();
  action.status = ActionStatus::in_progress;
  action.progress = 40;
  write_ok(*store, [&](ports::Transaction& tx) { return tx.actions().update(action); });
  CHECK(action.version == 2);
  const auto stored = find_action(*store, "a-1").value();
  CHECK(stored == action);

  auto stale = stored;
  stale.version = 1;
  stale.progress = 99;
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.actions().update(stale); }),
      ErrorCode::version_conflict));
  CHECK(stale.version == 1);
  CHECK(find_action(*store, "a-1") == std::optional<Action>(stored));

  auto ghost = make_action(tenant_a, "ghost");
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.actions().update(ghost); }),
      ErrorCode::action_not_found));
  CHECK_FALSE(find_action(*store, "ghost").has_value());
}

TEST_CASE("actions: a soft-deleted action is gone from find, list, all and linked_to_*") {
  auto store = make_store();
  seed_targets(*store);
  auto doomed = make_action(tenant_a, "doomed");
  doomed.connections = {{"g-1"}, {"s-1"}, {"i-1"}};
  auto kept = make_action(tenant_a, "kept");
  kept.connections = {{"g-1"}, {"s-1"}, {"i-1"}};
  insert_actions(*store, {doomed, kept});
  soft_delete_action(*store, "doomed");

  CHECK_FALSE(find_action(*store, "doomed").has_value());
  CHECK(filtered(*store, [](ActionQuery&) {}) == strings({"kept"}));
  CHECK(list_actions(*store, ActionQuery{}).total == 1);
  CHECK(ids_of(read_value(*store, [](ports::Transaction& tx) {
          return tx.actions().all(tenant_a);
        })) == strings({"kept"}));
  CHECK(ids_of(read_value(*store, [](ports::Transaction& tx) {
          return tx.actions().linked_to_goal(tenant_a, "g-1");
        })) == strings({"kept"}));
  CHECK(ids_of(read_value(*store, [](ports::Transaction& tx) {
          return tx.actions().linked_to_strategy(tenant_a, "s-1");
        })) == strings({"kept"}));
  CHECK(ids_of(read_value(*store, [](ports::Transaction& tx) {
          return tx.actions().linked_to_issue(tenant_a, "i-1");
        })) == strings({"kept"}));
}

TEST_CASE("actions: linked_to_* name the actions whose connections name the target") {
  auto store = make_store();
  seed_targets(*store);
  auto a1 = make_action(tenant_a, "a-1");
  a1.connections = {{"g-1", "g-2"}, {"s-2"}, {}};
  auto a2 = make_action(tenant_a, "a-2");
  a2.connections = {{"g-2"}, {}, {"i-1", "i-2"}};
  auto a3 = make_action(tenant_a, "a-3");
  insert_actions(*store, {a1, a2, a3});
  auto linked = [&](auto call) {
    return sorted(ids_of(read_value(*store, [&](ports::Transaction& tx) { return call(tx); })));
  };
  CHECK(linked([](ports::Transaction& tx) { return tx.actions().linked_to_goal(tenant_a, "g-1"); }) ==
        strings({"a-1"}));
  CHECK(linked([](ports::Transaction& tx) { return tx.actions().linked_to_goal(tenant_a, "g-2"); }) ==
        strings({"a-1", "a-2"}));
  CHECK(linked([](ports::Transaction& tx) {
          return tx.actions().linked_to_strategy(tenant_a, "s-2");
        }) == strings({"a-1"}));
  CHECK(linked([](ports::Transaction& tx) {
          return tx.actions().linked_to_strategy(tenant_a, "s-1");
        }).empty());
  CHECK(linked([](ports::Transaction& tx) {
          return tx.actions().linked_to_issue(tenant_a, "i-2");
        }) == strings({"a-2"}));
  CHECK(linked([](ports::Transaction& tx) { return tx.actions().all(tenant_a); }) ==
        strings({"a-1", "a-2", "a-3"}));
  const auto first = read_value(
      *store, [](ports::Transaction& tx) { return tx.actions().linked_to_goal(tenant_a, "g-1"); });
  REQUIRE(first.size() == 1);
  CHECK(first[0] == a1);
}

TEST_CASE("actions: the date filter keeps actions whose [start, due] overlaps [start, end]") {
  auto store = make_store();
  insert_actions(*store, {
      action_between("inside", "2025-02-06T00:00:00Z", "2025-02-10T00:00:00Z"),
      action_between("spans", "2025-01-01T00:00:00Z", "2025-03-31T00:00:00Z"),
      action_between("before", "2025-01-01T00:00:00Z", "2025-02-04T23:59:59.999Z"),
      action_between("touch-start", "2025-01-20T00:00:00Z", "2025-02-05T00:00:00Z"),
      action_between("touch-end", "2025-02-20T00:00:00Z", "2025-03-01T00:00:00Z"),
      action_between("after", "2025-02-20T00:00:00.001Z", "2025-03-05T00:00:00Z"),
      action_between("due-only-in", std::nullopt, "2025-02-15T00:00:00Z"),
      action_between("due-only-out", std::nullopt, "2025-02-25T00:00:00Z"),
      action_between("start-only-in", "2025-02-07T00:00:00Z", std::nullopt),
      action_between("start-only-out", "2025-01-07T00:00:00Z", std::nullopt),
      action_between("no-dates", std::nullopt, std::nullopt),
  });
  const auto start = at("2025-02-05T00:00:00Z");
  const auto end = at("2025-02-20T00:00:00Z");

  CHECK(filtered(*store, [&](ActionQuery& q) {
          q.start = start;
          q.end = end;
        }) == sorted(strings({"inside", "spans", "touch-start", "touch-end", "due-only-in",
                              "start-only-in"})));
  CHECK(filtered(*store, [&](ActionQuery& q) { q.start = start; }) ==
        sorted(strings({"inside", "spans", "touch-start", "touch-end", "after", "due-only-in",
                        "due-only-out", "start-only-in"})));
  CHECK(filtered(*store, [&](ActionQuery& q) { q.end = end; }) ==
        sorted(strings({"inside", "spans", "before", "touch-start", "touch-end", "due-only-in",
                        "start-only-in", "start-only-out"})));
  CHECK(filtered(*store, [](ActionQuery&) {}).size() == 11);
}

TEST_CASE("actions: list filters match any of the given values, and combine with AND") {
  auto store = make_store();
  seed_targets(*store);
  auto a1 = make_action(tenant_a, "a-1");
  a1.assigned_person_id = "p-1";
  a1.status = ActionStatus::in_progress;
  a1.priority = Priority::high;
  a1.connections = {{"g-1"}, {"s-1"}, {}};
  auto a2 = make_action(tenant_a, "a-2");
  a2.assigned_person_id = "p-2";
  a2.status = ActionStatus::blocked;
  a2.priority = Priority::low;
  a2.connections = {{"g-2"}, {}, {"i-1"}};
  auto a3 = make_action(tenant_a, "a-3");
  a3.assigned_person_id = "p-1";
  a3.status = ActionStatus::completed;
  a3.priority = Priority::critical;
  a3.connections = {{"g-1", "g-2"}, {"s-2"}, {"i-2"}};
  auto a4 = make_action(tenant_a, "a-4");
  a4.assigned_person_id = "p-3";
  a4.status = ActionStatus::not_started;
  a4.priority = Priority::high;
  insert_actions(*store, {a1, a2, a3, a4});

  CHECK(filtered(*store, [](ActionQuery& q) { q.assigned_person_id = "p-1"; }) ==
        strings({"a-1", "a-3"}));
  CHECK(filtered(*store, [](ActionQuery& q) { q.goal_ids = {"g-1"}; }) ==
        strings({"a-1", "a-3"}));
  CHECK(filtered(*store, [](ActionQuery& q) { q.goal_ids = {"g-2", "g-unknown"}; }) ==
        strings({"a-2", "a-3"}));
  CHECK(filtered(*store, [](ActionQuery& q) { q.strategy_ids = {"s-1", "s-2"}; }) ==
        strings({"a-1", "a-3"}));
  CHECK(filtered(*store, [](ActionQuery& q) { q.issue_ids = {"i-1"}; }) == strings({"a-2"}));
  CHECK(filtered(*store, [](ActionQuery& q) { q.issue_ids = {"i-unknown"}; }).empty());
  CHECK(filtered(*store, [](ActionQuery& q) {
          q.statuses = {ActionStatus::blocked, ActionStatus::completed};
        }) == strings({"a-2", "a-3"}));
  CHECK(filtered(*store, [](ActionQuery& q) { q.statuses = {ActionStatus::cancelled}; })
            .empty());
  CHECK(filtered(*store, [](ActionQuery& q) { q.priorities = {Priority::high}; }) ==
        strings({"a-1", "a-4"}));
  CHECK(filtered(*store, [](ActionQuery& q) {
          q.priorities = {Priority::low, Priority::critical};
        }) == strings({"a-2", "a-3"}));

  CHECK(filtered(*store, [](ActionQuery& q) {
          q.assigned_person_id = "p-1";
          q.priorities = {Priority::high, Priority::low};
        }) == strings({"a-1"}));
  CHECK(filtered(*store, [](ActionQuery& q) {
          q.goal_ids = {"g-2"};
          q.statuses = {ActionStatus::completed, ActionStatus::not_started};
          q.issue_ids = {"i-2"};
        }) == strings({"a-3"}));
  CHECK(filtered(*store, [](ActionQuery& q) {
          q.goal_ids = {"g-1"};
          q.issue_ids = {"i-1"};
        }).empty());
}

TEST_CASE("actions: list is newest first, ties by id, and pages") {
  auto store = make_store();
  std::vector<Action> actions;
  const std::pair<const char*, int> rows[] = {{"a", 10}, {"b", 30}, {"c", 20}, {"d", 30},
                                              {"e", 5}};
  for (const auto& [id, minute] : rows) {
    auto a = make_action(tenant_a, id);
    a.created_at = minutes_after_base(minute);
    actions.push_back(a);
  }
  insert_actions(*store, actions);
  auto all = list_actions(*store, ActionQuery{});
  CHECK(all.total == 5);
  CHECK(ids_of(all.items) == strings({"b", "d", "c", "a", "e"}));

  ActionQuery query;
  query.page = PageRequest{2, 2};
  auto page = list_actions(*store, query);
  CHECK(page.total == 5);
  CHECK(ids_of(page.items) == strings({"c", "a"}));
  query.page = PageRequest{3, 2};
  CHECK(ids_of(list_actions(*store, query).items) == strings({"e"}));
  query.page = PageRequest{9, 2};
  page = list_actions(*store, query);
  CHECK(page.total == 5);
  CHECK(page.items.empty());
}
