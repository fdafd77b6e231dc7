// The unit of work: commit, rollback of everything on error or exception, read-only reads,
// write_tx/read_tx, and concurrent use.
#include <atomic>
#include <thread>

#include "contract_fixtures.hpp"
#include "contract_seed.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

// Changes every repository: adds rows and changes the seeded ones (tenant A), and adds a
// goal in tenant B. Stops at the first error.
Status change_everything(ports::Transaction& tx) {
  auto new_kpi = make_kpi(tenant_a, "k-new", "New KPI");
  if (auto ok = tx.kpis().insert(new_kpi); !ok) return ok;
  auto kpi = make_kpi(tenant_a, "k-1", "Renamed revenue");
  if (auto ok = tx.kpis().update(kpi); !ok) return ok;

  auto new_goal = make_goal(tenant_a, "g-new");
  if (auto ok = tx.goals().insert(new_goal); !ok) return ok;
  auto goal = tx.goals().find(tenant_a, "g-1");
  if (!goal) return std::unexpected(goal.error());
  auto changed = goal->value();
  changed.title = "Changed";
  changed.strategies.push_back(make_strategy("g-1", "s-2", 2));
  changed.kpi_links.clear();
  changed.deleted_at = minutes_after_base(100);
  if (auto ok = tx.goals().update(changed); !ok) return ok;
  if (auto ok = tx.goals().insert(make_goal(tenant_b, "g-b")); !ok) return ok;

  if (auto ok = tx.kpis().insert_reading(make_reading(tenant_a, "r-new", "k-new", month(2025, 2), 2));
      !ok) {
    return ok;
  }
  if (auto ok = tx.kpis().replace_reading(make_reading(tenant_a, "r-1", "k-1", month(2025, 1), 9));
      !ok) {
    return ok;
  }
  if (auto ok = tx.activities().insert(
          make_activity(tenant_a, "act-new", "g-new", minutes_after_base(1)));
      !ok) {
    return ok;
  }
  if (auto ok = tx.feed().append(make_feed_entry(tenant_a, "f-new", minutes_after_base(1))); !ok) {
    return ok;
  }
  if (auto ok = tx.audit().append(make_audit_entry(tenant_a, "au-new", "g-1", minutes_after_base(1)));
      !ok) {
    return ok;
  }
  if (auto ok = tx.snapshots().append(make_snapshot(tenant_a, "g-1", minutes_after_base(1), 6));
      !ok) {
    return ok;
  }
  if (auto ok = tx.issue_types().insert(make_issue_type(tenant_a, "t-new", "Legal", 2)); !ok) {
    return ok;
  }
  if (auto ok = tx.issue_types().update(make_issue_type(tenant_a, "t-1", "People", 9)); !ok) {
    return ok;
  }
  if (auto ok = tx.issue_statuses().insert(
          make_issue_status(tenant_a, "st-new", "Done", IssueStatusCategory::closed, 1));
      !ok) {
    return ok;
  }
  if (auto ok = tx.issue_statuses().update(
          make_issue_status(tenant_a, "st-1", "Fresh", IssueStatusCategory::active, 3));
      !ok) {
    return ok;
  }
  if (auto ok = tx.issues().insert(make_issue(tenant_a, "i-new")); !ok) return ok;
  auto issue = tx.issues().find(tenant_a, "i-1");
  if (!issue) return std::unexpected(issue.error());
  auto changed_issue = issue->value();
  changed_issue.title = "Changed issue";
  changed_issue.deleted_at = minutes_after_base(100);
  if (auto ok = tx.issues().update(changed_issue); !ok) return ok;
  if (auto ok = tx.actions().insert(make_action(tenant_a, "a-new")); !ok) return ok;
  auto action = tx.actions().find(tenant_a, "a-1");
  if (!action) return std::unexpected(action.error());
  auto changed_action = action->value();
  changed_action.status = ActionStatus::completed;
  if (auto ok = tx.actions().update(changed_action); !ok) return ok;
  auto event = make_event(tenant_a, "g-new");
  if (auto ok = tx.events().append(event); !ok) return ok;
  if (auto ok = tx.metrics().record(tenant_a, "score", day("2025-01-10"), 99); !ok) return ok;
  return tx.metrics().record(tenant_a, "score", day("2025-01-11"), 77);
}

}  // namespace

