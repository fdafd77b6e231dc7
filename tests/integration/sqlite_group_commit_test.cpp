// Group commit and the connection pool: concurrent write() calls share SQLite
// transactions yet succeed or fail alone; events are published only after their commit;
// readers run beside an open write transaction.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <string>
#include <span>
#include <thread>
#include <vector>

#include "sqlite_test_support.hpp"
#include "sqlite_transaction.hpp"
#include "traction/ports/store.hpp"

namespace traction::sqlite::test {
namespace {

constexpr std::string_view tenant = "tenant-gc";

DomainEvent progress_event(std::string_view goal_id) {
  DomainEvent e;
  e.tenant = std::string(tenant);
  e.goal_id = std::string(goal_id);
  e.at = test_time();
  e.payload = ProgressChanged{10, 20, "entered"};
  return e;
}

// Inserts a goal and appends an event for it.
Status insert_with_event(ports::Transaction& tx, const std::string& id) {
  if (auto ok = tx.goals().insert(test_goal(tenant, id)); !ok) return ok;
  auto event = progress_event(id);
  return tx.events().append(event);
}

// Records what is published and whether each event was already committed then (seen by
// a read of the store).
class CheckingPublisher final : public ports::EventPublisher {
 public:
  void attach(ports::Store* store) { store_ = store; }

  void publish(const DomainEvent& event) noexcept override {
    bool committed = false;
    if (store_ != nullptr) {
      auto seen = read_tx(*store_, [&](ports::Transaction& tx) {
        return tx.events().since(event.tenant, std::nullopt, event.id - 1, 1);
      });
      committed = seen && seen->size() == 1 && seen->front() == event;
    }
    const std::lock_guard lock(mutex_);
    events_.push_back(event);
    all_committed_ = all_committed_ && committed;
  }
  void publish_all(std::span<const DomainEvent> events) noexcept override {
    {
      const std::lock_guard lock(mutex_);
      handed_over_.push_back(events.size());
    }
    for (const auto& event : events) publish(event);
  }

  // How many events each publish_all() call handed over.
  std::vector<std::size_t> handed_over() const {
    const std::lock_guard lock(mutex_);
    return handed_over_;
  }

  std::vector<DomainEvent> events() const {
    const std::lock_guard lock(mutex_);
    return events_;
  }
  bool all_committed() const {
    const std::lock_guard lock(mutex_);
    return all_committed_;
  }

