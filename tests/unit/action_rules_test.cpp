#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "traction/domain/action_rules.hpp"
#include "traction/domain/limits.hpp"

using namespace traction;

namespace {

const Timestamp t0 = *parse_timestamp("2025-01-15T10:00:00Z");
const Timestamp t1 = *parse_timestamp("2025-01-20T09:30:00Z");
const AuthContext alice{"t1", "u-alice", "Alice", Role::manager};
const AuthContext bob{"t1", "u-bob", "Bob", Role::employee};

ActionDraft draft() {
  ActionDraft d;
  d.title = "Call the top ten customers";
  d.description = "Ask about renewal";
  d.start_date = parse_timestamp("2025-01-15");
  d.due_date = parse_timestamp("2025-01-31");
  d.priority = "high";
  d.assigned_person_id = "u-bob";
  d.assigned_person_name = "Bob";
  d.connections.goal_ids = {"g1", "g2"};
  d.connections.strategy_ids = {"s1"};
  d.connections.issue_ids = {"i1"};
  return d;
}

Action made(const ActionDraft& d = draft()) {
  auto r = make_action(d, "a1", alice, t0);
  REQUIRE(r);
  return r->action;
}

}  // namespace

TEST_CASE("make_action builds an action from a create request") {
  const auto r = make_action(draft(), "a1", alice, t0);
  REQUIRE(r);
  const auto& a = r->action;
  CHECK(a.id == "a1");
  CHECK(a.tenant == "t1");
  CHECK(a.title == "Call the top ten customers");
  CHECK(a.priority == Priority::high);
  CHECK(a.status == ActionStatus::not_started);
  CHECK(a.progress == 0);
  CHECK(a.assigned_person_id == "u-bob");
  CHECK(a.connections.goal_ids == std::vector<std::string>{"g1", "g2"});
  CHECK(a.created_at == t0);
  CHECK(a.updated_at == t0);
  CHECK(a.created_by == "u-alice");
  CHECK_FALSE(a.completed_at);
  CHECK_FALSE(r->completed);

  ActionDraft minimal;
  minimal.title = "Just this";
  const auto m = make_action(minimal, "a2", alice, t0);
  REQUIRE(m);
  CHECK(m->action.priority == Priority::medium);
  CHECK(m->action.status == ActionStatus::not_started);
}

TEST_CASE("action fields are validated") {
  const auto refused = [](const ActionDraft& d) {
    const auto r = make_action(d, "a1", alice, t0);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::validation_error);
    return r.error().field;
  };
  auto d = draft();
  SECTION("title required and bounded") {
    d.title = " \t ";
    CHECK(refused(d) == "title");
    d.title = std::string(limits::title + 1, 't');
    CHECK(refused(d) == "title");
    d.title = std::string(limits::title, 't');
    CHECK(make_action(d, "a1", alice, t0));
  }
  SECTION("description bounded") {
    d.description = std::string(limits::long_text + 1, 'd');
    CHECK(refused(d) == "description");
  }
  SECTION("dueDate not before startDate") {
    d.due_date = parse_timestamp("2025-01-14T23:59:59Z");
    CHECK(refused(d) == "dueDate");
    d.due_date = parse_timestamp("2025-01-15");  // same day
    d.start_date = parse_timestamp("2025-01-15T10:00:00Z");
    CHECK(make_action(d, "a1", alice, t0));
  }
  SECTION("progress 0..100 and finite") {
    for (double bad : {-0.1, 100.5, std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity()}) {
      d.progress = bad;
      CHECK(refused(d) == "progress");
    }
    d.progress = 100;
    CHECK(make_action(d, "a1", alice, t0));
  }
  SECTION("enums") {
    d.priority = "urgent";
    CHECK(refused(d) == "priority");
    d.priority = "low";
    d.status = "done";
    const auto r = make_action(d, "a1", alice, t0);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("not_started, in_progress, completed, blocked, cancelled") != std::string::npos);
  }
  SECTION("assignee bounds") {
    d.assigned_person_id = std::string(limits::id + 1, 'x');
    CHECK(refused(d) == "assignedPersonId");
    d.assigned_person_id = "u";
    d.assigned_person_name = std::string(limits::short_text + 1, 'n');
    CHECK(refused(d) == "assignedPersonName");
  }
}

