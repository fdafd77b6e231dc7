// IssueRepository: round trip, optimistic updates, soft delete, list filters, counts, links.
#include "contract_fixtures.hpp"

#include <algorithm>

using namespace traction;
using namespace traction::contract;

namespace {

void insert_issues(ports::Store& store, const std::vector<Issue>& issues) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& issue : issues) {
      if (auto ok = tx.issues().insert(issue); !ok) return ok;
    }
    return {};
  });
}

std::optional<Issue> find_issue(ports::Store& store, std::string_view id) {
  return read_value(store, [&](ports::Transaction& tx) { return tx.issues().find(tenant_a, id); });
}

Page<Issue> list_issues(ports::Store& store, const IssueQuery& query) {
  return read_value(store,
                    [&](ports::Transaction& tx) { return tx.issues().list(tenant_a, query); });
}

std::vector<std::string> filtered(ports::Store& store, auto&& set_filter) {
  IssueQuery query;
  set_filter(query);
  const auto page = list_issues(store, query);
  CHECK(page.total == static_cast<std::int64_t>(page.items.size()));
  return sorted(ids_of(page.items));
}

// Types t-1, t-2; statuses st-open, st-active, st-closed; goals g-1 (s-1), g-2 (s-2).
void seed_config(ports::Store& store) {
  write_ok(store, [](ports::Transaction& tx) -> Status {
    for (const auto& t : {make_issue_type(tenant_a, "t-1", "Personnel", 1),
                          make_issue_type(tenant_a, "t-2", "Financial", 2)}) {
      if (auto ok = tx.issue_types().insert(t); !ok) return ok;
    }
    for (const auto& s :
         {make_issue_status(tenant_a, "st-open", "New", IssueStatusCategory::open, 1),
          make_issue_status(tenant_a, "st-active", "Working", IssueStatusCategory::active, 1),
          make_issue_status(tenant_a, "st-closed", "Done", IssueStatusCategory::closed, 1)}) {
      if (auto ok = tx.issue_statuses().insert(s); !ok) return ok;
    }
    auto g1 = make_goal(tenant_a, "g-1");
    g1.strategies = {make_strategy("g-1", "s-1", 1)};
    auto g2 = make_goal(tenant_a, "g-2");
    g2.strategies = {make_strategy("g-2", "s-2", 1)};
    for (const auto& g : {g1, g2}) {
      if (auto ok = tx.goals().insert(g); !ok) return ok;
    }
    return {};
  });
}

void soft_delete_issue(ports::Store& store, std::string_view id) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    auto issue = tx.issues().find(tenant_a, id);
    if (!issue) return std::unexpected(issue.error());
    REQUIRE(issue->has_value());
    auto deleted = **issue;
    deleted.deleted_at = minutes_after_base(999);
    return tx.issues().update(deleted);
  });
}

}  // namespace

TEST_CASE("issues: an inserted issue reads back field for field") {
  auto store = make_store();
  seed_config(*store);
  auto issue = make_issue(tenant_a, "i-1");
  issue.type_config_id = "t-2";
  issue.status_config_id = "st-active";
  issue.impact = Priority::critical;
  issue.priority = Priority::low;
  issue.due_date = at("2025-02-15T00:00:00Z");
  issue.estimated_hours = 40;
  issue.actual_hours = 25.5;
  issue.tags = {"hiring", "urgent"};
  issue.display_order = 7;
  issue.connections.goal_ids = {"g-1"};
  issue.connections.strategy_ids = {"s-1", "s-2"};
  issue.root_cause_analysis =
      RootCauseAnalysis{RootCauseMethod::five_whys, "Expansion", R"({"why1":"growth"})"};
  issue.resolution_notes = "Hired two people";
  issue.updated_at = at("2025-01-20T14:30:00.007Z");
  issue.version = 5;
  insert_issues(*store, {issue});
  CHECK(find_issue(*store, "i-1") == std::optional<Issue>(issue));

  SECTION("a root cause given as a plain summary, and no optional fields") {
    auto plain = make_issue(tenant_a, "i-2");
    plain.root_cause_analysis = RootCauseAnalysis{std::nullopt, "Expansion requirements", ""};
    plain.tags.clear();
    insert_issues(*store, {plain});
    CHECK(find_issue(*store, "i-2") == std::optional<Issue>(plain));
  }
  CHECK_FALSE(find_issue(*store, "i-unknown").has_value());
}

TEST_CASE("issues: inserting an existing id fails with INTERNAL") {
  auto store = make_store();
  insert_issues(*store, {make_issue(tenant_a, "i-1")});
  auto again = make_issue(tenant_a, "i-1");
  again.title = "Other";
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.issues().insert(again); }),
      ErrorCode::internal));
  CHECK(find_issue(*store, "i-1").value().title == "Issue i-1");
}

