#pragma once
// Progress, one rule everywhere (DESIGN.md "Progress"):
//   1. a manual override wins;
//   2. else the average of the children's progress, when the goal has children;
//   3. else the weighted average of its linked KPIs' progress (links whose KPI has a target
//      and a reading; a link without a target cannot say how far along it is and is left out);
//   4. else the progress last entered.
// KPI progress: up = 100 * current / target, down = 100 * target / current, clamped to
// 0..100; current is the latest reading's effective value (the adjusted value when given).

#include <optional>
#include <span>
#include <vector>

#include "traction/domain/goal.hpp"
#include "traction/domain/kpi.hpp"
#include "traction/error.hpp"

namespace traction {

// 0..100, or nothing when it cannot be computed (no current value or no target).
[[nodiscard]] std::optional<double> kpi_progress(Direction direction, std::optional<double> current,
                                                 std::optional<double> target);

// A linked KPI as a goal sees it: 001's GoalKPI (threshold, currentValue, targetValue, progress).
struct GoalKpiView {
  GoalKpiLink link;
  std::optional<Kpi> kpi;                // absent if the KPI no longer exists
  std::optional<double> current_value;   // the latest reading's effective value
  std::optional<std::string> current_period;
  std::optional<double> progress;
};

// Joins a goal's links with their KPIs and the latest readings (any order, any extras).
[[nodiscard]] std::vector<GoalKpiView> goal_kpi_views(const Goal& goal, std::span<const Kpi> kpis,
                                                      std::span<const KpiReading> latest_readings);

struct ProgressResult {
  double progress = 0;  // 0..100, rounded to 2 decimals
  ProgressBasis basis = ProgressBasis::entered;
  friend bool operator==(const ProgressResult&, const ProgressResult&) = default;
};

// The rule above; the children's average comes from the goal's children_count and
// children_progress_sum, which roll-up keeps current.
[[nodiscard]] ProgressResult compute_progress(const Goal& goal, std::span<const GoalKpiView> kpis);

// Manual override (002 manual-adjustment): progress 0..100 and a justification of at least
// 10 characters. Clearing returns the goal to automatic calculation.
inline constexpr std::size_t min_justification_length = 10;
[[nodiscard]] Status set_manual_progress(Goal& goal, double progress, std::string_view justification);
void clear_manual_progress(Goal& goal);

// Roll-up bookkeeping on a parent: a child's progress moved from `before` to `after`, a
// child joined with `progress`, or a child left with `progress`.
void child_progress_changed(Goal& parent, double before, double after);
void child_added(Goal& parent, double progress);
void child_removed(Goal& parent, double progress);

}  // namespace traction
