#pragma once
// A tenant's live goals counted by status and horizon, with their progress summed: all that
// goal stats need, so that a store may count the goals where they lie instead of handing
// every goal over. The stats formula itself stays in analytics (goal_stats).

#include <cstdint>
#include <span>
#include <vector>

#include "traction/domain/goal.hpp"

namespace traction {

struct GoalTallyCell {
  GoalStatus status = GoalStatus::draft;
  Horizon horizon = Horizon::year;
  std::int64_t goals = 0;
  double progress_sum = 0;
  friend bool operator==(const GoalTallyCell&, const GoalTallyCell&) = default;
};

// One cell per (status, horizon) that has goals, in any order.
using GoalTally = std::vector<GoalTallyCell>;

// Counts `goal` into `tally` when it is live.
void count_in(GoalTally& tally, const Goal& goal);

// The tally of the live goals among `goals`.
[[nodiscard]] GoalTally tally_goals(std::span<const Goal> goals);

}  // namespace traction
