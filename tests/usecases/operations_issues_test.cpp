// OperationsService: issues on the memory store.
#include <catch2/catch.hpp>

#include "operations_fixtures.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("a new issue gets the first open status and the default type when it names none") {
  Harness h;
  auto plain = make_issue(h, "Hire senior developer");
  CHECK(plain.issue.status_config_id == status_named(h, "Open").id);
  CHECK_FALSE(plain.issue.type_config_id);  // no default type yet
  REQUIRE(plain.status);
  CHECK(plain.status->name == "Open");
  CHECK(plain.issue.reporter_id == "u-admin");
  CHECK(plain.issue.reporter_name == "Ada Admin");

  auto custom = h.services.issue_config.create_type(admin(), {"Hiring", {}, {}, {}, {}, true});
  REQUIRE(custom);
  auto typed = make_issue(h, "Hire designer");
  CHECK(typed.issue.type_config_id == custom->id);
  REQUIRE(typed.type);
  CHECK(typed.type->name == "Hiring");

  // The first open status by order: after reordering, Backlog comes first.
  auto backlog = status_named(h, "Backlog");
  auto open = status_named(h, "Open");
  REQUIRE(h.services.issue_config.reorder_statuses(admin(), "open", {backlog.id, open.id}));
  CHECK(make_issue(h, "Later").issue.status_config_id == backlog.id);
}

TEST_CASE("an update changes only the given fields") {
  Harness h;
  auto draft = issue_draft("Hire senior developer");
  draft.description = "Need experienced developer for project X";
  draft.impact = "high";
  draft.priority = "critical";
  draft.tags = {"hiring", "urgent"};
  draft.estimated_hours = 40;
  auto created = make_issue(h, draft);
  h.clock.advance(std::chrono::minutes(5));

  IssuePatch patch;
  patch.actual_hours = std::optional<double>(25.5);
  auto updated = h.services.operations.update_issue(manager(), created.issue.id, patch);
  REQUIRE(updated);
  CHECK(updated->issue.actual_hours == 25.5);
  CHECK(updated->issue.title == "Hire senior developer");
  CHECK(updated->issue.description == "Need experienced developer for project X");
  CHECK(updated->issue.impact == Priority::high);
  CHECK(updated->issue.priority == Priority::critical);
  CHECK(updated->issue.tags == std::vector<std::string>{"hiring", "urgent"});
  CHECK(updated->issue.estimated_hours == 40);
  CHECK(updated->issue.status_config_id == created.issue.status_config_id);
  CHECK(updated->issue.updated_by == "u-manager");
  CHECK(updated->issue.created_by == "u-admin");
  CHECK(updated->issue.updated_at == h.clock.now());

  IssuePatch bad;
  bad.priority = "urgent";
  auto refused = h.services.operations.update_issue(admin(), created.issue.id, bad);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "priority");
  CHECK(h.services.operations.get_issue(admin(), created.issue.id)->issue == updated->issue);
}

TEST_CASE("issues link only to live goals and strategies of the tenant") {
  Harness h;
  auto goal = h.goal();
  auto strategy = h.services.goals.add_strategy(admin(), goal.goal.id, {"Hire sales reps", {}, {}});
  REQUIRE(strategy);
  auto theirs = h.goal("Theirs", std::nullopt, std::nullopt, admin("globex"));

  auto draft = issue_draft("Linked");
  draft.connections.goal_ids = {goal.goal.id};
  draft.connections.strategy_ids = {strategy->id};
  auto linked = make_issue(h, draft);
  CHECK(linked.issue.connections.goal_ids == std::vector<std::string>{goal.goal.id});

  auto foreign = issue_draft("Foreign");
  foreign.connections.goal_ids = {theirs.goal.id};
  auto refused = h.services.operations.create_issue(admin(), foreign);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::validation_error);
  CHECK(refused.error().field == "connections.goalIds");
  CHECK(refused.error().message.find(theirs.goal.id) != std::string::npos);

  IssuePatch bad_strategy;
  bad_strategy.strategy_ids = std::vector<std::string>{"no-such-strategy"};
  auto refused_patch = h.services.operations.update_issue(admin(), linked.issue.id, bad_strategy);
  REQUIRE_FALSE(refused_patch);
  CHECK(refused_patch.error().field == "connections.strategyIds");
  CHECK(refused_patch.error().message.find("no-such-strategy") != std::string::npos);
}

