#pragma once
// The goal hierarchy policy (DESIGN.md "Hierarchy", 002 + 004): no self link, no cycles, a
// maximum depth (default 4 levels, set per deployment), a child's level strictly below its
// parent's when both have one (company > division > team > individual), individual goals
// are leaves. Parent and child are in the same tenant (the use case only finds the parent
// within the caller's tenant).

#include <span>
#include <string>

#include "traction/domain/goal.hpp"
#include "traction/error.hpp"

namespace traction {

struct HierarchyPolicy {
  int max_depth = 4;  // levels, the root counting as one
};

// May `child` hang under `parent`? `parent_chain` is the parent's ancestors, nearest first
// (not the parent itself); `child_height` is the number of levels of the child's subtree
// (1 for a goal without children).
[[nodiscard]] Status check_parent_link(const Goal& child, const Goal& parent,
                                       std::span<const Goal> parent_chain, int child_height,
                                       const HierarchyPolicy& policy);

// May a goal with a parent (optional) and children take `level`?
[[nodiscard]] Status check_level(const std::optional<GoalLevel>& level, const Goal* parent,
                                 std::span<const Goal> children);

}  // namespace traction
