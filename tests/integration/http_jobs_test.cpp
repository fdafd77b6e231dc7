// 002's background jobs: the daily snapshot and the periodic recalculation take the store's
// JobLock, so two processes on one database never run a job at once (and the snapshot runs
// once a UTC day unless forced); when they run (job_schedule.hpp); and
// `tractiond jobs run snapshot|recalculate [--force] --db PATH`.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <latch>
#include <memory>
#include <thread>

#include "http_intelligence_support.hpp"
#include "traction/app/job_schedule.hpp"
#include "traction/app/job_service.hpp"
#include "traction/sqlite/sqlite_store.hpp"
#include "traction/system/uuid_generator.hpp"

using namespace traction;
using namespace traction::test;
using namespace std::chrono_literals;

namespace {

Timestamp at(const char* text) { return *parse_timestamp(text); }

// A clock the test sets. When gated, its second and later calls first tell the test that
// the caller got there (parked) and then wait until the test opens the gate: that is how a
// test parks one job at a chosen step. Both waits are bounded, so that a regression fails
// the test instead of hanging it.
class TestClock final : public ports::Clock {
 public:
  explicit TestClock(Timestamp now) : now_(now.time_since_epoch().count()) {}
  [[nodiscard]] Timestamp now() const override {
    const auto call = ++calls_;
    if (gate_.valid() && call >= 2) {
      if (call == 2) parked_.set_value();
      (void)gate_.wait_for(30s);
    }
    return Timestamp{std::chrono::milliseconds{now_.load()}};
  }
  void set(Timestamp t) { now_ = t.time_since_epoch().count(); }
  // Gates the clock; the returned future is ready once a caller parked.
  std::future<void> gate(std::shared_future<void> open) {
    gate_ = std::move(open);
    return parked_.get_future();
  }

 private:
  std::atomic<std::int64_t> now_;
  mutable std::atomic<int> calls_{0};
  std::shared_future<void> gate_;
  mutable std::promise<void> parked_;
};

// A second connection to the server's database, as another process would have.
std::unique_ptr<sqlite::SqliteStore> open_store(TestServer& server) {
  sqlite::SqliteOptions options;
  options.path = server.app().config().db;
  options.synchronous = sqlite::Synchronous::normal;
  auto store = sqlite::SqliteStore::open(options);
  if (!store) throw std::runtime_error("cannot open the store: " + store.error().message);
  return std::move(*store);
}

// One "process" running jobs: its own store connection, clock and holder name.
struct JobProcess {
  JobProcess(TestServer& server, std::string holder, Timestamp now)
      : store(open_store(server)), clock(now), jobs(Dependencies{*store, clock, ids, Settings{}}, std::move(holder)) {}
  std::unique_ptr<sqlite::SqliteStore> store;
  TestClock clock;
  system::UuidGenerator ids;
  JobService jobs;
};

// The daily snapshots of a goal.
std::size_t daily_snapshots(ports::Store& store, const std::string& tenant, const std::string& goal) {
  std::size_t n = 0;
  auto read = store.read([&](ports::Transaction& tx) -> Status {
    auto list = tx.snapshots().list(tenant, goal, std::nullopt, std::nullopt);
    if (!list) return std::unexpected(list.error());
    for (const auto& s : *list) n += s.source == SnapshotSource::daily ? 1 : 0;
    return {};
  });
  if (!read) throw std::runtime_error(read.error().message);
  return n;
}

// Open goals (draft, active, paused) and closed ones (completed, cancelled) over HTTP.
struct Goals {
  std::vector<std::string> open, closed;
};

Goals make_goals(Api& c) {
  Goals g;
  g.open.push_back(new_goal(c, "Draft"));
  g.open.push_back(new_goal(c, "Active", {{"status", "active"}, {"progress", 30}}));
  const auto paused = new_goal(c, "Paused", {{"status", "active"}});
  REQUIRE(c.post_empty("/goals/" + paused + ":pause").status == 200);
  g.open.push_back(paused);
  const auto done = new_goal(c, "Done", {{"status", "active"}});
  REQUIRE(c.post("/goals/" + done + ":close", json::object{{"finalStatus", "completed"}}).status == 200);
  g.closed.push_back(done);
  const auto dropped = new_goal(c, "Dropped");
  REQUIRE(c.post("/goals/" + dropped + ":close", json::object{{"finalStatus", "cancelled"}}).status == 200);
  g.closed.push_back(dropped);
  return g;
}

}  // namespace

