#include "traction/app/job_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <span>

#include "traction/app/analytics_service.hpp"

#include "write_scope.hpp"

namespace traction {
namespace {

using detail::Scope;

constexpr std::size_t chunk_size = 500;  // goals per write transaction
constexpr std::string_view system_tenant = "_system";

AuthContext system_actor(std::string tenant) { return {std::move(tenant), "system", "Traction", Role::admin}; }

// Runs `body(report)` while this holder holds the job's lease, and gives the lease up
// afterwards; when another holder has it, the job is skipped. Everything that decides or
// records whether the job ran happens inside `body`, so under the lease.
template <class Body>
Result<JobReport> with_lease(Dependencies& deps, std::string_view job, const std::string& holder,
                             std::chrono::milliseconds lease, Body&& body) {
  JobReport report{std::string(job), false, {}, 0, 0};
  auto acquired = deps.store.job_lock().try_acquire(job, holder, lease, deps.clock.now());
  if (!acquired) return fail(acquired.error());
  if (!*acquired) {
    report.skipped_because = "another process is running it";
    return report;
  }
  Result<JobReport> result = body(std::move(report));
  (void)deps.store.job_lock().release(job, holder);
  return result;
}

// Runs `work(chunk)` over every open goal in chunks, renewing the lease between chunks;
// counts into `report` and marks it ran.
template <class Work>
Status over_open_goals(Dependencies& deps, JobReport& report, const std::string& holder,
                       std::chrono::milliseconds lease, Work&& work) {
  auto keys = read_tx(deps.store, [](ports::Transaction& tx) { return tx.goals().open_goals(); });
  if (!keys) return fail(keys.error());
  report.ran = true;
  const std::span<const ports::GoalKey> all(*keys);
  for (std::size_t start = 0; start < all.size(); start += chunk_size) {
    const auto chunk = all.subspan(start, std::min(chunk_size, all.size() - start));
    auto changed = work(chunk);
    if (!changed) return fail(changed.error());
    report.goals += chunk.size();
    report.changed += *changed;
    auto renewed = deps.store.job_lock().try_acquire(report.job, holder, lease, deps.clock.now());
    if (!renewed || !*renewed) return fail(ErrorCode::unavailable, fmt::format("job {} lost its lock", report.job));
  }
  return {};
}

// Did the snapshot job already run on `today`?
Result<bool> snapshot_ran_on(Dependencies& deps, Date today) {
  auto last = read_tx(deps.store, [&](ports::Transaction& tx) {
    return tx.metrics().latest_on_or_before(system_tenant, snapshot_job_name, today);
  });
  if (!last) return fail(last.error());
  return *last && (*last)->first == today;
}

}  // namespace

Result<JobReport> JobService::run_snapshot(bool force) {
  const auto today = date_of(deps_.clock.now());
  const auto already_ran = [] {
    return JobReport{std::string(snapshot_job_name), false, "it already ran today", 0, 0};
  };
  // A cheap look first; the look that counts is the one under the lease (another process
  // may finish today's run between this one and taking the lease).
  if (!force) {
    auto ran = snapshot_ran_on(deps_, today);
    if (!ran) return fail(ran.error());
    if (*ran) return already_ran();
  }
  return with_lease(deps_, snapshot_job_name, holder_, lease_, [&](JobReport report) -> Result<JobReport> {
    if (!force) {
      auto ran = snapshot_ran_on(deps_, today);
      if (!ran) return fail(ran.error());
      if (*ran) return already_ran();
    }
    std::set<std::string> tenants;
    auto done = over_open_goals(deps_, report, holder_, lease_, [&](auto chunk) -> Result<std::size_t> {
      return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<std::size_t> {
        std::size_t written = 0;
        const auto now = deps_.clock.now();
        for (const auto& key : chunk) {
          tenants.insert(key.tenant);
          auto goal = tx.goals().find(key.tenant, key.id);
          if (!goal) return fail(goal.error());
          if (!*goal || !is_open((*goal)->status)) continue;
          auto& g = **goal;
          ProgressSnapshot snapshot{key.tenant, key.id, now, g.progress, SnapshotSource::daily};
          if (auto s = tx.snapshots().append(snapshot); !s) return fail(s.error());
          ++written;
          // Time passing alone can move a goal's forecast (an end date coming closer).
          const auto health_before = g.health;
          auto health = detail::refresh_health(tx, g, now, false);
          if (!health) return fail(health.error());
          if (g.health == health_before) continue;
          if (auto s = tx.goals().update(g); !s) return fail(s.error());
          if (*health) {
            DomainEvent event{0, key.tenant, key.id, now, std::move(**health)};
            if (auto s = tx.events().append(event); !s) return fail(s.error());
          }
        }
        return written;
      });
    });
    if (!done) return fail(done.error());
    // Each tenant's scores of the day, for the analytics trends.
    AnalyticsService analytics(deps_);
    for (const auto& tenant : tenants) {
      if (auto s = analytics.record_daily_scores(tenant); !s) return fail(s.error());
    }
    // Recorded before the lease is given up, so that no other process can start today's
    // run again in between.
    auto recorded = deps_.store.write([&](ports::Transaction& tx) -> Status {
      return tx.metrics().record(system_tenant, snapshot_job_name, today, static_cast<double>(report.changed));
    });
    if (!recorded) return fail(recorded.error());
    return report;
  });
}

Result<JobReport> JobService::run_recalculate() {
  return with_lease(deps_, recalculate_job_name, holder_, lease_, [&](JobReport report) -> Result<JobReport> {
    auto done = over_open_goals(deps_, report, holder_, lease_, [&](auto chunk) -> Result<std::size_t> {
      return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<std::size_t> {
        std::size_t moved = 0;
        for (const auto& key : chunk) {
          auto goal = tx.goals().find(key.tenant, key.id);
          if (!goal) return fail(goal.error());
          if (!*goal || (*goal)->calculation_source != CalculationSource::automatic) continue;
          auto& g = **goal;
          auto children = tx.goals().children(key.tenant, key.id);
          if (!children) return fail(children.error());
          double sum = 0;
          for (const auto& child : *children) sum += child.progress;
          const auto count = static_cast<std::int64_t>(children->size());
          const bool drifted = count != g.children_count || sum != g.children_progress_sum;
          g.children_count = count;
          g.children_progress_sum = sum;
          auto computed = detail::computed_progress(tx, g);
          if (!computed) return fail(computed.error());
          if (!drifted && computed->progress == g.progress && computed->basis == g.progress_basis) continue;
          const auto actor = system_actor(key.tenant);
          Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
          if (auto s = detail::save_goal(scope, g, "periodic recalculation"); !s) return fail(s.error());
          ++moved;
        }
        return moved;
      });
    });
    if (!done) return fail(done.error());
    return report;
  });
}

}  // namespace traction