 private:
  ports::Store* store_ = nullptr;
  mutable std::mutex mutex_;
  std::vector<DomainEvent> events_;
  std::vector<std::size_t> handed_over_;
  bool all_committed_ = true;
};

// A deferred foreign key in the database's schema: a violation passes each statement and
// fails the COMMIT.
void add_deferred_foreign_key(const TempDatabase& db) {
  auto store = open_store(db.options());
  SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE);
  raw.exec("CREATE TABLE test_deferred (goal_row INTEGER REFERENCES goals (row_id) "
           "DEFERRABLE INITIALLY DEFERRED)");
}

// Inside a write: a row that makes the transaction's COMMIT fail.
void violate_deferred_foreign_key(ports::Transaction& tx) {
  auto& raw = dynamic_cast<SqliteTransaction&>(tx).connection().db();
  SQLite::Statement st(raw, "INSERT INTO test_deferred (goal_row) VALUES (?)");
  st.bind(1, std::int64_t{999'999});
  st.exec();
}

bool has_code(const Status& status, ErrorCode code) {
  return !status.has_value() && status.error().code == code;
}

bool has_error(const Status& status, const Error& error) {
  return !status.has_value() && status.error() == error;
}

bool goal_exists(ports::Store& store, const std::string& id) {
  auto goal = read_tx(store, [&](ports::Transaction& tx) { return tx.goals().find(tenant, id); });
  REQUIRE(goal);
  return goal->has_value();
}

// Holds the writer inside a first batch until release(), so that the writes submitted
// meanwhile queue up and go together into the next batches.
class WriterGate {
 public:
  explicit WriterGate(SqliteStore& store) : store_(store) {
    thread_ = std::thread([this] {
      status_ = store_.write([this](ports::Transaction& tx) -> Status {
        if (auto ok = tx.goals().insert(test_goal(tenant, "gate")); !ok) return ok;
        inside_.count_down();
        release_.wait();
        return {};
      });
    });
    inside_.wait();
  }
  WriterGate(const WriterGate&) = delete;
  WriterGate& operator=(const WriterGate&) = delete;
  ~WriterGate() {
    release();
    if (thread_.joinable()) thread_.join();
  }

  // Waits (without sleeping) until `n` write() calls are queued behind the gate.
  void wait_for_queued(std::size_t n) const {
    while (store_.write_stats().queued < n) std::this_thread::yield();
  }
  void release() {
    if (!released_) release_.count_down();
    released_ = true;
  }
  Status finish() {
    release();
    thread_.join();
    return status_;
  }

 private:
  SqliteStore& store_;
  std::latch inside_{1};
  std::latch release_{1};
  bool released_ = false;
  Status status_;
  std::thread thread_;
};

TEST_CASE("sqlite store: a reader is not blocked by an open write transaction") {
  TempDatabase db;
  auto options = db.options();
  options.read_connections = 2;
  auto store = open_store(options);
  REQUIRE(store->write([](ports::Transaction& tx) { return tx.goals().insert(test_goal(tenant, "g-1")); }));

  std::latch inside(1);
  std::latch release(1);
  Status write_status;
  std::thread writer([&] {
    write_status = store->write([&](ports::Transaction& tx) -> Status {
      if (auto ok = tx.goals().insert(test_goal(tenant, "g-2")); !ok) return ok;
      inside.count_down();
      release.wait();  // the write transaction stays open, g-2 uncommitted
      return {};
    });
  });
  inside.wait();

  // Two reads at once, while the writer holds its transaction open. (The wait bound only
  // keeps a broken build from hanging the suite.)
  auto read_count = [&] {
    return read_tx(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant); });
  };
  auto first = std::async(std::launch::async, read_count);
  auto second = std::async(std::launch::async, read_count);
  const bool finished = first.wait_for(std::chrono::seconds(30)) == std::future_status::ready &&
                        second.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  release.count_down();
  writer.join();
  REQUIRE(finished);
  const auto a = first.get();
  const auto b = second.get();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a == 1);  // the snapshot before the open write
  CHECK(*b == 1);
  REQUIRE(write_status);
  const auto after = read_count();
  REQUIRE(after);
  CHECK(*after == 2);
}

TEST_CASE("sqlite store: many threads writing at once all land, events in commit order") {
  TempDatabase db;
  CheckingPublisher publisher;
  auto options = db.options();
  options.synchronous = Synchronous::normal;
  auto store = open_store(options, &publisher);
  publisher.attach(store.get());
  constexpr int threads = 8;
  constexpr int writes_each = 40;
  std::vector<std::thread> workers;
  std::atomic<int> failures{0};
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < writes_each; ++i) {
        const auto id = "t" + std::to_string(t) + "-" + std::to_string(i);
        if (!store->write([&](ports::Transaction& tx) { return insert_with_event(tx, id); })) {
          ++failures;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  CHECK(failures.load() == 0);

  const auto count = read_tx(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant); });
  REQUIRE(count);
  CHECK(*count == threads * writes_each);
  const auto stats = store->write_stats();
  CHECK(stats.writes == static_cast<std::uint64_t>(threads * writes_each));
  CHECK(stats.failed_writes == 0);
  CHECK(stats.batches <= stats.writes);
  CHECK(stats.queued == 0);

  const auto published = publisher.events();
  REQUIRE(published.size() == static_cast<std::size_t>(threads * writes_each));
  CHECK(publisher.all_committed());
  CHECK(std::is_sorted(published.begin(), published.end(),
                       [](const DomainEvent& x, const DomainEvent& y) { return x.id < y.id; }));
  const auto stored = read_tx(*store, [](ports::Transaction& tx) {
    return tx.events().since(tenant, std::nullopt, 0, 10'000);
  });
  REQUIRE(stored);
  CHECK(*stored == published);
}

