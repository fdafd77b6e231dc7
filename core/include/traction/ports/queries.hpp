#pragma once
// Filters of the repositories' list calls: what the API lets a client ask for.

#include <optional>
#include <string>
#include <vector>

#include "traction/domain/action.hpp"
#include "traction/domain/activity.hpp"
#include "traction/domain/goal.hpp"
#include "traction/domain/page.hpp"
#include "traction/time.hpp"

namespace traction {

enum class GoalSortField { created_at, updated_at, title, progress, end_date, status };
inline constexpr EnumText<GoalSortField, 6> goal_sort_field_text{{{
    {GoalSortField::created_at, "createdAt"},
    {GoalSortField::updated_at, "updatedAt"},
    {GoalSortField::title, "title"},
    {GoalSortField::progress, "progress"},
    {GoalSortField::end_date, "endDate"},
    {GoalSortField::status, "status"},
}}};

struct GoalSort {
  GoalSortField field = GoalSortField::created_at;
  bool descending = true;
};

struct GoalQuery {
  PageRequest page;
  GoalSort sort;
  std::optional<std::string> owner_id;
  std::optional<GoalStatus> status;
  std::optional<std::string> value_tag;
  std::optional<Horizon> horizon;
  std::optional<GoalLevel> level;
  std::optional<std::string> parent_id;
  std::optional<std::string> search;  // case-insensitive, in title and intent
};

struct KpiQuery {
  PageRequest page;
  std::optional<std::string> search;  // case-insensitive, in name and description
  std::optional<std::string> category;
  std::optional<std::string> owner_id;
};

// Readings whose period lies in [start, end], newest period first.
struct ReadingQuery {
  PageRequest page;
  std::optional<YearMonth> start;
  std::optional<YearMonth> end;
};

struct ActivityQuery {
  PageRequest page;
  std::optional<ActivityType> type;
};

// An action matches the date filter when [startDate, dueDate] overlaps [start, end];
// list filters match when any of the given values matches.
struct ActionQuery {
  PageRequest page{1, static_cast<std::int64_t>(limits::page_size_max)};
  std::optional<Timestamp> start;
  std::optional<Timestamp> end;
  std::optional<std::string> assigned_person_id;
  std::vector<std::string> goal_ids;
  std::vector<std::string> strategy_ids;
  std::vector<std::string> issue_ids;
  std::vector<ActionStatus> statuses;
  std::vector<Priority> priorities;
};

struct IssueQuery {
  PageRequest page;
  std::vector<std::string> status_ids;  // resolved by the use case from ids, names or categories
  std::optional<Priority> priority;
  std::optional<Priority> impact;
  std::optional<std::string> reporter_id;
  std::optional<std::string> assigned_to;
  std::optional<std::string> type_config_id;
  std::optional<std::string> search;  // case-insensitive, in title and description
};

}  // namespace traction