TEST_CASE("issues: update is optimistic") {
  auto store = make_store();
  insert_issues(*store, {make_issue(tenant_a, "i-1")});
  auto issue = find_issue(*store, "i-1").value();
  issue.priority = Priority::critical;
  issue.resolution_notes = "Fixed";
  write_ok(*store, [&](ports::Transaction& tx) { return tx.issues().update(issue); });
  CHECK(issue.version == 2);
  const auto stored = find_issue(*store, "i-1").value();
  CHECK(stored == issue);

  auto stale = stored;
  stale.version = 1;
  stale.title = "Stale";
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.issues().update(stale); }),
      ErrorCode::version_conflict));
  CHECK(find_issue(*store, "i-1") == std::optional<Issue>(stored));

  auto ghost = make_issue(tenant_a, "ghost");
  CHECK(has_code(
      write_status(*store, [&](ports::Transaction& tx) { return tx.issues().update(ghost); }),
      ErrorCode::issue_not_found));
}

TEST_CASE("issues: a soft-deleted issue is gone from find, list, counts and linked_to_*") {
  auto store = make_store();
  seed_config(*store);
  auto doomed = make_issue(tenant_a, "doomed");
  doomed.type_config_id = "t-1";
  doomed.status_config_id = "st-open";
  doomed.connections = {{"g-1"}, {"s-1"}};
  auto kept = doomed;
  kept.id = "kept";
  insert_issues(*store, {doomed, kept});
  soft_delete_issue(*store, "doomed");

  CHECK_FALSE(find_issue(*store, "doomed").has_value());
  CHECK(filtered(*store, [](IssueQuery&) {}) == strings({"kept"}));
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.issues().count_with_type(tenant_a, "t-1");
        }) == 1);
  CHECK(read_value(*store, [](ports::Transaction& tx) {
          return tx.issues().count_with_status(tenant_a, "st-open");
        }) == 1);
  CHECK(ids_of(read_value(*store, [](ports::Transaction& tx) {
          return tx.issues().linked_to_goal(tenant_a, "g-1");
        })) == strings({"kept"}));
  CHECK(ids_of(read_value(*store, [](ports::Transaction& tx) {
          return tx.issues().linked_to_strategy(tenant_a, "s-1");
        })) == strings({"kept"}));
}

TEST_CASE("issues: count_with_type and count_with_status count the live issues using them") {
  auto store = make_store();
  seed_config(*store);
  auto i1 = make_issue(tenant_a, "i-1");
  i1.type_config_id = "t-1";
  i1.status_config_id = "st-open";
  auto i2 = make_issue(tenant_a, "i-2");
  i2.type_config_id = "t-1";
  i2.status_config_id = "st-closed";
  auto i3 = make_issue(tenant_a, "i-3");
  i3.type_config_id = "t-2";
  i3.status_config_id = "st-open";
  auto i4 = make_issue(tenant_a, "i-4");  // neither type nor status
  insert_issues(*store, {i1, i2, i3, i4});
  auto by_type = [&](std::string_view id) {
    return read_value(*store, [&](ports::Transaction& tx) {
      return tx.issues().count_with_type(tenant_a, id);
    });
  };
  auto by_status = [&](std::string_view id) {
    return read_value(*store, [&](ports::Transaction& tx) {
      return tx.issues().count_with_status(tenant_a, id);
    });
  };
  CHECK(by_type("t-1") == 2);
  CHECK(by_type("t-2") == 1);
  CHECK(by_type("t-unknown") == 0);
  CHECK(by_status("st-open") == 2);
  CHECK(by_status("st-closed") == 1);
  CHECK(by_status("st-active") == 0);
}

TEST_CASE("issues: linked_to_goal and linked_to_strategy") {
  auto store = make_store();
  seed_config(*store);
  auto i1 = make_issue(tenant_a, "i-1");
  i1.connections = {{"g-1", "g-2"}, {"s-2"}};
  auto i2 = make_issue(tenant_a, "i-2");
  i2.connections = {{"g-2"}, {"s-1", "s-2"}};
  auto i3 = make_issue(tenant_a, "i-3");
  insert_issues(*store, {i1, i2, i3});
  auto linked = [&](auto call) {
    return sorted(ids_of(read_value(*store, [&](ports::Transaction& tx) { return call(tx); })));
  };
  CHECK(linked([](ports::Transaction& tx) { return tx.issues().linked_to_goal(tenant_a, "g-1"); }) ==
        strings({"i-1"}));
  CHECK(linked([](ports::Transaction& tx) { return tx.issues().linked_to_goal(tenant_a, "g-2"); }) ==
        strings({"i-1", "i-2"}));
  CHECK(linked([](ports::Transaction& tx) {
          return tx.issues().linked_to_strategy(tenant_a, "s-1");
        }) == strings({"i-2"}));
  CHECK(linked([](ports::Transaction& tx) {
          return tx.issues().linked_to_strategy(tenant_a, "s-unknown");
        }).empty());
}