TEST_CASE("connections drop repeats, keep order, and are bounded") {
  auto d = draft();
  d.connections.goal_ids = {"g2", "g1", "g2", " g3 ", "g1"};
  CHECK(made(d).connections.goal_ids == std::vector<std::string>{"g2", "g1", "g3"});

  d.connections.goal_ids = {"g1", ""};
  auto r = make_action(d, "a1", alice, t0);
  REQUIRE_FALSE(r);
  CHECK(r.error().field == "connections.goalIds");

  std::vector<std::string> many;
  for (std::size_t i = 0; i <= limits::connections; ++i) many.push_back("s" + std::to_string(i));
  d.connections.goal_ids = {};
  d.connections.strategy_ids = many;
  r = make_action(d, "a1", alice, t0);
  REQUIRE_FALSE(r);
  CHECK(r.error().field == "connections.strategyIds");

  many.pop_back();
  many.push_back("s0");  // a repeat does not count against the limit
  d.connections.strategy_ids = many;
  CHECK(make_action(d, "a1", alice, t0));

  d.connections.strategy_ids = {};
  d.connections.issue_ids = {std::string(limits::id + 1, 'i')};
  CHECK(make_action(d, "a1", alice, t0).error().field == "connections.issueIds");
}

TEST_CASE("an action created completed is at 100 with completed_at") {
  auto d = draft();
  d.status = "completed";
  d.progress = 40;
  const auto r = make_action(d, "a1", alice, t0);
  REQUIRE(r);
  CHECK(r->completed);
  CHECK(r->action.progress == 100);
  CHECK(r->action.completed_at == t0);
}

TEST_CASE("patching an action changes only the given fields") {
  const auto a = made();
  ActionPatch p;
  p.title = "Call the top twenty customers";
  p.progress = 35;
  auto r = apply_action_patch(a, p, bob, t1);
  REQUIRE(r);
  CHECK(r->action.title == "Call the top twenty customers");
  CHECK(r->action.progress == 35);
  CHECK(r->action.description == a.description);
  CHECK(r->action.due_date == a.due_date);
  CHECK(r->action.connections == a.connections);
  CHECK(r->action.created_by == "u-alice");
  CHECK(r->action.updated_by == "u-bob");
  CHECK(r->action.updated_at == t1);
  CHECK(r->action.created_at == t0);
  CHECK_FALSE(r->completed);

  SECTION("dates can be cleared, and are checked together") {
    ActionPatch dates;
    dates.due_date = std::optional<Timestamp>{};
    auto cleared = apply_action_patch(a, dates, bob, t1);
    REQUIRE(cleared);
    CHECK_FALSE(cleared->action.due_date);
    CHECK(cleared->action.start_date == a.start_date);

    dates = {};
    dates.start_date = parse_timestamp("2025-02-01");  // after the stored due date
    CHECK(apply_action_patch(a, dates, bob, t1).error().field == "dueDate");
  }
  SECTION("connection lists are replaced one by one") {
    ActionPatch c;
    c.goal_ids = std::vector<std::string>{"g9", "g9"};
    auto changed = apply_action_patch(a, c, bob, t1);
    REQUIRE(changed);
    CHECK(changed->action.connections.goal_ids == std::vector<std::string>{"g9"});
    CHECK(changed->action.connections.strategy_ids == a.connections.strategy_ids);
  }
  SECTION("bad values are refused") {
    ActionPatch bad;
    bad.title = "";
    CHECK(apply_action_patch(a, bad, bob, t1).error().field == "title");
    bad = {};
    bad.progress = 101;
    CHECK(apply_action_patch(a, bad, bob, t1).error().field == "progress");
    bad = {};
    bad.priority = "HIGH";
    CHECK(apply_action_patch(a, bad, bob, t1).error().field == "priority");
  }
}

TEST_CASE("completing and reopening an action") {
  const auto a = made();
  ActionPatch complete;
  complete.status = "completed";
  const auto done = apply_action_patch(a, complete, bob, t1);
  REQUIRE(done);
  CHECK(done->completed);
  CHECK_FALSE(done->reopened);
  CHECK(done->action.status == ActionStatus::completed);
  CHECK(done->action.progress == 100);
  CHECK(done->action.completed_at == t1);

  // Completed again: not a new completion, completed_at kept.
  const auto again = apply_action_patch(done->action, complete, alice, t1 + std::chrono::hours{1});
  REQUIRE(again);
  CHECK_FALSE(again->completed);
  CHECK(again->action.completed_at == t1);

  // A completed action stays at 100 even when a stale progress is sent.
  ActionPatch stale;
  stale.progress = 60;
  CHECK(apply_action_patch(done->action, stale, bob, t1)->action.progress == 100);

  ActionPatch reopen;
  reopen.status = "in_progress";
  reopen.progress = 80;
  const auto back = apply_action_patch(done->action, reopen, bob, t1);
  REQUIRE(back);
  CHECK(back->reopened);
  CHECK_FALSE(back->completed);
  CHECK_FALSE(back->action.completed_at);
  CHECK(back->action.progress == 80);
}