TEST_CASE("two job processes racing on one database: exactly one runs the snapshot", "[intelligence][jobs]") {
  TestServer server;
  Api acme{server, "acme"};
  Api globex{server, "globex"};
  const auto goals = make_goals(acme);
  const auto foreign = new_goal(globex, "Foreign");

  const auto day0 = at("2031-03-01T00:30:00Z");
  JobProcess a{server, "host-a:1", day0};
  JobProcess b{server, "host-b:2", day0};

  constexpr int days = 4;
  for (int day = 1; day <= days; ++day) {
    INFO("day " << day);
    const auto now = day0 + std::chrono::days{day};
    a.clock.set(now);
    b.clock.set(now);
    std::latch start{2};
    Result<JobReport> ra = fail(ErrorCode::internal, "not run");
    Result<JobReport> rb = ra;
    std::thread ta([&] {
      start.arrive_and_wait();
      ra = a.jobs.run_snapshot();
    });
    std::thread tb([&] {
      start.arrive_and_wait();
      rb = b.jobs.run_snapshot();
    });
    ta.join();
    tb.join();
    REQUIRE(ra.has_value());
    REQUIRE(rb.has_value());
    CHECK(ra->ran != rb->ran);
    const auto& ran = ra->ran ? *ra : *rb;
    const auto& skipped = ra->ran ? *rb : *ra;
    CHECK(ran.job == snapshot_job_name);
    CHECK(ran.goals == goals.open.size() + 1);  // every tenant's open goals
    CHECK(ran.changed == goals.open.size() + 1);
    CHECK_FALSE(skipped.skipped_because.empty());
    CHECK(skipped.goals == 0);

    // One daily snapshot per open goal per day, none for a closed goal.
    for (const auto& id : goals.open) CHECK(daily_snapshots(server.app().store(), "acme", id) == static_cast<std::size_t>(day));
    for (const auto& id : goals.closed) CHECK(daily_snapshots(server.app().store(), "acme", id) == 0);
    CHECK(daily_snapshots(server.app().store(), "globex", foreign) == static_cast<std::size_t>(day));
  }
}

TEST_CASE("a job process that passed the daily check while another ran does not run again", "[intelligence][jobs]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto goals = make_goals(acme);
  const auto now = at("2031-05-10T00:05:00Z");
  JobProcess first{server, "host-a:1", now};
  JobProcess late{server, "host-b:2", now};

  // `late` reads the clock once (today) and checks for today's run, then parks at its next
  // clock read (taking the lock) until `first` has run the whole job: it has seen no run
  // today, and the lock is free again when it goes on.
  std::promise<void> first_done;
  auto parked = late.clock.gate(first_done.get_future().share());
  auto late_run = std::async(std::launch::async, [&] { return late.jobs.run_snapshot(); });
  REQUIRE(parked.wait_for(30s) == std::future_status::ready);
  const auto ran = first.jobs.run_snapshot();
  first_done.set_value();
  const auto second = late_run.get();

  REQUIRE(ran.has_value());
  REQUIRE(second.has_value());
  CHECK(ran->ran);
  CHECK_FALSE(second->ran);
  CHECK(second->skipped_because == "it already ran today");
  for (const auto& id : goals.open) CHECK(daily_snapshots(server.app().store(), "acme", id) == 1);
}

