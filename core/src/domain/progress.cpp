#include "traction/domain/progress.hpp"

#include <algorithm>
#include <cmath>

#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

double clamp_percent(double value) { return std::clamp(value, 0.0, 100.0); }

}  // namespace

std::optional<double> kpi_progress(Direction direction, std::optional<double> current,
                                   std::optional<double> target) {
  if (!current || !target) return std::nullopt;
  switch (direction) {
    case Direction::up:
      if (*target == 0) return *current >= 0 ? 100.0 : 0.0;
      return clamp_percent(100.0 * *current / *target);
    case Direction::down:
      // Lower is better: at or under target is 100 %.
      if (*current <= 0) return 100.0;
      return clamp_percent(100.0 * *target / *current);
  }
  return std::nullopt;
}

std::vector<GoalKpiView> goal_kpi_views(const Goal& goal, std::span<const Kpi> kpis,
                                        std::span<const KpiReading> latest_readings) {
  std::vector<GoalKpiView> views;
  views.reserve(goal.kpi_links.size());
  for (const auto& link : goal.kpi_links) {
    GoalKpiView view{link, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    const auto kpi = std::find_if(kpis.begin(), kpis.end(), [&](const Kpi& k) { return k.id == link.kpi_id; });
    if (kpi != kpis.end()) view.kpi = *kpi;
    const auto reading = std::find_if(latest_readings.begin(), latest_readings.end(),
                                      [&](const KpiReading& r) { return r.kpi_id == link.kpi_id; });
    if (reading != latest_readings.end()) {
      view.current_value = reading->effective_value();
      view.current_period = format_year_month(reading->period);
    }
    if (view.kpi) view.progress = kpi_progress(view.kpi->direction, view.current_value, link.target);
    if (view.progress) view.progress = round_to(*view.progress, 2);
    views.push_back(std::move(view));
  }
  return views;
}

ProgressResult compute_progress(const Goal& goal, std::span<const GoalKpiView> kpis) {
  if (goal.calculation_source == CalculationSource::manual && goal.manual_progress) {
    return {round_to(clamp_percent(*goal.manual_progress), 2), ProgressBasis::manual};
  }
  if (goal.children_count > 0) {
    const auto average = goal.children_progress_sum / static_cast<double>(goal.children_count);
    return {round_to(clamp_percent(average), 2), ProgressBasis::children};
  }
  double weighted = 0;
  double weights = 0;
  for (const auto& view : kpis) {
    if (!view.progress) continue;
    weighted += view.link.weight * *view.progress;
    weights += view.link.weight;
  }
  if (weights > 0) return {round_to(clamp_percent(weighted / weights), 2), ProgressBasis::kpis};
  return {round_to(clamp_percent(goal.entered_progress), 2), ProgressBasis::entered};
}

Status set_manual_progress(Goal& goal, double progress, std::string_view justification) {
  auto value = number_in("progress", progress, 0, 100);
  if (!value) return fail(value.error());
  const auto reason = trimmed(justification);
  if (text_length(reason) < min_justification_length) {
    return invalid("justification", "justification must be at least 10 characters");
  }
  if (text_length(reason) > limits::long_text) {
    return invalid("justification", "justification must be at most 10000 characters");
  }
  goal.calculation_source = CalculationSource::manual;
  goal.manual_progress = *value;
  goal.manual_reason = reason;
  return {};
}

void clear_manual_progress(Goal& goal) {
  goal.calculation_source = CalculationSource::automatic;
  goal.manual_progress.reset();
  goal.manual_reason.clear();
}

void child_progress_changed(Goal& parent, double before, double after) {
  parent.children_progress_sum += after - before;
}

void child_added(Goal& parent, double progress) {
  parent.children_count += 1;
  parent.children_progress_sum += progress;
}

void child_removed(Goal& parent, double progress) {
  parent.children_count = std::max<std::int64_t>(0, parent.children_count - 1);
  parent.children_progress_sum = parent.children_count == 0 ? 0 : parent.children_progress_sum - progress;
}

}  // namespace traction
