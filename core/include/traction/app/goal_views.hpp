#pragma once
// What goal use cases answer with: the goal and its linked KPIs as 001's GoalKPI.

#include <string>
#include <vector>

#include "traction/domain/goal.hpp"
#include "traction/domain/progress.hpp"
#include "traction/time.hpp"

namespace traction {

struct GoalView {
  Goal goal;
  std::vector<GoalKpiView> kpis;
};

struct GoalDeleted {
  std::string id;
  Timestamp deleted_at{};
};

}  // namespace traction
