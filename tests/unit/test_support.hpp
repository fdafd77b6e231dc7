#pragma once
// Shared values for core unit tests.

#include "traction/auth.hpp"
#include "traction/domain/goal_rules.hpp"
#include "traction/time.hpp"

namespace traction::test {

inline AuthContext admin() { return {"acme", "u-admin", "Ada Admin", Role::admin}; }
inline AuthContext manager() { return {"acme", "u-manager", "Max Manager", Role::manager}; }
inline AuthContext employee() { return {"acme", "u-emp", "Eve Employee", Role::employee}; }

inline Timestamp at(const char* iso) { return *parse_timestamp(iso); }
inline Timestamp t0() { return at("2025-01-15T10:00:00Z"); }

inline GoalDraft draft(std::string title = "Grow revenue") {
  GoalDraft d;
  d.title = std::move(title);
  d.horizon = Horizon::quarter;
  return d;
}

inline Goal goal_in(GoalStatus status, std::string id = "g1") {
  auto goal = *make_goal(draft(), admin(), std::move(id), t0());
  goal.status = status;
  return goal;
}

}  // namespace traction::test
