#pragma once
// The goal status machine of 001 (:activate, :pause, :close), the one machine for every
// view (DESIGN.md). Transitions:
//   activate: draft -> active ("Goal Started"), paused -> active ("Goal Resumed")
//   pause:    active -> paused ("Goal Paused")
//   close:    completed: active -> completed (sets completedAt)
//             cancelled: draft | active | paused -> cancelled
// Anything else is 400 INVALID_STATUS_TRANSITION with 001's messages.

#include <optional>
#include <string>

#include "traction/domain/goal.hpp"
#include "traction/enum_text.hpp"
#include "traction/error.hpp"

namespace traction {

enum class FinalStatus { completed, cancelled };
inline constexpr EnumText<FinalStatus, 2> final_status_text{{{
    {FinalStatus::completed, "completed"},
    {FinalStatus::cancelled, "cancelled"},
}}};

// The activity entry a transition writes when the request gave a (non-blank) reason.
struct TransitionNote {
  std::string title;  // "Goal Started"
  std::string text;   // "Goal started: {reason}"
  friend bool operator==(const TransitionNote&, const TransitionNote&) = default;
};

struct TransitionResult {
  GoalStatus from = GoalStatus::draft;
  GoalStatus to = GoalStatus::draft;
  std::optional<TransitionNote> note;
};

[[nodiscard]] Result<TransitionResult> activate_goal(Goal& goal,
                                                     const std::optional<std::string>& reason,
                                                     Timestamp now);
[[nodiscard]] Result<TransitionResult> pause_goal(Goal& goal, const std::optional<std::string>& reason,
                                                  Timestamp now);
[[nodiscard]] Result<TransitionResult> close_goal(Goal& goal, FinalStatus final_status,
                                                  const std::optional<std::string>& reason,
                                                  Timestamp now);

}  // namespace traction
