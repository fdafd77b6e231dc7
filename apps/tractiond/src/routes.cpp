// Every route of tractiond: the server's own (health, metrics, live feed) and the domain
// route modules of adapters/http/src/routes.
#include "traction/app/app.hpp"
#include "traction/http/domain_routes.hpp"
#include "traction/http/health_routes.hpp"
#include "traction/http/realtime_routes.hpp"

namespace traction::app {
namespace {

// The store answers a read: the health check of GET /health.
Status store_answers(ports::Store& store) {
  return store.read([](ports::Transaction& tx) -> Status {
    auto count = tx.goals().count("health-check");
    if (!count) return std::unexpected(std::move(count.error()));
    return {};
  });
}

// The goal exists in the caller's tenant: the live feed of one goal is 404 otherwise.
Status goal_exists(ports::Store& store, const AuthContext& auth, std::string_view goal_id) {
  auto goal = read_tx(store, [&](ports::Transaction& tx) {
    return tx.goals().find(auth.tenant, goal_id);
  });
  if (!goal) return std::unexpected(std::move(goal.error()));
  if (!*goal) return fail(ErrorCode::goal_not_found, "Goal not found");
  return {};
}

}  // namespace

void register_routes(http::Router& router, AppContext& context) {
  auto& store = context.store;
  http::add_health_routes(router, [&store] { return store_answers(store); }, context.metrics);
  http::add_realtime_routes(router, context.hub,
                            [&store](const AuthContext& auth, std::string_view goal_id) {
                              return goal_exists(store, auth, goal_id);
                            });
  auto& services = context.services;
  http::register_goal_routes(router, services);
  http::register_kpi_routes(router, services);
  http::register_activity_routes(router, services);
  http::register_analytics_routes(router, services);
  http::register_intelligence_routes(router, services);
  http::register_operations_routes(router, services);
}

}  // namespace traction::app
