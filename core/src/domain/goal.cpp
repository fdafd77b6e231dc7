#include "traction/domain/goal.hpp"

#include <algorithm>

namespace traction {
namespace {

template <class Vec>
auto* find_by(Vec& items, std::string_view key, auto member) {
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const auto& item) { return item.*member == key; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Strategy* Goal::find_strategy(std::string_view strategy_id) const {
  return find_by(strategies, strategy_id, &Strategy::id);
}
Strategy* Goal::find_strategy(std::string_view strategy_id) {
  return find_by(strategies, strategy_id, &Strategy::id);
}
const GoalKpiLink* Goal::find_link(std::string_view kpi_id) const {
  return find_by(kpi_links, kpi_id, &GoalKpiLink::kpi_id);
}
GoalKpiLink* Goal::find_link(std::string_view kpi_id) {
  return find_by(kpi_links, kpi_id, &GoalKpiLink::kpi_id);
}

}  // namespace traction