TEST_CASE("the status filter takes ids, category names and status names") {
  Harness h;
  auto in_progress = status_named(h, "In Progress");
  auto blocked = status_named(h, "Blocked");
  auto resolved = status_named(h, "Resolved");
  auto open_issue = make_issue(h, "Open one");
  auto working = issue_draft("Working");
  working.status_config_id = in_progress.id;
  auto working_issue = make_issue(h, working);
  auto stuck = issue_draft("Stuck");
  stuck.status_config_id = blocked.id;
  auto stuck_issue = make_issue(h, stuck);
  auto done = issue_draft("Done");
  done.status_config_id = resolved.id;
  make_issue(h, done);

  auto titles = [&](std::vector<std::string> status) {
    IssueFilter filter;
    filter.status = std::move(status);
    auto page = h.services.operations.list_issues(admin(), filter);
    if (!page) throw std::runtime_error(page.error().message);
    std::vector<std::string> out;
    for (const auto& v : page->items) out.push_back(v.issue.title);
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(titles({in_progress.id}) == std::vector<std::string>{"Working"});
  CHECK(titles({"in progress"}) == std::vector<std::string>{"Working"});  // name, any case
  CHECK(titles({"active"}) == std::vector<std::string>{"Stuck", "Working"});  // category
  CHECK(titles({"closed"}) == std::vector<std::string>{"Done"});
  CHECK(titles({"open", "Blocked"}) == std::vector<std::string>{"Open one", "Stuck"});
  CHECK(titles({"no such status"}).empty());
  CHECK(titles({}).size() == 4);
  (void)open_issue;
  (void)working_issue;
  (void)stuck_issue;
}

TEST_CASE("issue filters combine and pages are counted") {
  Harness h;
  for (int i = 0; i < 7; ++i) {
    auto d = issue_draft("Issue " + std::to_string(i));
    d.description = i % 2 == 0 ? "budget overrun" : "hiring gap";
    d.priority = i < 4 ? "high" : "low";
    d.impact = i % 3 == 0 ? "critical" : "medium";
    d.assigned_person_id = i % 2 == 0 ? "u-jane" : "u-joe";
    d.reporter_id = "u-rep";
    make_issue(h, d);
    h.clock.advance(std::chrono::seconds(1));
  }
  IssueFilter filter;
  filter.query.priority = Priority::high;
  filter.query.assigned_to = "u-jane";
  auto page = h.services.operations.list_issues(admin(), filter);
  REQUIRE(page);
  CHECK(page->total == 2);  // 0 and 2
  filter.query.search = "BUDGET";
  filter.query.impact = Priority::critical;
  page = h.services.operations.list_issues(admin(), filter);
  REQUIRE(page->total == 1);
  CHECK(page->items[0].issue.title == "Issue 0");

  IssueFilter paged;
  paged.query.reporter_id = "u-rep";
  paged.query.page = {3, 3};
  page = h.services.operations.list_issues(admin(), paged);
  CHECK(page->total == 7);
  CHECK(page->items.size() == 1);  // the last page
  paged.query.page = {4, 3};
  page = h.services.operations.list_issues(admin(), paged);
  CHECK(page->total == 7);
  CHECK(page->items.empty());  // past the end
}

TEST_CASE("resolving and deleting issues appear in the recent activity; deletion unlinks actions") {
  Harness h;
  auto issue = make_issue(h, "Server outage");
  auto action = make_action(h, "Restart servers", {{}, {}, {issue.issue.id}});
  auto viewed = h.services.operations.get_issue(admin(), issue.issue.id);
  REQUIRE(viewed);
  CHECK(viewed->action_ids == std::vector<std::string>{action.id});

  IssuePatch resolve;
  resolve.status_config_id = status_named(h, "Resolved").id;
  resolve.resolution_notes = std::optional<std::string>("Rebooted");
  REQUIRE(h.services.operations.update_issue(admin(), issue.issue.id, resolve));
  auto feed = feed_types(h);
  CHECK(has(feed, "issue_created"));
  CHECK(has(feed, "issue_resolved"));

  IssuePatch touch;
  touch.title = "Server outage (EU)";
  REQUIRE(h.services.operations.update_issue(admin(), issue.issue.id, touch));
  CHECK(feed_types(h).front() == "issue_updated");  // still closed: not resolved again

  h.clock.advance(std::chrono::minutes(1));
  auto deleted = h.services.operations.delete_issue(admin(), issue.issue.id);
  REQUIRE(deleted);
  CHECK(deleted->id == issue.issue.id);
  CHECK(deleted->deleted_at == h.clock.now());
  CHECK(feed_types(h).front() == "issue_deleted");
  CHECK(h.services.operations.get_issue(admin(), issue.issue.id).error().code == ErrorCode::issue_not_found);
  CHECK(h.services.operations.delete_issue(admin(), issue.issue.id).error().code == ErrorCode::issue_not_found);
  CHECK(h.services.operations.get_action(admin(), action.id)->connections.issue_ids.empty());
  CHECK(h.services.operations.list_issues(admin(), IssueFilter{})->total == 0);
}

TEST_CASE("another tenant's issues are not found") {
  Harness h;
  auto theirs = make_issue(h, "Theirs", admin("globex"));
  CHECK(h.services.operations.get_issue(admin(), theirs.issue.id).error().code == ErrorCode::issue_not_found);
  CHECK(h.services.operations.update_issue(admin(), theirs.issue.id, {}).error().code == ErrorCode::issue_not_found);
  CHECK(h.services.operations.delete_issue(admin(), theirs.issue.id).error().code == ErrorCode::issue_not_found);
  CHECK(h.services.operations.list_issues(admin(), IssueFilter{})->total == 0);
  auto action = action_draft("Mine", {{}, {}, {theirs.issue.id}});
  auto refused = h.services.operations.create_action(admin(), action);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "connections.issueIds");
}
