#include "traction/app/analytics_service.hpp"

#include <algorithm>
#include <unordered_map>

#include "traction/domain/progress.hpp"
#include "write_scope.hpp"

namespace traction {
namespace {

// The progress of every KPI link of every goal, from one read of the KPIs and their
// latest readings.
Result<std::vector<KpiLinkProgress>> link_progress(ports::Transaction& tx, std::string_view tenant,
                                                   std::span<const Goal> goals) {
  std::vector<std::string> ids;
  for (const auto& goal : goals) {
    for (const auto& link : goal.kpi_links) ids.push_back(link.kpi_id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<KpiLinkProgress> out;
  if (ids.empty()) return out;
  auto kpis = tx.kpis().find_many(tenant, ids);
  if (!kpis) return fail(kpis.error());
  auto readings = tx.kpis().latest_readings(tenant, ids);
  if (!readings) return fail(readings.error());
  for (const auto& goal : goals) {
    for (const auto& view : goal_kpi_views(goal, *kpis, *readings)) {
      out.push_back(KpiLinkProgress{goal.id, view.link.kpi_id, view.progress.value_or(0), view.link.threshold_pct});
    }
  }
  return out;
}

Result<std::optional<ScorePoint>> previous_score(ports::Transaction& tx, std::string_view tenant,
                                                 std::string_view metric, Date today) {
  auto last = tx.metrics().latest_on_or_before(tenant, metric, today - std::chrono::days(1));
  if (!last) return fail(last.error());
  if (!*last) return std::optional<ScorePoint>{};
  return std::optional<ScorePoint>{ScorePoint{(*last)->first, (*last)->second}};
}

Result<PerformanceScore> compute_performance(ports::Transaction& tx, std::string_view tenant, Date today) {
  auto goals = tx.goals().all(tenant);
  if (!goals) return fail(goals.error());
  auto links = link_progress(tx, tenant, *goals);
  if (!links) return fail(links.error());
  auto actions = tx.actions().all(tenant);
  if (!actions) return fail(actions.error());
  auto previous = previous_score(tx, tenant, performance_metric, today);
  if (!previous) return fail(previous.error());
  return performance_score(PerformanceInput{*goals, *links, *actions, today, *previous});
}

Result<TeamAlignment> compute_alignment(ports::Transaction& tx, std::string_view tenant, Date today) {
  auto goals = tx.goals().all(tenant);
  if (!goals) return fail(goals.error());
  auto actions = tx.actions().all(tenant);
  if (!actions) return fail(actions.error());
  auto previous = previous_score(tx, tenant, alignment_metric, today);
  if (!previous) return fail(previous.error());
  return team_alignment(TeamAlignmentInput{*goals, *actions, today, *previous});
}

}  // namespace

Result<GoalStats> AnalyticsService::goal_stats(const AuthContext& actor) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalStats> {
    auto tally = tx.goals().tally(actor.tenant);
    if (!tally) return fail(tally.error());
    return traction::goal_stats(*tally);
  });
}

Result<PerformanceReport> AnalyticsService::performance_score(const AuthContext& actor) {
  const auto now = deps_.clock.now();
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<PerformanceReport> {
    auto score = compute_performance(tx, actor.tenant, date_of(now));
    if (!score) return fail(score.error());
    return PerformanceReport{std::move(*score), now};
  });
}

Result<AlignmentReport> AnalyticsService::team_alignment(const AuthContext& actor) {
  const auto now = deps_.clock.now();
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<AlignmentReport> {
    auto alignment = compute_alignment(tx, actor.tenant, date_of(now));
    if (!alignment) return fail(alignment.error());
    return AlignmentReport{std::move(*alignment), now};
  });
}

Result<GoalAnalytics> AnalyticsService::goal_analytics(const AuthContext& actor, const GoalAnalyticsFilter& filter) {
  const auto today = date_of(deps_.clock.now());
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<GoalAnalytics> {
    auto goals = tx.goals().all(actor.tenant);
    if (!goals) return fail(goals.error());
    std::vector<ProgressSnapshot> snapshots;
    for (const auto& goal : *goals) {
      auto history = tx.snapshots().list(actor.tenant, goal.id, std::nullopt, std::nullopt);
      if (!history) return fail(history.error());
      snapshots.insert(snapshots.end(), history->begin(), history->end());
    }
    return traction::goal_analytics(GoalAnalyticsInput{*goals, snapshots, today, filter, ForecastSettings{}});
  });
}

Status AnalyticsService::record_daily_scores(std::string_view tenant) {
  const auto today = date_of(deps_.clock.now());
  return deps_.store.write([&](ports::Transaction& tx) -> Status {
    auto score = compute_performance(tx, tenant, today);
    if (!score) return fail(score.error());
    auto alignment = compute_alignment(tx, tenant, today);
    if (!alignment) return fail(alignment.error());
    if (auto s = tx.metrics().record(tenant, performance_metric, today, score->overall_score); !s) return s;
    return tx.metrics().record(tenant, alignment_metric, today, alignment->alignment_score);
  });
}

}  // namespace traction
