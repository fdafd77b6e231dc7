#pragma once
// The goal hierarchy (002 link-parent / unlink-parent / hierarchy / children; 004 tree).
// Links are checked by the hierarchy policy; a move re-computes the old and the new
// ancestors in the same transaction.

#include <string_view>
#include <vector>

#include "traction/app/dependencies.hpp"
#include "traction/app/goal_views.hpp"
#include "traction/auth.hpp"

namespace traction {

struct HierarchyNode {
  Goal goal;
  std::vector<HierarchyNode> children;
};

struct GoalHierarchy {
  Goal goal;
  std::vector<Goal> ancestors;            // root first, parent last
  std::vector<HierarchyNode> descendants;  // the goal's children, each with its subtree
};

class HierarchyService {
 public:
  explicit HierarchyService(Dependencies deps) : deps_(deps) {}

  // Makes `parent_id` the goal's parent (moving it when it had another one).
  [[nodiscard]] Result<GoalView> link_parent(const AuthContext& actor, std::string_view goal_id,
                                             std::string_view parent_id);
  // 400 when the goal has no parent.
  [[nodiscard]] Result<GoalView> unlink_parent(const AuthContext& actor, std::string_view goal_id);
  [[nodiscard]] Result<GoalHierarchy> hierarchy(const AuthContext& actor, std::string_view goal_id);
  [[nodiscard]] Result<std::vector<Goal>> children(const AuthContext& actor, std::string_view goal_id);
  [[nodiscard]] Result<std::vector<Goal>> ancestors(const AuthContext& actor, std::string_view goal_id);

 private:
  Dependencies deps_;
};

}  // namespace traction
