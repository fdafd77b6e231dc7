#include <catch2/catch.hpp>

#include "harness.hpp"
#include "traction/app/job_service.hpp"

using namespace traction;
using namespace traction::test;

TEST_CASE("the snapshot job snapshots every open goal once a day") {
  Harness h;
  auto open = h.goal("open");
  auto done = h.goal("done");
  REQUIRE(h.services.goals.close(admin(), done.goal.id, FinalStatus::cancelled, std::nullopt));
  h.goal("other tenant's", std::nullopt, std::nullopt, admin("globex"));
  JobService jobs(h.deps, "runner-1");
  auto report = jobs.run_snapshot();
  REQUIRE(report);
  CHECK(report->ran);
  CHECK(report->changed == 2);  // the open goal of each tenant
  auto again = jobs.run_snapshot();
  REQUIRE(again);
  CHECK_FALSE(again->ran);
  auto history = h.services.progress.history(admin(), open.goal.id, std::nullopt, std::nullopt);
  REQUIRE(history);
  CHECK(std::count_if(history->begin(), history->end(),
                      [](const ProgressSnapshot& s) { return s.source == SnapshotSource::daily; }) == 1);
}

TEST_CASE("two job runners racing for the lock: exactly one runs") {
  Harness h;
  h.goal();
  JobService first(h.deps, "runner-1");
  JobService second(h.deps, "runner-2");
  // runner-1 is mid-run: it holds the lease.
  REQUIRE(*h.store.job_lock().try_acquire(recalculate_job_name, "runner-1", std::chrono::minutes(10), h.clock.now()));
  auto blocked = second.run_recalculate();
  REQUIRE(blocked);
  CHECK_FALSE(blocked->ran);
  // runner-1 finishing releases it; a crashed holder's lease expires.
  REQUIRE(h.store.job_lock().release(recalculate_job_name, "runner-1"));
  CHECK(second.run_recalculate()->ran);
  REQUIRE(*h.store.job_lock().try_acquire(recalculate_job_name, "crashed", std::chrono::minutes(10), h.clock.now()));
  CHECK_FALSE(first.run_recalculate()->ran);
  h.clock.advance(std::chrono::minutes(11));
  CHECK(first.run_recalculate()->ran);
}
