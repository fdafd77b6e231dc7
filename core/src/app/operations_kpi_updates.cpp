// OperationsService: POST /api/operations/kpi-updates — a KPI reading recorded from an
// action; the goals linked to the KPI are re-computed (and their ancestors) in the same
// transaction, as for POST /kpis/{id}/readings.
#include <fmt/format.h>

#include "operations_support.hpp"
#include "reading_recorder.hpp"
#include "traction/app/operations_service.hpp"

namespace traction {
namespace {

// The reading rules name their own fields; the request names them differently.
Error in_request_terms(Error error) {
  if (error.field == "value") error.field = "newValue";
  if (error.field == "reason") error.field = "notes";
  if (error.field == "period") error.field = "updateDate";
  return error;
}

}  // namespace

Result<KpiUpdateResult> OperationsService::record_kpi_update(const AuthContext& actor, const KpiUpdateDraft& draft) {
  if (draft.action_id.empty()) return invalid("actionId", "actionId is required.");
  if (draft.kpi_id.empty()) return invalid("kpiId", "kpiId (or sharedKpiId) is required.");
  if (!draft.new_value) return invalid("newValue", "newValue is required.");
  return write_tx(deps_.store, [&](ports::Transaction& tx) -> Result<KpiUpdateResult> {
    detail::Scope scope{tx, actor, deps_.clock.now(), deps_.ids, deps_.settings};
    auto action = tx.actions().find(actor.tenant, draft.action_id);
    if (!action) return fail(action.error());
    if (!*action) {
      return invalid("actionId", fmt::format("actionId: no action \"{}\" exists in this tenant.", draft.action_id));
    }
    auto kpi = tx.kpis().find(actor.tenant, draft.kpi_id);
    if (!kpi) return fail(kpi.error());
    if (!*kpi) return invalid("kpiId", fmt::format("kpiId: no KPI \"{}\" exists in this tenant.", draft.kpi_id));

    ReadingDraft reading;
    reading.period = year_month_of(draft.update_date.value_or(date_of(scope.now)));
    reading.value = draft.new_value;
    reading.reason = draft.notes;
    reading.replace = draft.replace;
    auto recorded = detail::record_reading(scope, **kpi, reading, (*action)->id);
    if (!recorded) return fail(in_request_terms(std::move(recorded.error())));

    auto goal_ids = tx.goals().goals_linking_kpi(actor.tenant, (*kpi)->id);
    if (!goal_ids) return fail(goal_ids.error());
    KpiUpdateResult result{std::move(*recorded), {}};
    result.goals.reserve(goal_ids->size());
    for (const auto& goal_id : *goal_ids) {
      auto goal = detail::load_goal(tx, actor.tenant, goal_id);
      if (!goal) return fail(goal.error());
      result.goals.push_back(std::move(*goal));
    }
    return result;
  });
}

}  // namespace traction