TEST_CASE("a held job lock makes a job skip; an expired one is taken over", "[intelligence][jobs]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto goals = make_goals(acme);
  const auto now = at("2031-06-01T12:00:00Z");
  JobProcess process{server, "host-a:1", now};
  auto& lock = server.app().store().job_lock();

  for (const auto job : {snapshot_job_name, recalculate_job_name}) {
    INFO(job);
    REQUIRE(lock.try_acquire(job, "other-host:9", 10min, now) == true);
    const auto skipped = job == snapshot_job_name ? process.jobs.run_snapshot() : process.jobs.run_recalculate();
    REQUIRE(skipped.has_value());
    CHECK_FALSE(skipped->ran);
    CHECK(skipped->skipped_because == "another process is running it");
    REQUIRE(lock.release(job, "other-host:9").has_value());
  }
  for (const auto& id : goals.open) CHECK(daily_snapshots(server.app().store(), "acme", id) == 0);

  // A holder that died: its lease ran out a minute ago.
  REQUIRE(lock.try_acquire(snapshot_job_name, "crashed-host:3", 1min, now - 2min) == true);
  const auto taken = process.jobs.run_snapshot();
  REQUIRE(taken.has_value());
  CHECK(taken->ran);
  for (const auto& id : goals.open) CHECK(daily_snapshots(server.app().store(), "acme", id) == 1);
  // The job gave its lease up: another holder gets it at once.
  CHECK(lock.try_acquire(snapshot_job_name, "other-host:9", 10min, now) == true);

  // The recalculation runs over every open goal; nothing drifted, so nothing changed.
  const auto recalculated = process.jobs.run_recalculate();
  REQUIRE(recalculated.has_value());
  CHECK(recalculated->ran);
  CHECK(recalculated->goals == goals.open.size());
  CHECK(recalculated->changed == 0);
}

TEST_CASE("the periodic recalculation puts drifted roll-ups right", "[intelligence][jobs]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto parent = new_goal(acme, "Parent", {{"status", "active"}});
  new_goal(acme, "Child 1", {{"parentId", parent}, {"progress", 20}});
  new_goal(acme, "Child 2", {{"parentId", parent}, {"progress", 60}});
  const auto manual = new_goal(acme, "Manual", {{"progress", 5}});
  REQUIRE(acme.post("/goals/" + manual + "/manual-adjustment",
                    json::object{{"progress", 70}, {"justification", "Agreed with finance"}})
              .status == 200);
  REQUIRE(progress_of(acme, parent) == Approx(40));
  // The roll-up's running sum drifted (say, a lost update): 2 children, sum 150, 75 %.
  tamper_goal(server, "acme", parent, [](Goal& g) {
    g.children_progress_sum = 150;
    g.progress = 75;
  });
  const auto audits = audit_entries(acme, parent, "progress_changed").size();
  JobProcess process{server, "host-a:1", at("2031-06-02T00:15:00Z")};
  const auto report = process.jobs.run_recalculate();
  REQUIRE(report.has_value());
  CHECK(report->ran);
  CHECK(report->goals == 4);    // every open goal
  CHECK(report->changed == 1);  // only the drifted one; the manual goal is not recalculated
  CHECK(progress_of(acme, parent) == Approx((20.0 + 60.0) / 2));
  CHECK(progress_of(acme, manual) == 70);
  const auto entries = audit_entries(acme, parent, "progress_changed");
  REQUIRE(entries.size() == audits + 1);
  CHECK(entries.front().at("userId") == "system");
  CHECK(entries.front().at("reason") == "periodic recalculation");
  // Nothing drifts any more.
  CHECK(process.jobs.run_recalculate()->changed == 0);
}

TEST_CASE("next_daily_run and next_periodic_run", "[intelligence][jobs][schedule]") {
  using app::next_daily_run;
  using app::next_periodic_run;
  // Daily at 02:30 UTC: later today, else tomorrow; exactly at the time counts as passed.
  CHECK(next_daily_run(at("2025-03-10T01:00:00Z"), 150min) == at("2025-03-10T02:30:00Z"));
  CHECK(next_daily_run(at("2025-03-10T02:30:00Z"), 150min) == at("2025-03-11T02:30:00Z"));
  CHECK(next_daily_run(at("2025-03-10T02:30:00.001Z"), 150min) == at("2025-03-11T02:30:00Z"));
  CHECK(next_daily_run(at("2025-03-10T23:59:59Z"), 0min) == at("2025-03-11T00:00:00Z"));
  CHECK(next_daily_run(at("2025-03-10T00:00:00Z"), 0min) == at("2025-03-11T00:00:00Z"));
  CHECK(next_daily_run(at("2024-12-31T23:00:00Z"), 23h + 59min) == at("2024-12-31T23:59:00Z"));
  CHECK(next_daily_run(at("2024-02-28T12:00:00Z"), 60min) == at("2024-02-29T01:00:00Z"));  // leap day

  // Every 15 minutes since 10:00: the first tick strictly after now.
  const auto since = at("2025-03-10T10:00:00Z");
  CHECK(next_periodic_run(since, since, 15min) == at("2025-03-10T10:15:00Z"));
  CHECK(next_periodic_run(since, at("2025-03-10T10:14:59.999Z"), 15min) == at("2025-03-10T10:15:00Z"));
  CHECK(next_periodic_run(since, at("2025-03-10T10:15:00Z"), 15min) == at("2025-03-10T10:30:00Z"));
  CHECK(next_periodic_run(since, at("2025-03-10T13:07:00Z"), 15min) == at("2025-03-10T13:15:00Z"));
  CHECK(next_periodic_run(since, at("2025-03-12T10:00:00Z"), 15min) == at("2025-03-12T10:15:00Z"));
  CHECK(next_periodic_run(since, at("2025-03-10T09:00:00Z"), 15min) == at("2025-03-10T10:15:00Z"));
  // Always strictly after now, never more than one period ahead (when now is past `since`).
  for (int minute = 0; minute < 200; minute += 7) {
    const auto now = since + std::chrono::minutes{minute} + 123ms;
    const auto next = next_periodic_run(since, now, 15min);
    CHECK(next > now);
    CHECK(next - now <= 15min);
    CHECK((next - since) % 15min == 0ms);
  }
}

