#pragma once
// Internal to the use cases: what one write use case carries around, and the helpers every
// write shares (loading with the right not-found error, the feed, progress settling).

#include <string>
#include <string_view>

#include "traction/app/dependencies.hpp"
#include "traction/app/goal_views.hpp"
#include "traction/auth.hpp"
#include "traction/domain/feed.hpp"
#include "traction/domain/forecast.hpp"
#include "traction/domain/event.hpp"
#include "traction/domain/goal.hpp"
#include "traction/domain/progress.hpp"
#include "traction/ports/store.hpp"

namespace traction::detail {

struct Scope {
  ports::Transaction& tx;
  const AuthContext& actor;
  Timestamp now;
  ports::IdGenerator& ids;
  const Settings& settings;
};

// A live goal of the actor's tenant, or GOAL_NOT_FOUND.
[[nodiscard]] Result<Goal> load_goal(ports::Transaction& tx, std::string_view tenant,
                                     std::string_view id);

// The goal's KPI links joined with their KPIs and latest readings.
[[nodiscard]] Result<std::vector<GoalKpiView>> load_kpi_views(ports::Transaction& tx,
                                                              const Goal& goal);

// Goals with their KPI views, for a page of goals: two reads in all, not two per goal.
[[nodiscard]] Result<std::vector<GoalView>> load_goal_views(ports::Transaction& tx, std::string_view tenant,
                                                            std::vector<Goal> goals);

// Appends a recent-activity entry (GET /activity/recent).
[[nodiscard]] Status record_feed(Scope& scope, std::string_view type, std::string_view entity_type,
                                 std::string_view entity_id, std::string_view entity_title,
                                 std::string description);

// Appends an activity entry to a goal's feed and its live event.
[[nodiscard]] Result<Activity> append_activity(Scope& scope, Activity activity);

// The goal's progress by the one rule, from its stored inputs (no change is made).
[[nodiscard]] Result<ProgressResult> computed_progress(ports::Transaction& tx, const Goal& goal);

// Re-computes the goal's progress by the one rule, stores the goal, and when progress moved:
// a snapshot, an audit entry, a goal.progress.changed event, and the roll-up through every
// ancestor (each ancestor adjusted by the child's delta: work proportional to depth).
[[nodiscard]] Status save_goal(Scope& scope, Goal& goal, std::string_view why);

// Stores a new goal with its computed progress and, when it has a parent, counts it in.
[[nodiscard]] Status insert_goal(Scope& scope, Goal& goal);

// Takes the goal out of its parent's roll-up (before unlinking or deleting it) / puts it in.
[[nodiscard]] Status leave_parent(Scope& scope, const Goal& goal);
[[nodiscard]] Status join_parent(Scope& scope, const Goal& goal);

// Writes an audit entry for the goal.
[[nodiscard]] Status audit(Scope& scope, const Goal& goal, std::string_view action,
                           std::string_view field, std::string old_value, std::string new_value,
                           std::string reason = {});

// The goal's forecast as of `now`, from its snapshots inside the forecast window (and its
// current progress as a point at `now` when `with_current`, for a change not stored yet).
[[nodiscard]] Result<Forecast> forecast_of(ports::Transaction& tx, const Goal& goal, Timestamp now,
                                           bool with_current = false);

// Sets goal.health to the forecast's status; returns the event to publish when the status
// moved (to at_risk or off_track, or between any two known statuses).
[[nodiscard]] Result<std::optional<HealthChanged>> refresh_health(ports::Transaction& tx, Goal& goal,
                                                                  Timestamp now, bool with_current);

// "42.5": progress as audit entries write it.
[[nodiscard]] std::string progress_text(double progress);

}  // namespace traction::detail
