// 001 "Analytics Endpoints" and 002 GET /goals/analytics.
#include "routes/analytics_json.hpp"
#include "routes/route_support.hpp"
#include "traction/http/domain_routes.hpp"

namespace traction::http {
namespace {

Result<GoalAnalyticsFilter> read_analytics_filter(const QueryReader& q) {
  GoalAnalyticsFilter filter;
  auto type = q.string("type", limits::short_text);
  if (!type) return std::unexpected(type.error());
  filter.type = *type;
  auto owner_type = q.string({"ownerType", "owner_type"}, limits::short_text);
  if (!owner_type) return std::unexpected(owner_type.error());
  filter.owner_type = *owner_type;
  auto start = q.date({"startDate", "start_date"});
  if (!start) return std::unexpected(start.error());
  filter.start_date = *start;
  return filter;
}

}  // namespace

void register_analytics_routes(Router& router, Services& services) {
  auto& analytics = services.analytics;
  router.get("/goals/stats", [&analytics](const Request& req) { return reply(analytics.goal_stats(actor(req))); });
  router.get("/performance/score",
             [&analytics](const Request& req) { return reply(analytics.performance_score(actor(req))); });
  router.get("/team/alignment", [&analytics](const Request& req) { return reply(analytics.team_alignment(actor(req))); });
  const auto goal_analytics = [&analytics](const Request& req) {
    auto filter = read_analytics_filter(QueryReader{req});
    if (!filter) return error_response(filter.error());
    return reply(analytics.goal_analytics(actor(req), *filter));
  };
  router.get("/goals/analytics", goal_analytics);
  router.get("/api/goals/analytics", goal_analytics);
}

}  // namespace traction::http