TEST_CASE("transactions: a committed write is visible to later reads") {
  auto store = make_store();
  seed_everything(*store, tenant_a);
  const auto before = dump(*store, tenant_a);
  write_ok(*store, change_everything);
  const auto after = dump(*store, tenant_a);
  CHECK_FALSE(after == before);
  CHECK(after.goal_count == 1);  // g-1 was soft-deleted, g-new added
  CHECK(after.kpis.size() == 2);
  CHECK(after.events.size() == 2);
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_b); }) == 1);
}

TEST_CASE("transactions: the data stamp changes with each committed write, not with reads") {
  auto store = make_store();
  seed_everything(*store, tenant_a);
  const auto first = store->data_stamp();
  CHECK(store->data_stamp() == first);
  (void)dump(*store, tenant_a);
  CHECK(store->data_stamp() == first);  // reads change nothing

  write_ok(*store, change_everything);
  const auto second = store->data_stamp();
  CHECK(second != first);
  CHECK(store->data_stamp() == second);

  write_ok(*store, [](ports::Transaction& tx) { return tx.goals().insert(make_goal(tenant_b, "g-b2")); });
  const auto third = store->data_stamp();
  CHECK(third != second);
  CHECK(third != first);
}

TEST_CASE("transactions: a write that returns an error leaves nothing behind") {
  RecordingPublisher publisher;
  auto store = make_store(&publisher);
  seed_everything(*store, tenant_a);
  const auto published_before = publisher.events().size();
  const auto before_a = dump(*store, tenant_a);
  const auto before_b = dump(*store, tenant_b);

  const auto status = store->write([](ports::Transaction& tx) -> Status {
    if (auto ok = change_everything(tx); !ok) return ok;
    return fail(ErrorCode::validation_error, "the title is too long", "title");
  });
  REQUIRE_FALSE(status.has_value());
  CHECK(status.error() == Error{ErrorCode::validation_error, "the title is too long", "title"});

  CHECK(dump(*store, tenant_a) == before_a);
  CHECK(dump(*store, tenant_b) == before_b);
  CHECK(publisher.events().size() == published_before);

  SECTION("and the same write then commits cleanly") {
    write_ok(*store, change_everything);
    CHECK(publisher.events().size() == published_before + 1);
  }
}

TEST_CASE("transactions: a write that throws leaves nothing behind and fails with INTERNAL") {
  RecordingPublisher publisher;
  auto store = make_store(&publisher);
  seed_everything(*store, tenant_a);
  const auto published_before = publisher.events().size();
  const auto before = dump(*store, tenant_a);

  SECTION("a standard exception") {
    const auto status = store->write([](ports::Transaction& tx) -> Status {
      if (auto ok = change_everything(tx); !ok) return ok;
      throw std::runtime_error("disk on fire");
    });
    CHECK(has_code(status, ErrorCode::internal));
  }
  SECTION("anything else thrown") {
    const auto status = store->write([](ports::Transaction& tx) -> Status {
      if (auto ok = change_everything(tx); !ok) return ok;
      throw 42;
    });
    CHECK(has_code(status, ErrorCode::internal));
  }
  CHECK(dump(*store, tenant_a) == before);
  CHECK(publisher.events().size() == published_before);
}

TEST_CASE("transactions: a repository error passed on by the work rolls back earlier changes") {
  auto store = make_store();
  seed_everything(*store, tenant_a);
  const auto before = dump(*store, tenant_a);
  const auto status = store->write([](ports::Transaction& tx) -> Status {
    if (auto ok = tx.goals().insert(make_goal(tenant_a, "g-new")); !ok) return ok;
    auto stale = make_goal(tenant_a, "g-1");
    stale.version = 42;
    return tx.goals().update(stale);
  });
  CHECK(has_code(status, ErrorCode::version_conflict));
  CHECK(dump(*store, tenant_a) == before);
}

TEST_CASE("transactions: a write reads its own changes") {
  auto store = make_store();
  seed_everything(*store, tenant_a);
  write_ok(*store, [](ports::Transaction& tx) -> Status {
    if (auto ok = tx.goals().insert(make_goal(tenant_a, "g-new")); !ok) return ok;
    auto found = tx.goals().find(tenant_a, "g-new");
    REQUIRE(found.has_value());
    CHECK(found->has_value());
    auto count = tx.goals().count(tenant_a);
    REQUIRE(count.has_value());
    CHECK(*count == 2);
    if (auto ok = tx.metrics().record(tenant_a, "score", day("2025-01-10"), 60); !ok) return ok;
    auto point = tx.metrics().latest_on_or_before(tenant_a, "score", day("2025-01-10"));
    REQUIRE(point.has_value());
    CHECK(point->value().second == 60);
    return {};
  });
}

