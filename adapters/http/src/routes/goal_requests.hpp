#pragma once
// Request mapping of the goal side: bodies and query strings into core's request structs.
// Every error names the field (FieldReader / QueryReader); the rules themselves are core's.

#include "traction/domain/activity_rules.hpp"
#include "traction/domain/goal_rules.hpp"
#include "traction/domain/kpi_rules.hpp"
#include "traction/domain/strategy_rules.hpp"
#include "traction/http/field_reader.hpp"
#include "traction/http/query_reader.hpp"
#include "traction/ports/queries.hpp"

namespace traction::http {

[[nodiscard]] Result<GoalDraft> read_goal_draft(const FieldReader& in);
[[nodiscard]] Result<GoalPatch> read_goal_patch(const FieldReader& in);
[[nodiscard]] Result<GoalQuery> read_goal_query(const QueryReader& q);
// The optional `reason` of :activate and :pause.
[[nodiscard]] Result<std::optional<std::string>> read_reason(const FieldReader& in);

[[nodiscard]] Result<StrategyDraft> read_strategy_draft(const FieldReader& in);
[[nodiscard]] Result<StrategyPatch> read_strategy_patch(const FieldReader& in);

[[nodiscard]] Result<KpiDraft> read_kpi_draft(const FieldReader& in);
[[nodiscard]] Result<KpiQuery> read_kpi_query(const QueryReader& q);
[[nodiscard]] Result<ReadingDraft> read_reading_draft(const FieldReader& in);
[[nodiscard]] Result<ReadingQuery> read_reading_query(const QueryReader& q);
[[nodiscard]] Result<KpiLinkDraft> read_link_draft(const FieldReader& in);
[[nodiscard]] Result<KpiLinkPatch> read_link_patch(const FieldReader& in);

[[nodiscard]] Result<ActivityDraft> read_activity_draft(const FieldReader& in);
[[nodiscard]] Result<NoteDraft> read_note_draft(const FieldReader& in);
[[nodiscard]] Result<ActivityQuery> read_activity_query(const QueryReader& q);

}  // namespace traction::http
