#include "traction/domain/goal_status.hpp"

#include <fmt/format.h>

#include "traction/domain/goal_rules.hpp"
#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

// The note a reason produces: none for an absent or blank reason.
Result<std::optional<TransitionNote>> note_for(const std::optional<std::string>& reason,
                                               std::string_view title, std::string_view verb) {
  if (!reason) return std::optional<TransitionNote>{};
  auto text = bounded_text("reason", *reason, limits::long_text);
  if (!text) return fail(text.error());
  const auto clean = trimmed(*text);
  if (clean.empty()) return std::optional<TransitionNote>{};
  return std::optional<TransitionNote>{
      TransitionNote{std::string(title), fmt::format("Goal {}: {}", verb, clean)}};
}

Result<TransitionResult> move(Goal& goal, GoalStatus to, Result<std::optional<TransitionNote>> note,
                              Timestamp now) {
  if (!note) return fail(note.error());
  TransitionResult result{goal.status, to, std::move(*note)};
  goal.status = to;
  goal.updated_at = now;
  return result;
}

std::unexpected<Error> refuse(std::string message) {
  return fail(ErrorCode::invalid_status_transition, std::move(message));
}

}  // namespace

Result<TransitionResult> activate_goal(Goal& goal, const std::optional<std::string>& reason,
                                       Timestamp now) {
  switch (goal.status) {
    case GoalStatus::draft:
      return move(goal, GoalStatus::active, note_for(reason, "Goal Started", "started"), now);
    case GoalStatus::paused:
      return move(goal, GoalStatus::active, note_for(reason, "Goal Resumed", "resumed"), now);
    case GoalStatus::active:
    case GoalStatus::completed:
    case GoalStatus::cancelled:
      break;
  }
  return refuse(fmt::format("Cannot activate goal in {} status", status_display_name(goal.status)));
}

Result<TransitionResult> pause_goal(Goal& goal, const std::optional<std::string>& reason,
                                    Timestamp now) {
  if (goal.status != GoalStatus::active) {
    return refuse(fmt::format("Cannot put goal on hold from {} status",
                              status_display_name(goal.status)));
  }
  return move(goal, GoalStatus::paused, note_for(reason, "Goal Paused", "paused"), now);
}

Result<TransitionResult> close_goal(Goal& goal, FinalStatus final_status,
                                    const std::optional<std::string>& reason, Timestamp now) {
  if (final_status == FinalStatus::completed) {
    if (goal.status != GoalStatus::active) {
      return refuse(fmt::format("Cannot complete goal in {} status", status_display_name(goal.status)));
    }
    auto result = move(goal, GoalStatus::completed, note_for(reason, "Goal Completed", "completed"), now);
    if (result) goal.completed_at = now;
    return result;
  }
  if (goal.status == GoalStatus::completed) return refuse("Cannot cancel completed goal");
  if (goal.status == GoalStatus::cancelled) return refuse("Cannot cancel goal in Cancelled status");
  return move(goal, GoalStatus::cancelled, note_for(reason, "Goal Cancelled", "cancelled"), now);
}

}  // namespace traction