TEST_CASE("sqlite store: in one batch a failing write rolls back alone, the others commit") {
  TempDatabase db;
  CheckingPublisher publisher;
  auto store = open_store(db.options(), &publisher);
  publisher.attach(store.get());
  const auto before = store->write_stats();

  constexpr int n = 10;
  std::vector<Status> results(n);
  std::vector<std::thread> writers;
  {
    WriterGate gate(*store);
    for (int i = 0; i < n; ++i) {
      writers.emplace_back([&, i] {
        const auto id = "b-" + std::to_string(i);
        results[static_cast<std::size_t>(i)] = store->write([&](ports::Transaction& tx) -> Status {
          if (auto ok = insert_with_event(tx, id); !ok) return ok;
          if (i == 3) return fail(ErrorCode::validation_error, "item 3 refuses", "title");
          if (i == 6) throw std::runtime_error("item 6 throws");
          return {};
        });
      });
    }
    gate.wait_for_queued(n);
    REQUIRE(gate.finish());
    for (auto& w : writers) w.join();
  }

  // The gate's batch, then one batch for all ten.
  const auto after = store->write_stats();
  CHECK(after.batches - before.batches == 2);
  CHECK(after.writes - before.writes == n + 1);
  CHECK(after.failed_writes - before.failed_writes == 2);

  for (int i = 0; i < n; ++i) {
    INFO("item " << i);
    const auto& r = results[static_cast<std::size_t>(i)];
    const auto id = "b-" + std::to_string(i);
    if (i == 3) {
      REQUIRE_FALSE(r);
      CHECK(r.error() == Error{ErrorCode::validation_error, "item 3 refuses", "title"});
      CHECK_FALSE(goal_exists(*store, id));
    } else if (i == 6) {
      REQUIRE_FALSE(r);
      CHECK(r.error().code == ErrorCode::internal);
      CHECK_THAT(r.error().message, Catch::Contains("item 6 throws"));
      CHECK_FALSE(goal_exists(*store, id));
    } else {
      CHECK(r);
      CHECK(goal_exists(*store, id));
    }
  }

  // Events: one per committed item, each already committed when published; none for the
  // two that rolled back.
  const auto published = publisher.events();
  CHECK(published.size() == static_cast<std::size_t>(n - 2));
  CHECK(publisher.all_committed());
  for (const auto& e : published) {
    CHECK(e.goal_id != "b-3");
    CHECK(e.goal_id != "b-6");
  }
  const auto stored = read_tx(*store, [](ports::Transaction& tx) {
    return tx.events().since(tenant, std::nullopt, 0, 100);
  });
  REQUIRE(stored);
  CHECK(*stored == published);
}

TEST_CASE("sqlite store: max_batch bounds how many writes share a transaction; a batch's events go out together") {
  TempDatabase db;
  CheckingPublisher publisher;
  auto options = db.options();
  options.max_batch = 3;
  auto store = open_store(options, &publisher);
  publisher.attach(store.get());
  const auto before = store->write_stats();
  constexpr int n = 7;
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  {
    WriterGate gate(*store);
    for (int i = 0; i < n; ++i) {
      writers.emplace_back([&, i] {
        const auto id = "m-" + std::to_string(i);
        if (!store->write([&](ports::Transaction& tx) { return insert_with_event(tx, id); })) {
          ++failures;
        }
      });
    }
    gate.wait_for_queued(n);
    REQUIRE(gate.finish());
    for (auto& w : writers) w.join();
  }
  CHECK(failures.load() == 0);
  const auto after = store->write_stats();
  CHECK(after.batches - before.batches == 1 + 3);  // the gate, then 3 + 3 + 1
  CHECK(after.writes - before.writes == n + 1);
  // Each batch's events in one call, in commit order (the gate's write has none).
  CHECK(publisher.handed_over() == std::vector<std::size_t>{3, 3, 1});
  const auto published = publisher.events();
  CHECK(published.size() == n);
  CHECK(publisher.all_committed());
  CHECK(std::is_sorted(published.begin(), published.end(),
                       [](const DomainEvent& x, const DomainEvent& y) { return x.id < y.id; }));
}