TEST_CASE("transactions: every change through a read fails with INTERNAL and changes nothing") {
  RecordingPublisher publisher;
  auto store = make_store(&publisher);
  seed_everything(*store, tenant_a);
  const auto published_before = publisher.events().size();
  const auto before = dump(*store, tenant_a);

  using Change = std::function<Status(ports::Transaction&)>;
  const std::vector<std::pair<const char*, Change>> changes = {
      {"goals.insert", [](ports::Transaction& tx) {
         return tx.goals().insert(make_goal(tenant_a, "g-new"));
       }},
      {"goals.update", [](ports::Transaction& tx) {
         auto g = make_goal(tenant_a, "g-1");
         return tx.goals().update(g);
       }},
      {"kpis.insert", [](ports::Transaction& tx) {
         return tx.kpis().insert(make_kpi(tenant_a, "k-new", "New"));
       }},
      {"kpis.update", [](ports::Transaction& tx) {
         return tx.kpis().update(make_kpi(tenant_a, "k-1", "Renamed"));
       }},
      {"kpis.insert_reading", [](ports::Transaction& tx) {
         return tx.kpis().insert_reading(make_reading(tenant_a, "r-new", "k-1", month(2025, 6), 1));
       }},
      {"kpis.replace_reading", [](ports::Transaction& tx) {
         return tx.kpis().replace_reading(make_reading(tenant_a, "r-1", "k-1", month(2025, 1), 7));
       }},
      {"activities.insert", [](ports::Transaction& tx) {
         return tx.activities().insert(make_activity(tenant_a, "act-new", "g-1", base_time()));
       }},
      {"feed.append", [](ports::Transaction& tx) {
         return tx.feed().append(make_feed_entry(tenant_a, "f-new", base_time()));
       }},
      {"audit.append", [](ports::Transaction& tx) {
         return tx.audit().append(make_audit_entry(tenant_a, "au-new", "g-1", base_time()));
       }},
      {"snapshots.append", [](ports::Transaction& tx) {
         return tx.snapshots().append(make_snapshot(tenant_a, "g-1", base_time(), 1));
       }},
      {"actions.insert", [](ports::Transaction& tx) {
         return tx.actions().insert(make_action(tenant_a, "a-new"));
       }},
      {"actions.update", [](ports::Transaction& tx) {
         auto a = make_action(tenant_a, "a-1");
         return tx.actions().update(a);
       }},
      {"issues.insert", [](ports::Transaction& tx) {
         return tx.issues().insert(make_issue(tenant_a, "i-new"));
       }},
      {"issues.update", [](ports::Transaction& tx) {
         auto i = make_issue(tenant_a, "i-1");
         return tx.issues().update(i);
       }},
      {"issue_types.insert", [](ports::Transaction& tx) {
         return tx.issue_types().insert(make_issue_type(tenant_a, "t-new", "Legal", 1));
       }},
      {"issue_types.update", [](ports::Transaction& tx) {
         return tx.issue_types().update(make_issue_type(tenant_a, "t-1", "People", 1));
       }},
      {"issue_statuses.insert", [](ports::Transaction& tx) {
         return tx.issue_statuses().insert(
             make_issue_status(tenant_a, "st-new", "Done", IssueStatusCategory::closed, 1));
       }},
      {"issue_statuses.update", [](ports::Transaction& tx) {
         return tx.issue_statuses().update(
             make_issue_status(tenant_a, "st-1", "Fresh", IssueStatusCategory::open, 1));
       }},
      {"events.append", [](ports::Transaction& tx) {
         auto e = make_event(tenant_a, "g-1");
         return tx.events().append(e);
       }},
      {"metrics.record", [](ports::Transaction& tx) {
         return tx.metrics().record(tenant_a, "score", day("2025-01-11"), 1);
       }},
  };
  for (const auto& [name, change] : changes) {
    INFO(name);
    Status inner;
    const auto status = store->read([&](ports::Transaction& tx) -> Status {
      inner = change(tx);
      return inner;
    });
    CHECK(has_code(inner, ErrorCode::internal));
    CHECK(has_code(status, ErrorCode::internal));
  }
  CHECK(dump(*store, tenant_a) == before);
  CHECK(publisher.events().size() == published_before);
}

