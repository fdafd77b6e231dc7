#pragma once
// Internal: walking a goal's ancestors and subtree, shared by the goal and hierarchy use cases.

#include <vector>

#include "traction/app/hierarchy_service.hpp"
#include "write_scope.hpp"

namespace traction::detail {

// The goal's ancestors, nearest first, at most `limit` of them.
[[nodiscard]] Result<std::vector<Goal>> ancestors_of(ports::Transaction& tx, const Goal& goal, int limit);

// Levels in the subtree rooted at `goal` (1 for a leaf), looked at no deeper than `limit`.
[[nodiscard]] Result<int> subtree_height(ports::Transaction& tx, const Goal& goal, int limit);

// The goal's children, each with its subtree, at most `limit` levels deep.
[[nodiscard]] Result<std::vector<HierarchyNode>> subtree_of(ports::Transaction& tx, const Goal& goal, int limit);

// May `goal` hang under the live goal `parent_id` of the actor's tenant? Returns the parent.
[[nodiscard]] Result<Goal> checked_parent(Scope& scope, const Goal& goal, std::string_view parent_id);

// Moves the goal under `new_parent` (or to the top when nullopt): it leaves its old parent's
// roll-up, joins the new one's, and the move is audited. The caller has checked the policy
// and stores the goal afterwards.
[[nodiscard]] Status move_goal(Scope& scope, Goal& goal, const std::optional<std::string>& new_parent);

}  // namespace traction::detail