TEST_CASE("sqlite store: a COMMIT that fails fails every write of its batch") {
  TempDatabase db;
  add_deferred_foreign_key(db);
  CheckingPublisher publisher;
  auto store = open_store(db.options(), &publisher);
  const auto before = store->write_stats();

  std::vector<Status> results(3);
  std::vector<std::thread> writers;
  {
    WriterGate gate(*store);
    for (int i = 0; i < 3; ++i) {
      writers.emplace_back([&, i] {
        results[static_cast<std::size_t>(i)] = store->write([&](ports::Transaction& tx) -> Status {
          if (auto ok = insert_with_event(tx, "c-" + std::to_string(i)); !ok) return ok;
          if (i == 1) violate_deferred_foreign_key(tx);
          return {};
        });
      });
    }
    gate.wait_for_queued(3);
    REQUIRE(gate.finish());
    for (auto& w : writers) w.join();
  }
  CHECK(store->write_stats().batches - before.batches == 2);
  for (int i = 0; i < 3; ++i) {
    INFO("item " << i);
    const auto& r = results[static_cast<std::size_t>(i)];
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::internal);
    CHECK_THAT(r.error().message, Catch::Contains("FOREIGN KEY"));
    CHECK_FALSE(goal_exists(*store, "c-" + std::to_string(i)));
  }
  CHECK(publisher.events().empty());
  CHECK(goal_exists(*store, "gate"));

  // The writer goes on working.
  REQUIRE(store->write([](ports::Transaction& tx) { return insert_with_event(tx, "after"); }));
  CHECK(goal_exists(*store, "after"));
  CHECK(publisher.events().size() == 1);
}

TEST_CASE("sqlite store: write() or read() inside a write fails instead of deadlocking") {
  TempDatabase db;
  auto store = open_store(db.options());
  Status inner_write;
  Status inner_read;
  REQUIRE(store->write([&](ports::Transaction&) -> Status {
    inner_write = store->write([](ports::Transaction&) -> Status { return {}; });
    inner_read = store->read([](ports::Transaction&) -> Status { return {}; });
    return {};
  }));
  REQUIRE_FALSE(inner_write);
  CHECK(inner_write.error().code == ErrorCode::internal);
  REQUIRE_FALSE(inner_read);
  CHECK(inner_read.error().code == ErrorCode::internal);
  // A JobLock call is a write too.
  Result<bool> inner_lock = false;
  REQUIRE(store->write([&](ports::Transaction&) -> Status {
    inner_lock = store->job_lock().try_acquire("job", "me", std::chrono::seconds(1), test_time());
    return {};
  }));
  CHECK_FALSE(inner_lock);
}

// A publisher that tries to write from inside publish().
class WritingPublisher final : public ports::EventPublisher {
 public:
  ports::Store* store = nullptr;
  Status inner = {};
  int calls = 0;
  void publish(const DomainEvent&) noexcept override {
    ++calls;
    inner = store->write([](ports::Transaction&) -> Status { return {}; });
  }
};

TEST_CASE("sqlite store: write() from the event publisher fails instead of deadlocking") {
  TempDatabase db;
  WritingPublisher publisher;
  auto store = open_store(db.options(), &publisher);
  publisher.store = store.get();
  REQUIRE(store->write([](ports::Transaction& tx) { return insert_with_event(tx, "p-1"); }));
  CHECK(publisher.calls == 1);
  REQUIRE_FALSE(publisher.inner);
  CHECK(publisher.inner.error().code == ErrorCode::internal);
}

}  // namespace
}  // namespace traction::sqlite::test