TEST_CASE("issues: list filters, each alone and combined") {
  auto store = make_store();
  seed_config(*store);
  auto i1 = make_issue(tenant_a, "i-1");
  i1.title = "Hire senior DEVELOPER";
  i1.description = "Project X";
  i1.status_config_id = "st-open";
  i1.type_config_id = "t-1";
  i1.priority = Priority::critical;
  i1.impact = Priority::high;
  i1.reporter_id = "r-1";
  i1.assigned_person_id = "p-1";
  auto i2 = make_issue(tenant_a, "i-2");
  i2.title = "Budget overrun";
  i2.description = "The developer contract costs more";
  i2.status_config_id = "st-active";
  i2.type_config_id = "t-2";
  i2.priority = Priority::high;
  i2.impact = Priority::high;
  i2.reporter_id = "r-2";
  i2.assigned_person_id = "p-1";
  auto i3 = make_issue(tenant_a, "i-3");
  i3.title = "Office move";
  i3.description = "New lease";
  i3.status_config_id = "st-closed";
  i3.type_config_id = "t-2";
  i3.priority = Priority::low;
  i3.impact = Priority::low;
  i3.reporter_id = "r-1";
  i3.assigned_person_id = "p-2";
  auto i4 = make_issue(tenant_a, "i-4");
  i4.title = "Unsorted";
  i4.description = "No type, no status";
  i4.status_config_id.reset();
  i4.type_config_id.reset();
  i4.priority = Priority::medium;
  i4.impact = Priority::medium;
  i4.reporter_id = "r-3";
  i4.assigned_person_id = "";
  insert_issues(*store, {i1, i2, i3, i4});

  CHECK(filtered(*store, [](IssueQuery&) {}) == strings({"i-1", "i-2", "i-3", "i-4"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.status_ids = {"st-open"}; }) ==
        strings({"i-1"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.status_ids = {"st-open", "st-closed"}; }) ==
        strings({"i-1", "i-3"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.status_ids = {"st-unknown"}; }).empty());
  CHECK(filtered(*store, [](IssueQuery& q) { q.priority = Priority::high; }) ==
        strings({"i-2"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.impact = Priority::high; }) ==
        strings({"i-1", "i-2"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.reporter_id = "r-1"; }) ==
        strings({"i-1", "i-3"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.assigned_to = "p-1"; }) ==
        strings({"i-1", "i-2"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.type_config_id = "t-2"; }) ==
        strings({"i-2", "i-3"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.search = "developer"; }) ==
        strings({"i-1", "i-2"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.search = "LEASE"; }) == strings({"i-3"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.search = "no type"; }) == strings({"i-4"}));
  CHECK(filtered(*store, [](IssueQuery& q) { q.search = "%"; }).empty());

  CHECK(filtered(*store, [](IssueQuery& q) {
          q.impact = Priority::high;
          q.assigned_to = "p-1";
          q.search = "budget";
        }) == strings({"i-2"}));
  CHECK(filtered(*store, [](IssueQuery& q) {
          q.status_ids = {"st-open", "st-active", "st-closed"};
          q.reporter_id = "r-1";
          q.type_config_id = "t-2";
        }) == strings({"i-3"}));
  CHECK(filtered(*store, [](IssueQuery& q) {
          q.priority = Priority::critical;
          q.type_config_id = "t-2";
        }).empty());
}

TEST_CASE("issues: list orders by display order, then newest first, then id; and pages") {
  auto store = make_store();
  std::vector<Issue> issues;
  const std::tuple<const char*, int, int> rows[] = {
      {"a", 2, 10}, {"b", 1, 10}, {"c", 1, 30}, {"d", 2, 40}, {"e", 1, 30}};
  for (const auto& [id, order, minute] : rows) {
    auto issue = make_issue(tenant_a, id);
    issue.display_order = order;
    issue.created_at = minutes_after_base(minute);
    issue.reporter_id = "r-1";
    issues.push_back(issue);
  }
  auto other = make_issue(tenant_a, "z");
  other.display_order = 1;
  other.reporter_id = "r-2";
  issues.push_back(other);
  insert_issues(*store, issues);
  IssueQuery by_reporter;
  by_reporter.reporter_id = "r-1";
  auto all = list_issues(*store, by_reporter);
  CHECK(all.total == 5);
  CHECK(ids_of(all.items) == strings({"c", "e", "b", "d", "a"}));
  // The same order with a filter that does not narrow to a person (SQLite walks the order's
  // index then, instead of sorting the person's issues).
  IssueQuery by_impact;
  by_impact.impact = Priority::high;  // every issue here
  auto walked = list_issues(*store, by_impact);
  REQUIRE(walked.total == 6);
  walked.items.erase(std::remove_if(walked.items.begin(), walked.items.end(),
                                    [](const Issue& i) { return i.id == "z"; }),
                     walked.items.end());
  CHECK(ids_of(walked.items) == strings({"c", "e", "b", "d", "a"}));

  IssueQuery query = by_reporter;
  query.page = PageRequest{2, 3};
  auto page = list_issues(*store, query);
  CHECK(page.total == 5);
  CHECK(ids_of(page.items) == strings({"d", "a"}));
  query.page = PageRequest{3, 3};
  page = list_issues(*store, query);
  CHECK(page.total == 5);
  CHECK(page.items.empty());
}
