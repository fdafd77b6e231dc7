#pragma once
// Analytics formulas (001 "Analytics Endpoints": /goals/stats, /performance/score,
// /team/alignment; 002 GET /goals/analytics). Pure functions over what the repositories
// return; "today" is an input. Percentages are 0–100 rounded to one decimal (half away from
// zero); velocities (progress points per day) are rounded to two decimals. Soft-deleted
// rows (deleted_at set) are ignored everywhere. A rate whose denominator is empty is 0 and
// has no data.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "traction/domain/action.hpp"
#include "traction/domain/audit.hpp"
#include "traction/domain/forecast.hpp"
#include "traction/domain/goal.hpp"
#include "traction/domain/goal_tally.hpp"
#include "traction/enum_text.hpp"
#include "traction/error.hpp"
#include "traction/time.hpp"

namespace traction {

// --- trend ------------------------------------------------------------------------------

enum class Trend { improving, stable, declining };
inline constexpr EnumText<Trend, 3> trend_text{{{
    {Trend::improving, "improving"},
    {Trend::stable, "stable"},
    {Trend::declining, "declining"},
}}};

// A score kept from an earlier day (MetricHistory).
struct ScorePoint {
  Date date{};
  double value = 0;
};

// trend = improving when current − previous > 2 points, declining when < −2, else stable;
// stable when there is no previous score or it is not from a day before today.
inline constexpr double trend_threshold = 2.0;
[[nodiscard]] Trend trend_of(double current, const std::optional<ScorePoint>& previous, Date today);

// --- GET /goals/stats -------------------------------------------------------------------

struct GoalStatusCounts {
  std::int64_t draft = 0;
  std::int64_t active = 0;
  std::int64_t paused = 0;
  std::int64_t completed = 0;
  std::int64_t cancelled = 0;
  friend bool operator==(const GoalStatusCounts&, const GoalStatusCounts&) = default;
};

struct GoalHorizonCounts {
  std::int64_t year = 0;
  std::int64_t quarter = 0;
  std::int64_t month = 0;
  friend bool operator==(const GoalHorizonCounts&, const GoalHorizonCounts&) = default;
};

// totalGoals = number of goals; activeGoals / completedGoals = those with that status;
// goalsByStatus: all five statuses (zeros included); goalsByHorizon: year, quarter, month;
// averageProgress = Σ progress / totalGoals (0 when there are none).
struct GoalStats {
  std::int64_t total_goals = 0;
  std::int64_t active_goals = 0;
  std::int64_t completed_goals = 0;
  GoalStatusCounts by_status;
  GoalHorizonCounts by_horizon;
  double average_progress = 0;
  friend bool operator==(const GoalStats&, const GoalStats&) = default;
};

[[nodiscard]] GoalStats goal_stats(const GoalTally& tally);
[[nodiscard]] GoalStats goal_stats(std::span<const Goal> goals);

// --- GET /performance/score -------------------------------------------------------------

// The progress of one goal-KPI link (computed by the progress rule from the KPI's latest
// reading) and the link's threshold, both in percent.
struct KpiLinkProgress {
  std::string goal_id;
  std::string kpi_id;
  double progress = 0;
  double threshold_pct = 0;
};

struct PerformanceInput {
  std::span<const Goal> goals;               // with their strategies
  std::span<const KpiLinkProgress> kpi_links;
  std::span<const Action> actions;
  Date today{};
  std::optional<ScorePoint> previous;        // the last score kept before today
};

// A component: its score is the mean of its metrics that have data; it is included in the
// overall score when at least one metric has data. weight is 001's nominal weight;
// effective_weight = weight / Σ weights of the included components (0 when left out).
struct ScoreComponent {
  double score = 0;
  double weight = 0;
  double effective_weight = 0;
  bool included = false;
};

// Scored goals G = goals whose status is not draft.
//   completionRate = |completed in G| / |G| · 100
//   onTimeRate     = |completed in G finished on time| / |completed in G| · 100, where on
//                    time = no end date, or no completed_at, or date(completed_at) ≤ end date
struct GoalsComponent : ScoreComponent {
  double completion_rate = 0;
  double on_time_rate = 0;
};
// S = the strategies of the goals in G.
//   validatedRate = |S validated or adopted| / |S| · 100   (adopted comes after validated)
//   adoptionRate  = |S adopted| / |S| · 100
struct StrategiesComponent : ScoreComponent {
  double validated_rate = 0;
  double adoption_rate = 0;
};
// L = the KPI links of the goals in G.
//   targetAchievementRate = |L with progress ≥ 100| / |L| · 100
//   onTrackRate           = |L with progress ≥ threshold_pct| / |L| · 100
struct KpisComponent : ScoreComponent {
  double target_achievement_rate = 0;
  double on_track_rate = 0;
};
// A = actions whose status is not cancelled.
//   completionRate = |completed in A| / |A| · 100
//   onTimeRate     = |completed in A finished on time| / |completed in A| · 100, on time =
//                    no due date, or no completed_at, or date(completed_at) ≤ date(due date)
struct ActionsComponent : ScoreComponent {
  double completion_rate = 0;
  double on_time_rate = 0;
};

// overallScore = Σ weight·score / Σ weight over the included components (goals 0.4,
// strategies 0.2, kpis 0.3, actions 0.1), 0 when none is included; computed from the
// unrounded component scores, then rounded. trend = trend_of(overallScore, previous).
struct PerformanceScore {
  double overall_score = 0;
  GoalsComponent goals;
  StrategiesComponent strategies;
  KpisComponent kpis;
  ActionsComponent actions;
  Trend trend = Trend::stable;
};

inline constexpr double goals_weight = 0.4;
inline constexpr double strategies_weight = 0.2;
inline constexpr double kpis_weight = 0.3;
inline constexpr double actions_weight = 0.1;

[[nodiscard]] PerformanceScore performance_score(const PerformanceInput& input);

// --- GET /team/alignment ----------------------------------------------------------------

struct TeamAlignmentInput {
  std::span<const Goal> goals;    // with their strategies and KPI links
  std::span<const Action> actions;
  Date today{};
  std::optional<ScorePoint> previous;
};

// G = goals not cancelled; A = actions not cancelled. People are non-empty ids.
//   teamSize                = |{owners of G} ∪ {assignees of A}|
//   people(g)               = {g's owner} ∪ {assignees of the actions of A linked to g,
//                              directly or through one of g's strategies}
//   goalsWithMultipleOwners = |{g ∈ G : |people(g)| ≥ 2}|
//   sharedKPIs              = |{KPIs linked to ≥ 2 goals of G}|
//   crossGoalCollaboration  = goalsWithMultipleOwners / |G| · 100
//   strategyAlignment       = |{a ∈ A linked to a goal of G or a strategy of one}| / |A| · 100
//   kpiSharing              = sharedKPIs / |{KPIs linked to ≥ 1 goal of G}| · 100
//   alignmentScore          = mean of the three that have data (0 when none has)
struct CollaborationMetrics {
  double cross_goal_collaboration = 0;
  double strategy_alignment = 0;
  double kpi_sharing = 0;
};

struct TeamAlignment {
  double alignment_score = 0;
  std::int64_t team_size = 0;
  std::int64_t goals_with_multiple_owners = 0;
  std::int64_t shared_kpis = 0;
  CollaborationMetrics collaboration;
  Trend trend = Trend::stable;
};

[[nodiscard]] TeamAlignment team_alignment(const TeamAlignmentInput& input);

// --- GET /goals/analytics (002) ---------------------------------------------------------

// The query's filters, applied here (not by the caller) so that the team and company
// comparisons can still see every goal:
//   type      = a horizon (year | quarter | month): a goal's "type" is its horizon, since
//               ownerType already stands for its level;
//   ownerType = a level (company | division | team | individual); goals without a level
//               do not match;
//   startDate = goals starting on or after it (start date, else the creation date).
struct GoalAnalyticsFilter {
  std::optional<std::string> type;
  std::optional<std::string> owner_type;
  std::optional<Date> start_date;
};

struct GoalAnalyticsInput {
  std::span<const Goal> goals;                  // all of the tenant's goals
  std::span<const ProgressSnapshot> snapshots;  // their snapshots, any order
  Date today{};
  GoalAnalyticsFilter filter;
  ForecastSettings forecast;                    // for each goal's velocity
};

struct MonthCompletion {
  std::string month;  // "YYYY-MM"
  double completion_rate = 0;
  std::int64_t total_goals = 0;
  std::int64_t completed_goals = 0;
  friend bool operator==(const MonthCompletion&, const MonthCompletion&) = default;
};

struct TypeCompletion {
  std::string type;  // the horizon
  double completion_rate = 0;
  std::int64_t total_goals = 0;
  std::int64_t completed_goals = 0;
  friend bool operator==(const TypeCompletion&, const TypeCompletion&) = default;
};

// F = the goals matching the filter.
//   totalGoals / completedGoals / activeGoals / cancelledGoals = |F| and |F| by status
//   overallCompletionRate = completedGoals / totalGoals · 100
//   averageProgress       = Σ progress / |F|
//   velocity of a goal    = the forecast's velocity (history fit, else progress / days since
//                           start) for active and completed goals, evaluated as of today
//                           (a completed goal: as of the day it was completed); goals
//                           without a measurable velocity are left out
//   averageVelocity       = mean velocity over the goals of F that have one;
//   velocityDataPoints    = how many goals that is
//   completionRateTrend   = the 12 months ending with today's month, oldest first; a month
//                           counts the goals of F whose end date falls in it: completed / all
//   typeBreakdown         = per horizon (year, quarter, month, always all three): completed /
//                           all goals of F with that horizon
//   team*  = the same completion rate and average velocity over every goal of level team
//   company* = over every goal of the tenant (both ignore the filter; none without goals)
//   daysOfHistory         = today − the day of the oldest snapshot of a goal of F (0: none)
//   hasSufficientData     = daysOfHistory ≥ 30 or totalGoals ≥ 5
struct GoalAnalytics {
  std::int64_t total_goals = 0;
  std::int64_t completed_goals = 0;
  std::int64_t active_goals = 0;
  std::int64_t cancelled_goals = 0;
  double overall_completion_rate = 0;
  double average_progress = 0;
  double average_velocity = 0;
  std::int64_t velocity_data_points = 0;
  std::vector<MonthCompletion> completion_rate_trend;
  std::vector<TypeCompletion> type_breakdown;
  std::optional<double> team_average_completion_rate;
  std::optional<double> company_average_completion_rate;
  std::optional<double> team_average_velocity;
  std::optional<double> company_average_velocity;
  bool has_sufficient_data = false;
  std::int64_t days_of_history = 0;
};

inline constexpr std::int64_t sufficient_history_days = 30;
inline constexpr std::int64_t sufficient_goal_count = 5;

// Fails only on a filter value that is not a horizon (type) or a level (ownerType).
[[nodiscard]] Result<GoalAnalytics> goal_analytics(const GoalAnalyticsInput& input);

}  // namespace traction
