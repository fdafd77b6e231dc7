#include "traction/domain/kpi_rules.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

constexpr double max_value = std::numeric_limits<double>::max();

Result<double> finite(std::string_view field, double value) {
  return number_in(field, value, -max_value, max_value);
}

std::unexpected<Error> link_not_found(std::string_view kpi_id) {
  return fail(ErrorCode::kpi_link_not_found, fmt::format("KPI {} is not linked to this goal", kpi_id));
}

Status check_link_numbers(const std::optional<double>& threshold, const std::optional<double>& weight,
                          const std::optional<double>& target) {
  if (threshold) {
    if (auto t = number_in("thresholdPct", *threshold, 0, 100); !t) return fail(t.error());
  }
  if (weight && (!std::isfinite(*weight) || *weight <= 0 || *weight > 100)) {
    return invalid("weight", "weight must be a number greater than 0 and at most 100");
  }
  if (target) {
    if (auto t = finite("target", *target); !t) return fail(t.error());
  }
  return {};
}

}  // namespace

Result<Kpi> make_kpi(const KpiDraft& draft, const AuthContext& actor, std::string id, Timestamp now) {
  Kpi kpi;
  kpi.id = std::move(id);
  kpi.tenant = actor.tenant;
  auto name = required_text("name", draft.name, limits::name);
  if (!name) return fail(name.error());
  kpi.name = std::move(*name);
  auto description = bounded_text("description", draft.description, limits::long_text);
  if (!description) return fail(description.error());
  kpi.description = std::move(*description);
  auto category = bounded_text("category", draft.category, limits::short_text);
  if (!category) return fail(category.error());
  kpi.category = trimmed(*category);
  auto unit = bounded_text("unit", draft.unit, limits::short_text);
  if (!unit) return fail(unit.error());
  kpi.unit = std::move(*unit);
  auto formula = bounded_text("formula", draft.formula, limits::long_text);
  if (!formula) return fail(formula.error());
  kpi.formula = std::move(*formula);
  kpi.direction = draft.direction.value_or(Direction::up);
  kpi.is_shared = draft.is_shared.value_or(true);
  if (draft.owner_id) {
    auto owner = required_text("ownerId", *draft.owner_id, limits::id);
    if (!owner) return fail(owner.error());
    kpi.owner_id = std::move(*owner);
  } else {
    kpi.owner_id = actor.user_id;
  }
  kpi.created_at = now;
  kpi.updated_at = now;
  kpi.created_by = actor.user_id;
  return kpi;
}

Result<KpiReading> make_reading(const Kpi& kpi, const ReadingDraft& draft, const AuthContext& actor,
                                std::string id, Timestamp now) {
  if (!draft.period) return invalid("period", "period is required (YYYY-MM)");
  if (!draft.value) return invalid("value", "value is required");
  auto value = finite("value", *draft.value);
  if (!value) return fail(value.error());
  if (draft.adjusted_value) {
    if (auto adjusted = finite("adjustedValue", *draft.adjusted_value); !adjusted) {
      return fail(adjusted.error());
    }
  }
  auto reason = bounded_text("reason", draft.reason, limits::long_text);
  if (!reason) return fail(reason.error());
  KpiReading reading;
  reading.id = std::move(id);
  reading.tenant = kpi.tenant;
  reading.kpi_id = kpi.id;
  reading.period = *draft.period;
  reading.value = *value;
  reading.adjusted_value = draft.adjusted_value;
  reading.reason = std::move(*reason);
  reading.created_at = now;
  reading.created_by = actor.user_id;
  return reading;
}

Result<KpiReading> resolve_period_clash(const KpiReading& existing, KpiReading incoming, bool replace) {
  if (!replace) {
    return fail(ErrorCode::duplicate_reading,
                fmt::format("A reading for period {} already exists for this KPI; send \"replace\": true "
                            "to overwrite it",
                            format_year_month(existing.period)),
                "period");
  }
  incoming.id = existing.id;
  incoming.created_at = existing.created_at;
  return incoming;
}

Result<GoalKpiLink> link_kpi(Goal& goal, const KpiLinkDraft& draft, std::string id, Timestamp now) {
  auto kpi_id = required_text("kpiId", draft.kpi_id, limits::id);
  if (!kpi_id) return fail(kpi_id.error());
  if (!draft.threshold_pct) return invalid("thresholdPct", "thresholdPct is required");
  if (auto numbers = check_link_numbers(draft.threshold_pct, draft.weight, draft.target); !numbers) {
    return fail(numbers.error());
  }
  if (goal.find_link(*kpi_id)) {
    return invalid("kpiId", fmt::format("KPI {} is already linked to this goal", *kpi_id));
  }
  if (goal.kpi_links.size() >= max_kpi_links_per_goal) {
    return invalid("kpiId", fmt::format("A goal links at most {} KPIs", max_kpi_links_per_goal));
  }
  GoalKpiLink link{std::move(id), std::move(*kpi_id), *draft.threshold_pct, draft.weight.value_or(1.0),
                   draft.target, now};
  goal.kpi_links.push_back(link);
  goal.updated_at = now;
  return link;
}

Status unlink_kpi(Goal& goal, std::string_view kpi_id, Timestamp now) {
  const auto before = goal.kpi_links.size();
  std::erase_if(goal.kpi_links, [&](const GoalKpiLink& l) { return l.kpi_id == kpi_id; });
  if (goal.kpi_links.size() == before) return link_not_found(kpi_id);
  goal.updated_at = now;
  return {};
}

Result<GoalKpiLink> update_kpi_link(Goal& goal, std::string_view kpi_id, const KpiLinkPatch& patch,
                                    Timestamp now) {
  auto* link = goal.find_link(kpi_id);
  if (!link) return link_not_found(kpi_id);
  const auto target = patch.target ? *patch.target : std::optional<double>{};
  if (auto numbers = check_link_numbers(patch.threshold_pct, patch.weight, target); !numbers) {
    return fail(numbers.error());
  }
  if (patch.threshold_pct) link->threshold_pct = *patch.threshold_pct;
  if (patch.weight) link->weight = *patch.weight;
  if (patch.target) link->target = *patch.target;
  goal.updated_at = now;
  return *link;
}

}  // namespace traction
