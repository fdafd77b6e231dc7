#pragma once
// Role-based permissions (004 "Permissions & Authorization"), applied to every view of a goal:
//   create company goals:            admin
//   create division/team goals:      admin, manager
//   create individual / unlevelled:  everyone (an employee only for themselves)
//   change or delete a goal:         admin, manager; an employee only goals they own
//   move goals in the hierarchy:     admin
//   manage issue types and statuses: admin, manager
// Everyone in a tenant may read every goal of the tenant: goals are meant to be seen for
// alignment (a deliberate difference from 004's "employees see their own", noted in the README).

#include "traction/auth.hpp"
#include "traction/domain/goal.hpp"
#include "traction/error.hpp"

namespace traction {

[[nodiscard]] Status can_create_goal(const AuthContext& actor, const Goal& goal);
[[nodiscard]] Status can_change_goal(const AuthContext& actor, const Goal& goal);
[[nodiscard]] Status can_move_goal(const AuthContext& actor);
[[nodiscard]] Status can_manage_issue_config(const AuthContext& actor);

}  // namespace traction
