#pragma once
// The domain route modules: each registers one resource's 001/002 endpoints on the router,
// mapping requests to core use cases and results to JSON.

#include "traction/app/services.hpp"
#include "traction/http/router.hpp"

namespace traction::http {

// /goals, /goals/{id}, :activate, :pause, :close, strategies, KPI links.
void register_goal_routes(Router& router, Services& services);
// /kpis, /kpis/{id}, /kpis/{id}/readings.
void register_kpi_routes(Router& router, Services& services);
// /goals/{id}/activity, /goals/{id}/notes, /activity/recent.
void register_activity_routes(Router& router, Services& services);
// /goals/stats, /performance/score, /team/alignment, /goals/analytics (and /api/goals/analytics).
void register_analytics_routes(Router& router, Services& services);
// 002: link-parent, unlink-parent, hierarchy, children, ancestors, recalculate,
// manual-adjustment (and :clear), audit, progress-history, forecast — under /goals/{id}/...
// and /api/goals/{id}/...
void register_intelligence_routes(Router& router, Services& services);
// 001 operations: /api/operations/actions, issues, issue-types, issue-statuses, relationships
// and kpi-updates.
void register_operations_routes(Router& router, Services& services);

}  // namespace traction::http
