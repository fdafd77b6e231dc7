#include "write_scope.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iterator>

#include "traction/domain/audit.hpp"
#include "traction/domain/event.hpp"

namespace traction::detail {
namespace {

// Applies a re-computation to the goal; returns the progress it had before.
double apply(Goal& goal, const ProgressResult& result, Timestamp now) {
  const auto before = goal.progress;
  goal.progress = result.progress;
  goal.progress_basis = result.basis;
  goal.last_calculated_at = now;
  return before;
}

Status progress_moved(Scope& scope, const Goal& goal, double before, std::string_view why) {
  if (auto s = scope.tx.snapshots().append(
          ProgressSnapshot{goal.tenant, goal.id, scope.now, goal.progress, SnapshotSource::change});
      !s) {
    return s;
  }
  if (auto s = audit(scope, goal, "progress_changed", "progress", progress_text(before),
                     progress_text(goal.progress), std::string(why));
      !s) {
    return s;
  }
  DomainEvent event{0, goal.tenant, goal.id, scope.now,
                    ProgressChanged{before, goal.progress,
                                    std::string(progress_basis_text.name(goal.progress_basis))}};
  return scope.tx.events().append(event);
}

// A health event is published when the status moves, except for a goal's first status when
// that is harmless (on track or not enough data yet).
bool worth_publishing(const std::optional<ForecastStatus>& before, ForecastStatus after) {
  if (before == after) return false;
  if (before) return true;
  return after == ForecastStatus::at_risk || after == ForecastStatus::off_track;
}

// Stores a goal whose progress was re-computed to `computed`; when it moved, the snapshot,
// audit entry, progress event and (when the forecast status moved) the health event.
// Returns the progress it had before.
Result<double> store_progress(Scope& scope, Goal& goal, const ProgressResult& computed, std::string_view why) {
  const auto before = apply(goal, computed, scope.now);
  const bool moved = goal.progress != before;
  std::optional<HealthChanged> health;
  if (moved) {
    auto changed = refresh_health(scope.tx, goal, scope.now, true);
    if (!changed) return fail(changed.error());
    health = std::move(*changed);
  }
  if (auto s = scope.tx.goals().update(goal); !s) return fail(s.error());
  if (!moved) return before;
  if (auto s = progress_moved(scope, goal, before, why); !s) return fail(s.error());
  if (health) {
    DomainEvent event{0, goal.tenant, goal.id, scope.now, std::move(*health)};
    if (auto s = scope.tx.events().append(event); !s) return fail(s.error());
  }
  return before;
}

// Walks up from `goal` (whose progress moved from `before`), adjusting each ancestor.
Status roll_up(Scope& scope, const Goal& goal, double before) {
  auto parent_id = goal.parent_id;
  double child_before = before;
  double child_after = goal.progress;
  std::string child_title = goal.title;
  int guard = 0;
  while (parent_id && child_before != child_after) {
    if (++guard > 64) return fail(ErrorCode::internal, "goal hierarchy is deeper than any policy allows");
    auto parent = load_goal(scope.tx, goal.tenant, *parent_id);
    if (!parent) {
      if (parent.error().code == ErrorCode::goal_not_found) return {};  // a dangling parent link
      return fail(parent.error());
    }
    child_progress_changed(*parent, child_before, child_after);
    const auto why = "rolled up from child goal \"" + child_title + '"';
    auto parent_before = store_progress(scope, *parent, compute_progress(*parent, {}), why);
    if (!parent_before) return fail(parent_before.error());
    child_before = *parent_before;
    child_after = parent->progress;
    child_title = parent->title;
    parent_id = parent->parent_id;
  }
  return {};
}

}  // namespace

Result<Goal> load_goal(ports::Transaction& tx, std::string_view tenant, std::string_view id) {
  auto found = tx.goals().find(tenant, id);
  if (!found) return fail(found.error());
  if (!*found) return fail(ErrorCode::goal_not_found, fmt::format("Goal {} not found", id));
  return std::move(**found);
}

namespace {

// The KPIs behind a set of links and their latest readings: two reads.
struct KpiInputs {
  std::vector<Kpi> kpis;
  std::vector<KpiReading> readings;
};

Result<KpiInputs> kpi_inputs(ports::Transaction& tx, std::string_view tenant, const std::vector<std::string>& ids) {
  KpiInputs inputs;
  if (ids.empty()) return inputs;
  auto kpis = tx.kpis().find_many(tenant, ids);
  if (!kpis) return fail(kpis.error());
  auto readings = tx.kpis().latest_readings(tenant, ids);
  if (!readings) return fail(readings.error());
  inputs.kpis = std::move(*kpis);
  inputs.readings = std::move(*readings);
  return inputs;
}

}  // namespace

Result<std::vector<GoalKpiView>> load_kpi_views(ports::Transaction& tx, const Goal& goal) {
  std::vector<std::string> ids;
  ids.reserve(goal.kpi_links.size());
  for (const auto& link : goal.kpi_links) ids.push_back(link.kpi_id);
  auto inputs = kpi_inputs(tx, goal.tenant, ids);
  if (!inputs) return fail(inputs.error());
  return goal_kpi_views(goal, inputs->kpis, inputs->readings);
}

Result<std::vector<GoalView>> load_goal_views(ports::Transaction& tx, std::string_view tenant,
                                              std::vector<Goal> goals) {
  std::vector<std::string> ids;
  for (const auto& goal : goals) {
    for (const auto& link : goal.kpi_links) ids.push_back(link.kpi_id);
  }
  auto inputs = kpi_inputs(tx, tenant, ids);
  if (!inputs) return fail(inputs.error());
  std::vector<GoalView> views;
  views.reserve(goals.size());
  for (auto& goal : goals) {
    auto kpi_views = goal_kpi_views(goal, inputs->kpis, inputs->readings);
    views.push_back(GoalView{std::move(goal), std::move(kpi_views)});
  }
  return views;
}

Status record_feed(Scope& scope, std::string_view type, std::string_view entity_type,
                   std::string_view entity_id, std::string_view entity_title, std::string description) {
  FeedEntry entry{scope.ids.next(),
                  scope.actor.tenant,
                  std::string(type),
                  scope.actor.user_id,
                  scope.actor.user_name,
                  std::string(entity_id),
                  std::string(entity_type),
                  std::string(entity_title),
                  std::move(description),
                  scope.now};
  return scope.tx.feed().append(entry);
}

Result<Activity> append_activity(Scope& scope, Activity activity) {
  if (auto s = scope.tx.activities().insert(activity); !s) return fail(s.error());
  DomainEvent event{0, activity.tenant, activity.goal_id, activity.created_at,
                    ActivityCreated{activity.id, activity.type, activity.text, activity.title,
                                    activity.url, activity.created_at}};
  if (auto s = scope.tx.events().append(event); !s) return fail(s.error());
  return activity;
}

Result<ProgressResult> computed_progress(ports::Transaction& tx, const Goal& goal) {
  const bool needs_kpis = goal.calculation_source == CalculationSource::automatic &&
                          goal.children_count == 0 && !goal.kpi_links.empty();
  if (!needs_kpis) return compute_progress(goal, {});
  auto views = load_kpi_views(tx, goal);
  if (!views) return fail(views.error());
  return compute_progress(goal, *views);
}

Status save_goal(Scope& scope, Goal& goal, std::string_view why) {
  auto computed = computed_progress(scope.tx, goal);
  if (!computed) return fail(computed.error());
  auto before = store_progress(scope, goal, *computed, why);
  if (!before) return fail(before.error());
  if (goal.progress == *before) return {};
  return roll_up(scope, goal, *before);
}

Status insert_goal(Scope& scope, Goal& goal) {
  apply(goal, compute_progress(goal, {}), scope.now);
  if (auto s = scope.tx.goals().insert(goal); !s) return s;
  if (auto s = scope.tx.snapshots().append(
          ProgressSnapshot{goal.tenant, goal.id, scope.now, goal.progress, SnapshotSource::change});
      !s) {
    return s;
  }
  return join_parent(scope, goal);
}

Status leave_parent(Scope& scope, const Goal& goal) {
  if (!goal.parent_id) return {};
  auto parent = load_goal(scope.tx, goal.tenant, *goal.parent_id);
  if (!parent) return parent.error().code == ErrorCode::goal_not_found ? Status{} : fail(parent.error());
  child_removed(*parent, goal.progress);
  return save_goal(scope, *parent, fmt::format("child goal \"{}\" left", goal.title));
}

Status join_parent(Scope& scope, const Goal& goal) {
  if (!goal.parent_id) return {};
  auto parent = load_goal(scope.tx, goal.tenant, *goal.parent_id);
  if (!parent) return fail(parent.error());
  child_added(*parent, goal.progress);
  return save_goal(scope, *parent, fmt::format("child goal \"{}\" joined", goal.title));
}

Status audit(Scope& scope, const Goal& goal, std::string_view action, std::string_view field,
             std::string old_value, std::string new_value, std::string reason) {
  AuditEntry entry{scope.ids.next(),        goal.tenant,          goal.id,
                   scope.actor.user_id,     scope.actor.user_name, std::string(action),
                   std::string(field),      std::move(old_value), std::move(new_value),
                   std::move(reason),       scope.now};
  return scope.tx.audit().append(entry);
}

Result<Forecast> forecast_of(ports::Transaction& tx, const Goal& goal, Timestamp now, bool with_current) {
  const ForecastSettings settings{};
  const auto today = date_of(now);
  const auto from = start_of(today - std::chrono::days(settings.window_days));
  auto history = tx.snapshots().last_of_each_day(goal.tenant, goal.id, from);
  if (!history) return fail(history.error());
  if (with_current) {
    history->push_back(ProgressPoint{now, goal.progress});
  }
  return forecast(ForecastInput{goal.progress, goal.start_date, goal.end_date, date_of(goal.created_at), today,
                                *history, settings});
}

Result<std::optional<HealthChanged>> refresh_health(ports::Transaction& tx, Goal& goal, Timestamp now,
                                                    bool with_current) {
  auto forecast = forecast_of(tx, goal, now, with_current);
  if (!forecast) return fail(forecast.error());
  const auto before = goal.health;
  goal.health = forecast->status;
  if (!worth_publishing(before, forecast->status)) return std::optional<HealthChanged>{};
  return std::optional<HealthChanged>{
      HealthChanged{before ? std::string(forecast_status_text.name(*before)) : std::string{},
                    std::string(forecast_status_text.name(forecast->status))}};
}

// printf's %g (six significant digits), which std::to_chars gives without a format string
// to parse: this runs twice per goal of every roll-up.
std::string progress_text(double progress) {
  char text[32];
  const auto end = std::to_chars(std::begin(text), std::end(text), progress, std::chars_format::general, 6).ptr;
  return std::string(text, end);
}

}  // namespace traction::detail
