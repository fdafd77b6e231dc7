#include "reading_recorder.hpp"

#include <fmt/format.h>

#include "traction/domain/event.hpp"

namespace traction::detail {

Result<Kpi> load_kpi(ports::Transaction& tx, std::string_view tenant, std::string_view id) {
  auto found = tx.kpis().find(tenant, id);
  if (!found) return fail(found.error());
  if (!*found) return fail(ErrorCode::kpi_not_found, fmt::format("KPI {} not found", id));
  return std::move(**found);
}

Result<KpiReading> record_reading(Scope& scope, const Kpi& kpi, const ReadingDraft& draft,
                                  std::string source_action_id) {
  auto reading = make_reading(kpi, draft, scope.actor, scope.ids.next(), scope.now);
  if (!reading) return reading;
  reading->source_action_id = std::move(source_action_id);
  auto existing = scope.tx.kpis().find_reading(kpi.tenant, kpi.id, reading->period);
  if (!existing) return fail(existing.error());
  if (*existing) {
    auto replaced = resolve_period_clash(**existing, std::move(*reading), draft.replace);
    if (!replaced) return replaced;
    reading = std::move(replaced);
    if (auto s = scope.tx.kpis().replace_reading(*reading); !s) return fail(s.error());
  } else {
    if (auto s = scope.tx.kpis().insert_reading(*reading); !s) return fail(s.error());
  }

  auto goal_ids = scope.tx.goals().goals_linking_kpi(kpi.tenant, kpi.id);
  if (!goal_ids) return fail(goal_ids.error());
  const auto why = fmt::format("KPI \"{}\" reading for {}", kpi.name, format_year_month(reading->period));
  for (const auto& goal_id : *goal_ids) {
    auto goal = load_goal(scope.tx, kpi.tenant, goal_id);
    if (!goal) return fail(goal.error());
    if (auto s = save_goal(scope, *goal, why); !s) return fail(s.error());
    DomainEvent event{0, kpi.tenant, goal_id, scope.now,
                      KpiReadingCreated{kpi.id, reading->id, format_year_month(reading->period),
                                        reading->value, reading->adjusted_value, reading->created_at}};
    if (auto s = scope.tx.events().append(event); !s) return fail(s.error());
  }
  if (auto s = record_feed(scope, "kpi_updated", "kpi", kpi.id, kpi.name,
                           fmt::format("KPI \"{}\" reading {} for {}", kpi.name, reading->effective_value(),
                                       format_year_month(reading->period)));
      !s) {
    return fail(s.error());
  }
  return reading;
}

}  // namespace traction::detail
