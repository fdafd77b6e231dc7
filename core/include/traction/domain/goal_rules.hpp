#pragma once
// Creating and changing a goal's own fields (001 POST/PUT /goals). Status changes go through
// goal_status.hpp; parent changes through hierarchy.hpp; strategies and KPI links through
// strategy_rules.hpp and kpi_rules.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "traction/auth.hpp"
#include "traction/domain/goal.hpp"
#include "traction/error.hpp"

namespace traction {

struct GoalDraft {
  std::string title;
  std::string intent;
  std::optional<std::string> owner_id;    // default: the caller
  std::optional<std::string> owner_name;  // default: the caller's name when they own it
  std::optional<Horizon> horizon;         // required
  std::optional<GoalStatus> status;       // draft (default) or active
  std::vector<std::string> value_tags;
  std::optional<std::string> metadata_json;  // a JSON object; default {}
  std::optional<GoalLevel> level;
  std::optional<std::string> parent_id;   // checked by the hierarchy policy
  std::optional<Date> start_date;
  std::optional<Date> end_date;
  std::optional<double> progress;         // the entered progress, 0..100
};

// Absent fields stay as they are; `std::optional<std::optional<T>>` fields can be cleared
// with an inner nullopt.
struct GoalPatch {
  std::optional<std::string> title;
  std::optional<std::string> intent;
  std::optional<std::string> owner_id;
  std::optional<std::string> owner_name;
  std::optional<Horizon> horizon;
  std::optional<GoalStatus> status;  // accepted only when equal to the current status
  std::optional<std::vector<std::string>> value_tags;
  std::optional<std::string> metadata_json;
  std::optional<std::optional<GoalLevel>> level;
  std::optional<std::optional<std::string>> parent_id;
  std::optional<std::optional<Date>> start_date;
  std::optional<std::optional<Date>> end_date;
  std::optional<double> progress;
  std::optional<std::int64_t> expected_version;  // VERSION_CONFLICT when it differs
};

// A new goal, validated: title required and at most 200 characters, intent at most 10 000,
// horizon required, status draft or active only, value tags bounded, metadata a JSON
// object, start date not after end date, progress 0..100. Progress starts as entered.
[[nodiscard]] Result<Goal> make_goal(const GoalDraft& draft, const AuthContext& actor,
                                     std::string id, Timestamp now);

// Applies a patch's own-field changes (not parent_id, which the hierarchy use case
// handles), validated as make_goal. Bumps updated_at/updated_by; the version is the
// repository's business.
[[nodiscard]] Status apply_goal_patch(Goal& goal, const GoalPatch& patch, const AuthContext& actor,
                                      Timestamp now);

// Marks the goal deleted (soft delete).
void soft_delete(Goal& goal, const AuthContext& actor, Timestamp now);

// "Draft", "Active", ...: a status as written in sentences.
[[nodiscard]] std::string_view status_display_name(GoalStatus status);

}  // namespace traction
