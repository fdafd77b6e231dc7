#include "traction/domain/permissions.hpp"

#include <fmt/format.h>

namespace traction {
namespace {

std::unexpected<Error> refuse(std::string message) {
  return fail(ErrorCode::insufficient_permissions, std::move(message));
}

}  // namespace

Status can_create_goal(const AuthContext& actor, const Goal& goal) {
  if (actor.role == Role::admin) return {};
  if (goal.level == GoalLevel::company) return refuse("Only admins can create company goals");
  if (actor.role == Role::manager) return {};
  if (goal.level == GoalLevel::division || goal.level == GoalLevel::team) {
    return refuse(fmt::format("Employees cannot create {} goals", goal_level_text.name(*goal.level)));
  }
  if (goal.owner_id != actor.user_id) return refuse("Employees can only create goals they own");
  return {};
}

Status can_change_goal(const AuthContext& actor, const Goal& goal) {
  if (actor.role != Role::employee) return {};
  if (goal.owner_id == actor.user_id) return {};
  return refuse("Employees can only change goals they own");
}

Status can_move_goal(const AuthContext& actor) {
  if (actor.role == Role::admin) return {};
  return refuse("Only admins can move goals in the hierarchy");
}

Status can_manage_issue_config(const AuthContext& actor) {
  if (actor.role != Role::employee) return {};
  return refuse("Only admins and managers can manage issue types and statuses");
}

}  // namespace traction
