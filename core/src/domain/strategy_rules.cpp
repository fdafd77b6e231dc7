#include "traction/domain/strategy_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

Status check_order(const std::optional<int>& order) {
  if (order && *order < 1) return invalid("order", "order must be a positive integer");
  return {};
}

// Moves strategies[from] to position `order` (1-based, clamped) and renumbers 1..n.
void place(std::vector<Strategy>& strategies, std::size_t from, int order) {
  auto item = std::move(strategies[from]);
  strategies.erase(strategies.begin() + static_cast<std::ptrdiff_t>(from));
  const auto max_pos = strategies.size();
  const auto pos = std::min(static_cast<std::size_t>(order - 1), max_pos);
  strategies.insert(strategies.begin() + static_cast<std::ptrdiff_t>(pos), std::move(item));
  int next = 1;
  for (auto& s : strategies) s.order = next++;
}

std::unexpected<Error> strategy_not_found(std::string_view id) {
  return fail(ErrorCode::strategy_not_found, fmt::format("Strategy {} not found on this goal", id));
}

std::size_t index_of(const Goal& goal, std::string_view id) {
  const auto it = std::find_if(goal.strategies.begin(), goal.strategies.end(),
                               [&](const Strategy& s) { return s.id == id; });
  return static_cast<std::size_t>(it - goal.strategies.begin());
}

}  // namespace

Result<Strategy> add_strategy(Goal& goal, const StrategyDraft& draft, std::string id, Timestamp now) {
  auto description = required_text("description", draft.description, limits::long_text);
  if (!description) return fail(description.error());
  if (auto order = check_order(draft.order); !order) return fail(order.error());
  if (goal.strategies.size() >= max_strategies_per_goal) {
    return invalid("strategies", fmt::format("A goal has at most {} strategies", max_strategies_per_goal));
  }
  Strategy strategy{std::move(id), goal.id, std::move(*description),
                    draft.status.value_or(StrategyStatus::draft), 0, now, now};
  goal.strategies.push_back(strategy);
  const auto last = static_cast<int>(goal.strategies.size());
  place(goal.strategies, goal.strategies.size() - 1, draft.order.value_or(last));
  goal.updated_at = now;
  return *goal.find_strategy(strategy.id);
}

Result<Strategy> update_strategy(Goal& goal, std::string_view strategy_id, const StrategyPatch& patch,
                                 Timestamp now) {
  const auto index = index_of(goal, strategy_id);
  if (index == goal.strategies.size()) return strategy_not_found(strategy_id);
  if (auto order = check_order(patch.order); !order) return fail(order.error());
  auto& strategy = goal.strategies[index];
  if (patch.description) {
    auto description = required_text("description", *patch.description, limits::long_text);
    if (!description) return fail(description.error());
    strategy.description = std::move(*description);
  }
  if (patch.status) strategy.status = *patch.status;
  strategy.updated_at = now;
  if (patch.order) place(goal.strategies, index, *patch.order);
  goal.updated_at = now;
  return *goal.find_strategy(strategy_id);
}

Status remove_strategy(Goal& goal, std::string_view strategy_id, Timestamp now) {
  const auto index = index_of(goal, strategy_id);
  if (index == goal.strategies.size()) return strategy_not_found(strategy_id);
  goal.strategies.erase(goal.strategies.begin() + static_cast<std::ptrdiff_t>(index));
  int next = 1;
  for (auto& s : goal.strategies) s.order = next++;
  goal.updated_at = now;
  return {};
}

Status reorder_strategies(Goal& goal, std::span<const std::string> strategy_ids, Timestamp now) {
  std::unordered_set<std::string_view> seen;
  for (const auto& id : strategy_ids) {
    if (!seen.insert(id).second) {
      return invalid("strategyIds", fmt::format("strategyIds names {} more than once", id));
    }
    if (!goal.find_strategy(id)) {
      return invalid("strategyIds", fmt::format("Strategy {} is not one of this goal's strategies", id));
    }
  }
  if (strategy_ids.size() != goal.strategies.size()) {
    return invalid("strategyIds",
                   fmt::format("strategyIds must list all {} of the goal's strategies exactly once",
                               goal.strategies.size()));
  }
  std::vector<Strategy> ordered;
  ordered.reserve(goal.strategies.size());
  int next = 1;
  for (const auto& id : strategy_ids) {
    auto strategy = *goal.find_strategy(id);
    strategy.order = next++;
    strategy.updated_at = now;
    ordered.push_back(std::move(strategy));
  }
  goal.strategies = std::move(ordered);
  goal.updated_at = now;
  return {};
}

}  // namespace traction
