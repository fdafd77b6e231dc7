#pragma once
// A goal's strategies (001 "Strategy Management"). Strategies are kept ordered 1..n: a new
// or moved strategy takes the order it asks for (clamped to 1..n) and the others shift.

#include <optional>
#include <span>
#include <string>

#include "traction/domain/goal.hpp"
#include "traction/error.hpp"

namespace traction {

inline constexpr std::size_t max_strategies_per_goal = 100;

struct StrategyDraft {
  std::string description;
  std::optional<StrategyStatus> status;  // default draft
  std::optional<int> order;              // default: last
};

struct StrategyPatch {
  std::optional<std::string> description;
  std::optional<StrategyStatus> status;
  std::optional<int> order;
};

[[nodiscard]] Result<Strategy> add_strategy(Goal& goal, const StrategyDraft& draft, std::string id,
                                            Timestamp now);
[[nodiscard]] Result<Strategy> update_strategy(Goal& goal, std::string_view strategy_id,
                                               const StrategyPatch& patch, Timestamp now);
[[nodiscard]] Status remove_strategy(Goal& goal, std::string_view strategy_id, Timestamp now);
// The ids must be exactly the goal's strategies, each once; they get orders 1..n.
[[nodiscard]] Status reorder_strategies(Goal& goal, std::span<const std::string> strategy_ids,
                                        Timestamp now);

}  // namespace traction
