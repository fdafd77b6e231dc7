#include "traction/domain/hierarchy.hpp"

#include <fmt/format.h>

namespace traction {
namespace {

std::unexpected<Error> refuse(std::string message) {
  return invalid("parentId", std::move(message));
}

Status check_levels(const std::optional<GoalLevel>& parent_level,
                    const std::optional<GoalLevel>& child_level) {
  if (parent_level == GoalLevel::individual) {
    return refuse("Individual goals are leaves and cannot have child goals");
  }
  if (parent_level && child_level && *child_level <= *parent_level) {
    return refuse(fmt::format("A {} goal cannot be a child of a {} goal: a child's level must be below "
                              "its parent's (company > division > team > individual)",
                              goal_level_text.name(*child_level), goal_level_text.name(*parent_level)));
  }
  return {};
}

}  // namespace

Status check_parent_link(const Goal& child, const Goal& parent, std::span<const Goal> parent_chain,
                         int child_height, const HierarchyPolicy& policy) {
  if (child.id == parent.id) return refuse("A goal cannot be its own parent");
  for (const auto& ancestor : parent_chain) {
    if (ancestor.id == child.id) {
      return refuse(fmt::format("Linking would create a cycle: goal {} is a descendant of goal {}",
                                parent.id, child.id));
    }
  }
  if (auto levels = check_levels(parent.level, child.level); !levels) return levels;
  const auto parent_depth = static_cast<int>(parent_chain.size()) + 1;
  if (parent_depth + child_height > policy.max_depth) {
    return refuse(fmt::format("Maximum hierarchy depth of {} levels would be exceeded ({} levels)",
                              policy.max_depth, parent_depth + child_height));
  }
  return {};
}

Status check_level(const std::optional<GoalLevel>& level, const Goal* parent,
                   std::span<const Goal> children) {
  if (parent) {
    if (auto ok = check_levels(parent->level, level); !ok) {
      return invalid("level", ok.error().message);
    }
  }
  for (const auto& child : children) {
    if (auto ok = check_levels(level, child.level); !ok) {
      return invalid("level", ok.error().message);
    }
  }
  return {};
}

}  // namespace traction
