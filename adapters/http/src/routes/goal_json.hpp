#pragma once
// Response mapping of the goal side (001 data models, camelCase) with Boost.JSON tag_invoke.
// The overloads live in namespace traction so that argument-dependent lookup finds them for
// boost::json::value_from(goal) — in the adapter, never in core.

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <string_view>

#include "traction/app/goal_views.hpp"
#include "traction/app/hierarchy_service.hpp"
#include "traction/app/kpi_service.hpp"
#include "traction/app/progress_service.hpp"
#include "traction/domain/activity.hpp"
#include "traction/domain/audit.hpp"
#include "traction/domain/feed.hpp"
#include "traction/domain/kpi.hpp"

namespace traction {

void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const GoalView& view);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Goal& goal);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Strategy& strategy);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const GoalKpiView& view);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Kpi& kpi);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const KpiReading& reading);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const KpiDetail& detail);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Activity& activity);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const FeedEntry& entry);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const AuditEntry& entry);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const ProgressSnapshot& snapshot);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Recalculation& result);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const HierarchyNode& node);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const GoalHierarchy& hierarchy);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const GoalDeleted& deleted);

// 001's GoalKPI: a goal's KPI link as it stands in the goal's kpis[], with the goal's id
// (GoalKpiView itself does not carry it). Every reply with a link uses this one mapping.
[[nodiscard]] boost::json::value goal_kpi_json(const GoalKpiView& view, std::string_view goal_id);

}  // namespace traction
