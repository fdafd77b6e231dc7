#include "traction/app/job_service.hpp"

#include <fmt/format.h>

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

// Runs `work(chunk)` over every open goal in chunks, renewing the lease between chunks.
template <class Work>
Result<JobReport> over_open_goals(Dependencies& deps, std::string_view job, const std::string& holder,
                                  std::chrono::milliseconds lease, Work&& work) {
  JobReport report{std::string(job), false, {}, 0, 0};
  auto acquired = deps.store.job_lock().try_acquire(job, holder, lease, deps.clock.now());
  if (!acquired) return fail(acquired.error());
  if (!*acquired) {
    report.skipped_because = "another process is running it";
    return report;
  }
  auto keys = read_tx(deps.store, [](ports::Transaction& tx) { return tx.goals().open_goals(); });
  Result<JobReport> result = report;
  if (!keys) {
    result = fail(keys.error());
  } else {
    report.ran = true;
    const std::span<const ports::GoalKey> all(*keys);
    for (std::size_t start = 0; start < all.size() && result; start += chunk_size) {
      const auto chunk = all.subspan(start, std::min(chunk_size, all.size() - start));
      auto changed = work(chunk);
      if (!changed) {
        result = fail(changed.error());
        break;
      }
      report.goals += chunk.size();
      report.changed += *changed;
      auto renewed = deps.store.job_lock().try_acquire(job, holder, lease, deps.clock.now());
      if (!renewed || !*renewed) {
        result = fail(ErrorCode::unavailable, fmt::format("job {} lost its lock", job));
      }
    }
    if (result) result = report;
  }
  (void)deps.store.job_lock().release(job, holder);
  return result;
}

}  // namespace

Result<JobReport> JobService::run_snapshot(bool force) {
  const auto today = date_of(deps_.clock.now());
  if (!force) {
    auto last = read_tx(deps_.store, [&](ports::Transaction& tx) {
      return tx.metrics().latest_on_or_before(system_tenant, snapshot_job_name, today);
    });
    if (!last) return fail(last.error());
    if (*last && (*last)->first == today) {
      return JobReport{std::string(snapshot_job_name), false, "it already ran today", 0, 0};
    }
  }
  std::set<std::string> tenants;
  auto report = over_open_goals(deps_, snapshot_job_name, holder_, lease_, [&](auto chunk) -> Result<std::size_t> {
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
  if (!report || !report->ran) return report;
  // Each tenant's scores of the day, for the analytics trends.
  AnalyticsService analytics(deps_);
  for (const auto& tenant : tenants) {
    if (auto s = analytics.record_daily_scores(tenant); !s) return fail(s.error());
  }
  auto recorded = write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<bool> {
    if (auto s = tx.metrics().record(system_tenant, snapshot_job_name, today,
                                     static_cast<double>(report->changed));
        !s) {
      return fail(s.error());
    }
    return true;
  });
  if (!recorded) return fail(recorded.error());
  return report;
}

Result<JobReport> JobService::run_recalculate() {
  return over_open_goals(deps_, recalculate_job_name, holder_, lease_, [&](auto chunk) -> Result<std::size_t> {
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
}

}  // namespace traction
