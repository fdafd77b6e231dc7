#include "hierarchy_queries.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace traction::detail {

Result<std::vector<Goal>> ancestors_of(ports::Transaction& tx, const Goal& goal, int limit) {
  std::vector<Goal> chain;
  auto next = goal.parent_id;
  while (next && static_cast<int>(chain.size()) < limit) {
    auto parent = tx.goals().find(goal.tenant, *next);
    if (!parent) return fail(parent.error());
    if (!*parent) break;
    next = (*parent)->parent_id;
    chain.push_back(std::move(**parent));
  }
  return chain;
}

Result<int> subtree_height(ports::Transaction& tx, const Goal& goal, int limit) {
  if (goal.children_count == 0 || limit <= 1) return 1;
  auto children = tx.goals().children(goal.tenant, goal.id);
  if (!children) return fail(children.error());
  int deepest = 0;
  for (const auto& child : *children) {
    auto height = subtree_height(tx, child, limit - 1);
    if (!height) return height;
    deepest = std::max(deepest, *height);
  }
  return deepest + 1;
}

Result<std::vector<HierarchyNode>> subtree_of(ports::Transaction& tx, const Goal& goal, int limit) {
  std::vector<HierarchyNode> nodes;
  if (goal.children_count == 0 || limit <= 0) return nodes;
  auto children = tx.goals().children(goal.tenant, goal.id);
  if (!children) return fail(children.error());
  nodes.reserve(children->size());
  for (auto& child : *children) {
    auto below = subtree_of(tx, child, limit - 1);
    if (!below) return fail(below.error());
    nodes.push_back(HierarchyNode{std::move(child), std::move(*below)});
  }
  return nodes;
}

Result<Goal> checked_parent(Scope& scope, const Goal& goal, std::string_view parent_id) {
  auto parent = scope.tx.goals().find(scope.actor.tenant, parent_id);
  if (!parent) return fail(parent.error());
  if (!*parent) return invalid("parentId", fmt::format("Parent goal {} does not exist", parent_id));
  // One more than the policy allows is enough to see every violation (and any cycle).
  const auto depth_limit = scope.settings.hierarchy.max_depth + 1;
  auto chain = ancestors_of(scope.tx, **parent, depth_limit);
  if (!chain) return fail(chain.error());
  auto height = subtree_height(scope.tx, goal, depth_limit);
  if (!height) return fail(height.error());
  if (auto ok = check_parent_link(goal, **parent, *chain, *height, scope.settings.hierarchy); !ok) {
    return fail(ok.error());
  }
  return std::move(**parent);
}

Status move_goal(Scope& scope, Goal& goal, const std::optional<std::string>& new_parent) {
  const auto old_parent = goal.parent_id;
  if (auto s = leave_parent(scope, goal); !s) return s;
  goal.parent_id = new_parent;
  if (auto s = join_parent(scope, goal); !s) return s;
  const auto action = new_parent ? (old_parent ? "parent_changed" : "parent_linked") : "parent_unlinked";
  return audit(scope, goal, action, "parentId", old_parent.value_or(""), new_parent.value_or(""));
}

}  // namespace traction::detail