namespace traction::sqlite::test {
namespace {

std::vector<std::string> found_by(ports::Store& store, const std::string& phrase) {
  GoalQuery query;
  query.page = {1, 100};
  query.search = phrase;
  auto page = read_tx(store, [&](ports::Transaction& tx) { return tx.goals().list(tenant, query); });
  REQUIRE(page);
  std::vector<std::string> ids;
  for (const auto& goal : page->items) ids.push_back(goal.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

Status rename(ports::Transaction& tx, const std::string& id, const std::string& title) {
  auto goal = tx.goals().find(tenant, id);
  if (!goal) return std::unexpected(goal.error());
  if (!*goal) return fail(ErrorCode::not_found, "no goal " + id);
  (*goal)->title = title;
  return tx.goals().update(**goal);
}

}  // namespace

TEST_CASE("sqlite store: search follows every change of a batch once it commits") {
  TempDatabase db;
  auto store = open_store(db.options());
  REQUIRE(store->write([](ports::Transaction& tx) -> Status {
    for (const auto& [id, title] : {std::pair{"renamed", "Original wording"}, {"twice", "First wording"},
                                    {"kept", "Kept wording"}}) {
      auto goal = test_goal(tenant, id);
      goal.title = title;
      if (auto ok = tx.goals().insert(goal); !ok) return ok;
    }
    return {};
  }));

  std::vector<std::function<Status(ports::Transaction&)>> items{
      [](ports::Transaction& tx) -> Status {
        auto goal = test_goal(tenant, "created");
        goal.title = "Brand new wording";
        return tx.goals().insert(goal);
      },
      [](ports::Transaction& tx) -> Status {
        auto goal = test_goal(tenant, "created-renamed");
        goal.title = "Short-lived wording";
        if (auto ok = tx.goals().insert(goal); !ok) return ok;
        return rename(tx, "created-renamed", "Settled wording");
      },
      [](ports::Transaction& tx) { return rename(tx, "renamed", "Replacement wording"); },
      [](ports::Transaction& tx) { return rename(tx, "twice", "Second wording"); },
      [](ports::Transaction& tx) { return rename(tx, "twice", "Third wording"); },
      [](ports::Transaction& tx) -> Status {
        if (auto ok = rename(tx, "kept", "Lost wording"); !ok) return ok;
        return fail(ErrorCode::validation_error, "refused", "title");  // rolls back alone
      },
  };
  std::vector<Status> results(items.size());
  {
    WriterGate gate(*store);
    std::vector<std::thread> writers;
    for (std::size_t i = 0; i < items.size(); ++i) {
      writers.emplace_back([&, i] {
        results[i] = store->write([&](ports::Transaction& tx) { return items[i](tx); });
      });
      gate.wait_for_queued(i + 1);  // queued in this order: the items run in this order
    }
    REQUIRE(gate.finish());
    for (auto& w : writers) w.join();
  }
  for (std::size_t i = 0; i + 1 < results.size(); ++i) CHECK(results[i]);
  CHECK_FALSE(results.back());

  using ids = std::vector<std::string>;
  CHECK(found_by(*store, "brand new") == ids{"created"});
  CHECK(found_by(*store, "short-lived").empty());
  CHECK(found_by(*store, "settled") == ids{"created-renamed"});
  CHECK(found_by(*store, "original").empty());
  CHECK(found_by(*store, "replacement") == ids{"renamed"});
  CHECK(found_by(*store, "first").empty());
  CHECK(found_by(*store, "second").empty());
  CHECK(found_by(*store, "third") == ids{"twice"});
  CHECK(found_by(*store, "lost").empty());
  CHECK(found_by(*store, "kept") == ids{"kept"});
  CHECK(found_by(*store, "wording").size() == 5);

  // The index holds exactly what the rows say, and nothing is left pending.
  SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE);
  CHECK_NOTHROW(raw.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')"));
  CHECK(raw.execAndGet("SELECT count(*) FROM fts_pending").getInt() == 0);

  // A row removed outside the store (the delete trigger) leaves the index at the next write.
  raw.exec("DELETE FROM goals WHERE id = 'kept'");
  REQUIRE(store->write([](ports::Transaction& tx) { return tx.goals().insert(test_goal(tenant, "later")); }));
  CHECK(found_by(*store, "kept").empty());
  CHECK_NOTHROW(raw.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')"));
}

TEST_CASE("sqlite store: a write batch commits once, after its last unit, then publishes") {
  TempDatabase db;
  CheckingPublisher publisher;
  auto store = open_store(db.options(), &publisher);
  publisher.attach(store.get());
  const auto before = store->write_stats();
  bool seen_elsewhere = true;
  std::size_t published_meanwhile = 99;

  const auto batch = store->write_batch(2, [&](std::size_t i) {
    if (i == 0) {
      REQUIRE(store->write([](ports::Transaction& tx) { return insert_with_event(tx, "w-0"); }));
      return;
    }
    // Not committed yet: another thread's read does not see it, nothing is published.
    std::thread reader([&] { seen_elsewhere = goal_exists(*store, "w-0"); });
    reader.join();
    published_meanwhile = publisher.events().size();
    REQUIRE(store->write([](ports::Transaction& tx) { return insert_with_event(tx, "w-1"); }));
  });

  REQUIRE(batch);
  CHECK_FALSE(seen_elsewhere);
  CHECK(published_meanwhile == 0);
  CHECK(goal_exists(*store, "w-0"));
  CHECK(goal_exists(*store, "w-1"));
  REQUIRE(publisher.events().size() == 2);
  CHECK(publisher.handed_over() == std::vector<std::size_t>{2});
  CHECK(publisher.all_committed());
  const auto after = store->write_stats();
  CHECK(after.batches - before.batches == 1);
  CHECK(after.writes - before.writes == 2);
}

TEST_CASE("sqlite store: a write batch whose COMMIT fails lands nothing and says so") {
  TempDatabase db;
  add_deferred_foreign_key(db);
  CheckingPublisher publisher;
  auto store = open_store(db.options(), &publisher);
  std::vector<Status> writes(2);
  const auto batch = store->write_batch(2, [&](std::size_t i) {
    writes[i] = store->write([&](ports::Transaction& tx) -> Status {
      if (auto ok = insert_with_event(tx, "f-" + std::to_string(i)); !ok) return ok;
      if (i == 1) violate_deferred_foreign_key(tx);
      return {};
    });
  });
  // Each write succeeded provisionally; the batch did not land.
  CHECK(writes[0]);
  CHECK(writes[1]);
  REQUIRE_FALSE(batch);
  CHECK(batch.error().code == ErrorCode::internal);
  CHECK_THAT(batch.error().message, Catch::Contains("FOREIGN KEY"));
  CHECK_FALSE(goal_exists(*store, "f-0"));
  CHECK_FALSE(goal_exists(*store, "f-1"));
  CHECK(publisher.events().empty());
  // The writer goes on working, in batches and alone.
  REQUIRE(store->write_batch(1, [&](std::size_t) {
    REQUIRE(store->write([](ports::Transaction& tx) { return insert_with_event(tx, "f-later"); }));
  }));
  REQUIRE(store->write([](ports::Transaction& tx) { return insert_with_event(tx, "f-alone"); }));
  CHECK(goal_exists(*store, "f-later"));
  CHECK(publisher.events().size() == 2);
}

TEST_CASE("sqlite store: a write batch that cannot begin fails each of its writes") {
  TempDatabase db;
  auto options = db.options();
  options.busy_timeout = std::chrono::milliseconds{20};
  auto store = open_store(options);
  // Another process holds the database's write lock.
  SQLite::Database other(db.path(), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  std::vector<Status> writes(2);
  Status read;
  const auto batch = store->write_batch(2, [&](std::size_t i) {
    if (i == 1) read = store->read([](ports::Transaction&) -> Status { return {}; });
    writes[i] = store->write([&](ports::Transaction& tx) { return insert_with_event(tx, "l-" + std::to_string(i)); });
  });
  REQUIRE_FALSE(batch);
  CHECK(has_error(writes[0], batch.error()));
  CHECK(has_error(writes[1], batch.error()));
  CHECK(has_error(read, batch.error()));
  other.exec("ROLLBACK");
  CHECK_FALSE(goal_exists(*store, "l-0"));
  REQUIRE(store->write_batch(1, [&](std::size_t) {
    REQUIRE(store->write([](ports::Transaction& tx) { return insert_with_event(tx, "l-later"); }));
  }));
  CHECK(goal_exists(*store, "l-later"));
}

TEST_CASE("sqlite store: a write batch inside a write, a batch or a read fails instead of deadlocking") {
  TempDatabase db;
  auto store = open_store(db.options());
  const auto unit = [](std::size_t) {};
  Status in_write;
  REQUIRE(store->write([&](ports::Transaction&) -> Status {
    in_write = store->write_batch(1, unit);
    return {};
  }));
  CHECK(has_code(in_write, ErrorCode::internal));

  Status in_batch;
  Status write_in_read;
  REQUIRE(store->write_batch(1, [&](std::size_t) {
    in_batch = store->write_batch(1, unit);
    REQUIRE(store->read([&](ports::Transaction&) -> Status {
      write_in_read = store->write([](ports::Transaction&) -> Status { return {}; });
      return {};
    }));
  }));
  CHECK(has_code(in_batch, ErrorCode::internal));
  CHECK(has_code(write_in_read, ErrorCode::internal));
}

}  // namespace traction::sqlite::test