#if defined(TRACTION_TRACTIOND_BINARY)

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

// Runs the tractiond binary with these arguments (stderr joined to stdout).
Run tractiond(const std::string& args) {
  const std::string command = std::string("'") + TRACTION_TRACTIOND_BINARY + "' " + args + " 2>&1";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe)) run.out += buffer.data();
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::size_t daily_over_http(Api& c, const std::string& id) {
  std::size_t n = 0;
  const auto history = data_of(c.get("/api/goals/" + id + "/progress-history"));
  for (const auto& s : history.as_array()) {
    if (s.at("source") == "daily") ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("tractiond jobs run snapshot writes one snapshot per open goal, once a day", "[intelligence][jobs][tractiond]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto goals = make_goals(acme);
  const std::string db = "--db '" + server.app().config().db + "'";
  const auto open = std::to_string(goals.open.size());

  auto run = tractiond("jobs run snapshot " + db);
  INFO(run.out);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "goal-snapshot: ran, " + open + " goals looked at, " + open + " changed\n");
  for (const auto& id : goals.open) CHECK(daily_over_http(acme, id) == 1);
  for (const auto& id : goals.closed) CHECK(daily_over_http(acme, id) == 0);
  // Each snapshot holds the goal's progress of the moment.
  const auto active = data_of(acme.get("/goals/" + goals.open[1] + "/progress-history")).as_array();
  CHECK(num(active.back().at("progress")) == 30);
  CHECK(active.back().at("source") == "daily");

  // Again the same day: nothing.
  run = tractiond("jobs run snapshot " + db);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "goal-snapshot: skipped, it already ran today\n");
  for (const auto& id : goals.open) CHECK(daily_over_http(acme, id) == 1);

  // Forced: once more.
  run = tractiond("jobs run snapshot --force " + db);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "goal-snapshot: ran, " + open + " goals looked at, " + open + " changed\n");
  for (const auto& id : goals.open) CHECK(daily_over_http(acme, id) == 2);
  for (const auto& id : goals.closed) CHECK(daily_over_http(acme, id) == 0);

  run = tractiond("jobs run recalculate " + db);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "goal-recalculate: ran, " + open + " goals looked at, 0 changed\n");

  // A bad command line is exit code 2 and writes nothing.
  run = tractiond("jobs run everything " + db);
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("tractiond jobs:") != std::string::npos);
  for (const auto& id : goals.open) CHECK(daily_over_http(acme, id) == 2);
}

#endif

TEST_CASE("run_jobs_command runs a job in-process on the database", "[intelligence][jobs]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto goals = make_goals(acme);
  const std::vector<std::string> args{"run", "snapshot", "--db", server.app().config().db};
  CHECK(app::run_jobs_command(args, {}) == 0);
  for (const auto& id : goals.open) CHECK(daily_snapshots(server.app().store(), "acme", id) == 1);
  CHECK(app::run_jobs_command(args, {}) == 0);
  for (const auto& id : goals.open) CHECK(daily_snapshots(server.app().store(), "acme", id) == 1);
  const std::vector<std::string> bad{"run", "snapshot", "--db"};
  CHECK(app::run_jobs_command(bad, {}) == 2);
}