TEST_CASE("transactions: read passes on the work's error, and turns a throw into INTERNAL") {
  auto store = make_store();
  const auto status = store->read(
      [](ports::Transaction&) -> Status { return fail(ErrorCode::goal_not_found, "gone"); });
  CHECK(status.error() == Error{ErrorCode::goal_not_found, "gone", ""});
  const auto thrown =
      store->read([](ports::Transaction&) -> Status { throw std::logic_error("bug"); });
  CHECK(has_code(thrown, ErrorCode::internal));
  // The store still works afterwards.
  seed_goals(*store, tenant_a, {"g-1"});
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) == 1);
}

TEST_CASE("transactions: write_tx and read_tx carry values and errors out") {
  auto store = make_store();
  const Result<std::string> created = write_tx(*store, [](ports::Transaction& tx) -> Result<std::string> {
    auto goal = make_goal(tenant_a, "g-1");
    if (auto ok = tx.goals().insert(goal); !ok) return std::unexpected(ok.error());
    return goal.id;
  });
  REQUIRE(created.has_value());
  CHECK(*created == "g-1");

  const auto title = read_tx(*store, [&](ports::Transaction& tx) -> Result<std::string> {
    auto goal = tx.goals().find(tenant_a, *created);
    if (!goal) return std::unexpected(goal.error());
    if (!*goal) return fail(ErrorCode::goal_not_found, "goal not found");
    return (*goal)->title;
  });
  REQUIRE(title.has_value());
  CHECK(*title == "Goal g-1");

  const auto missing = read_tx(*store, [](ports::Transaction& tx) -> Result<std::string> {
    auto goal = tx.goals().find(tenant_a, "nope");
    if (!goal) return std::unexpected(goal.error());
    if (!*goal) return fail(ErrorCode::goal_not_found, "goal not found");
    return (*goal)->title;
  });
  CHECK(missing.error().code == ErrorCode::goal_not_found);

  const auto refused = write_tx(*store, [](ports::Transaction& tx) -> Result<int> {
    if (auto ok = tx.goals().insert(make_goal(tenant_a, "g-2")); !ok) {
      return std::unexpected(ok.error());
    }
    return fail(ErrorCode::duplicate_name, "taken");
  });
  CHECK(refused.error().code == ErrorCode::duplicate_name);
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) == 1);
}

TEST_CASE("transactions: concurrent writes and reads from several threads") {
  RecordingPublisher publisher;
  auto store = make_store(&publisher);
  seed_goals(*store, tenant_a, {"g-0"});
  constexpr int writers = 4;
  constexpr int writes_each = 25;
  std::atomic<int> failures{0};
  std::atomic<bool> done{false};
  std::atomic<int> bad_reads{0};

  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < writes_each; ++i) {
        const auto id = "w" + std::to_string(w) + "-" + std::to_string(i);
        const auto status = store->write([&](ports::Transaction& tx) -> Status {
          if (auto ok = tx.goals().insert(make_goal(tenant_a, id)); !ok) return ok;
          auto event = make_event(tenant_a, "g-0");
          return tx.events().append(event);
        });
        if (!status) ++failures;
      }
    });
  }
  std::thread reader([&] {
    std::int64_t last = 0;
    while (!done.load()) {
      // One read sees whole writes: one event per goal inserted after g-0.
      std::int64_t count = 0;
      std::size_t event_count = 0;
      const auto status = store->read([&](ports::Transaction& tx) -> Status {
        auto c = tx.goals().count(tenant_a);
        if (!c) return std::unexpected(c.error());
        auto e = tx.events().since(tenant_a, std::nullopt, 0, 1000);
        if (!e) return std::unexpected(e.error());
        count = *c;
        event_count = e->size();
        return {};
      });
      if (!status || count < last || count > 1 + writers * writes_each ||
          static_cast<std::int64_t>(event_count) != count - 1) {
        ++bad_reads;
      }
      last = count;
    }
  });
  for (auto& t : threads) t.join();
  done.store(true);
  reader.join();

  CHECK(failures.load() == 0);
  CHECK(bad_reads.load() == 0);
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) ==
        1 + writers * writes_each);
  const auto events = read_value(*store, [](ports::Transaction& tx) {
    return tx.events().since(tenant_a, std::nullopt, 0, 1000);
  });
  CHECK(events.size() == static_cast<std::size_t>(writers * writes_each));
  CHECK(std::is_sorted(events.begin(), events.end(),
                       [](const DomainEvent& a, const DomainEvent& b) { return a.id < b.id; }));
  CHECK(publisher.events().size() == static_cast<std::size_t>(writers * writes_each));
}
