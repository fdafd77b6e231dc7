#include "traction/domain/goal_tally.hpp"

#include <algorithm>

namespace traction {

void count_in(GoalTally& tally, const Goal& g) {
  if (g.deleted_at) return;
  auto cell = std::find_if(tally.begin(), tally.end(), [&](const GoalTallyCell& c) {
    return c.status == g.status && c.horizon == g.horizon;
  });
  if (cell == tally.end()) cell = tally.insert(tally.end(), GoalTallyCell{g.status, g.horizon, 0, 0});
  ++cell->goals;
  cell->progress_sum += g.progress;
}

GoalTally tally_goals(std::span<const Goal> goals) {
  GoalTally tally;
  for (const auto& g : goals) count_in(tally, g);
  return tally;
}

}  // namespace traction
