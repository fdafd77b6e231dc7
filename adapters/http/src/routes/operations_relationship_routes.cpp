// 001 "Relationship Management": replacing and clearing an action's links, the batch
// reads (maps of id to list), and KPI updates recorded from an action.
#include "routes/goal_json.hpp"
#include "routes/operations_json.hpp"
#include "routes/operations_requests.hpp"
#include "routes/operations_routes.hpp"
#include "routes/route_support.hpp"

namespace traction::http {
namespace {

auto id_list(FieldNames names) {
  return [names](const FieldReader& in) { return read_id_list(in, names); };
}

}  // namespace

void register_operations_relationship_routes(Router& router, OperationsService& operations) {
  router.put("/api/operations/actions/{actionId}/goals", [&operations](const Request& req) {
    return with_body(req, id_list({"goalIds", "goal_ids"}), [&](std::vector<std::string> ids) {
      return reply(operations.set_action_goals(actor(req), req.param("actionId"), ids));
    });
  });
  router.put("/api/operations/actions/{actionId}/strategies", [&operations](const Request& req) {
    return with_body(req, id_list({"strategyIds", "strategy_ids"}), [&](std::vector<std::string> ids) {
      return reply(operations.set_action_strategies(actor(req), req.param("actionId"), ids));
    });
  });
  router.del("/api/operations/actions/{actionId}/relationships", [&operations](const Request& req) {
    return reply(operations.clear_action_relationships(actor(req), req.param("actionId")));
  });

  router.post("/api/operations/actions/goals", [&operations](const Request& req) {
    return with_body(req, id_list({"actionIds", "action_ids"}), [&](std::vector<std::string> ids) {
      return respond(operations.action_goals(actor(req), ids), action_goals_json);
    });
  });
  router.post("/api/operations/actions/strategies", [&operations](const Request& req) {
    return with_body(req, id_list({"actionIds", "action_ids"}), [&](std::vector<std::string> ids) {
      return respond(operations.action_strategies(actor(req), ids), action_strategies_json);
    });
  });
  router.post("/api/operations/goals/kpis", [&operations](const Request& req) {
    return with_body(req, id_list({"goalIds", "goal_ids"}), [&](std::vector<std::string> ids) {
      return respond(operations.goal_kpis(actor(req), ids), goal_kpis_json);
    });
  });

  router.post("/api/operations/kpi-updates", [&operations](const Request& req) {
    return with_body(req, read_kpi_update,
                     [&](KpiUpdateDraft d) { return reply(operations.record_kpi_update(actor(req), d), 201); });
  });
}

}  // namespace traction::http
