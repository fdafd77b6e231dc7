#pragma once
// Actions (001 "Operations: Actions").

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "traction/enum_text.hpp"
#include "traction/time.hpp"

namespace traction {

// Priority and business impact share one scale.
enum class Priority { low, medium, high, critical };
inline constexpr EnumText<Priority, 4> priority_text{{{
    {Priority::low, "low"},
    {Priority::medium, "medium"},
    {Priority::high, "high"},
    {Priority::critical, "critical"},
}}};

enum class ActionStatus { not_started, in_progress, completed, blocked, cancelled };
inline constexpr EnumText<ActionStatus, 5> action_status_text{{{
    {ActionStatus::not_started, "not_started"},
    {ActionStatus::in_progress, "in_progress"},
    {ActionStatus::completed, "completed"},
    {ActionStatus::blocked, "blocked"},
    {ActionStatus::cancelled, "cancelled"},
}}};

struct ActionConnections {
  std::vector<std::string> goal_ids;
  std::vector<std::string> strategy_ids;
  std::vector<std::string> issue_ids;

  friend bool operator==(const ActionConnections&, const ActionConnections&) = default;
};

struct Action {
  std::string id;
  std::string tenant;
  std::string title;
  std::string description;
  std::optional<Timestamp> start_date;
  std::optional<Timestamp> due_date;
  Priority priority = Priority::medium;
  ActionStatus status = ActionStatus::not_started;
  std::string assigned_person_id;
  std::string assigned_person_name;
  double progress = 0;  // 0..100; a completed action is at 100
  ActionConnections connections;
  std::optional<Timestamp> completed_at;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::string created_by;
  std::string updated_by;
  std::int64_t version = 1;
  std::optional<Timestamp> deleted_at;

  friend bool operator==(const Action&, const Action&) = default;
};

}  // namespace traction
