#pragma once
// The Goal aggregate (DESIGN.md "One Goal aggregate"): one model for 001 goals, 002 CRM
// goals and 004 objectives. Strategies and KPI links belong to it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "traction/domain/forecast.hpp"
#include "traction/enum_text.hpp"
#include "traction/time.hpp"

namespace traction {

enum class GoalStatus { draft, active, paused, completed, cancelled };
inline constexpr EnumText<GoalStatus, 5> goal_status_text{{{
    {GoalStatus::draft, "draft"},
    {GoalStatus::active, "active"},
    {GoalStatus::paused, "paused"},
    {GoalStatus::completed, "completed"},
    {GoalStatus::cancelled, "cancelled"},
}}};

// "Open" goals are the ones still being worked on: their progress is snapshotted daily.
[[nodiscard]] constexpr bool is_open(GoalStatus s) {
  return s == GoalStatus::draft || s == GoalStatus::active || s == GoalStatus::paused;
}

enum class Horizon { year, quarter, month };
inline constexpr EnumText<Horizon, 3> horizon_text{{{
    {Horizon::year, "year"},
    {Horizon::quarter, "quarter"},
    {Horizon::month, "month"},
}}};

// Hierarchy levels, highest first: a child's level is strictly below its parent's.
enum class GoalLevel { company = 0, division = 1, team = 2, individual = 3 };
inline constexpr EnumText<GoalLevel, 4> goal_level_text{{{
    {GoalLevel::company, "company"},
    {GoalLevel::division, "division"},
    {GoalLevel::team, "team"},
    {GoalLevel::individual, "individual"},
}}};

enum class CalculationSource { automatic, manual };
inline constexpr EnumText<CalculationSource, 2> calculation_source_text{{{
    {CalculationSource::automatic, "auto"},
    {CalculationSource::manual, "manual"},
}}};

// How a goal's progress was last computed (DESIGN.md "Progress").
enum class ProgressBasis { manual, children, kpis, entered };
inline constexpr EnumText<ProgressBasis, 4> progress_basis_text{{{
    {ProgressBasis::manual, "manual"},
    {ProgressBasis::children, "children"},
    {ProgressBasis::kpis, "kpis"},
    {ProgressBasis::entered, "entered"},
}}};

enum class StrategyStatus { draft, validated, adopted };
inline constexpr EnumText<StrategyStatus, 3> strategy_status_text{{{
    {StrategyStatus::draft, "draft"},
    {StrategyStatus::validated, "validated"},
    {StrategyStatus::adopted, "adopted"},
}}};

struct Strategy {
  std::string id;
  std::string goal_id;
  std::string description;
  StrategyStatus status = StrategyStatus::draft;
  int order = 1;
  Timestamp created_at{};
  Timestamp updated_at{};

  friend bool operator==(const Strategy&, const Strategy&) = default;
};

struct GoalKpiLink {
  std::string id;
  std::string kpi_id;
  double threshold_pct = 0;     // the share of target at which the KPI counts as on track
  double weight = 1;            // its weight in the goal's KPI progress
  std::optional<double> target; // the value that means 100 %
  Timestamp created_at{};

  friend bool operator==(const GoalKpiLink&, const GoalKpiLink&) = default;
};

struct Goal {
  std::string id;
  std::string tenant;
  std::string title;
  std::string intent;
  std::string owner_id;
  std::string owner_name;
  std::optional<GoalLevel> level;
  std::optional<std::string> parent_id;
  Horizon horizon = Horizon::quarter;
  std::optional<Date> start_date;
  std::optional<Date> end_date;
  GoalStatus status = GoalStatus::draft;
  std::vector<std::string> value_tags;
  std::string metadata_json = "{}";  // a JSON object, serialized (the adapters check it)

  // Progress (DESIGN.md): the current value and how it was reached.
  double progress = 0;
  ProgressBasis progress_basis = ProgressBasis::entered;
  CalculationSource calculation_source = CalculationSource::automatic;
  std::optional<double> manual_progress;  // set while calculation_source is manual
  std::string manual_reason;
  double entered_progress = 0;            // the value last entered by a user
  std::int64_t children_count = 0;        // live (not deleted) children
  double children_progress_sum = 0;       // sum of their progress: average = sum / count
  std::optional<Timestamp> last_calculated_at;
  // The forecast status last seen; goal.health.changed is published when it moves.
  std::optional<ForecastStatus> health;

  std::optional<Timestamp> completed_at;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::string created_by;
  std::string updated_by;
  std::int64_t version = 1;
  std::optional<Timestamp> deleted_at;

  std::vector<Strategy> strategies;  // ordered by `order`
  std::vector<GoalKpiLink> kpi_links;

  [[nodiscard]] const Strategy* find_strategy(std::string_view strategy_id) const;
  [[nodiscard]] Strategy* find_strategy(std::string_view strategy_id);
  [[nodiscard]] const GoalKpiLink* find_link(std::string_view kpi_id) const;
  [[nodiscard]] GoalKpiLink* find_link(std::string_view kpi_id);

  friend bool operator==(const Goal&, const Goal&) = default;
};

}  // namespace traction
