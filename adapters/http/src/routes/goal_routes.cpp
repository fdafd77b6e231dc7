// 001 "Goals Management", "Strategy Management", "KPI-Goal Linkage".
#include "routes/goal_json.hpp"
#include "routes/goal_requests.hpp"
#include "routes/route_support.hpp"
#include "traction/http/domain_routes.hpp"

namespace traction::http {
namespace {

// A goal's KPI link as 001's GoalKPI, with its goalId as in the goal's kpis[].
Response reply_link(const Result<GoalKpiView>& result, std::string_view goal_id, int status = 200) {
  if (!result) return error_response(result.error());
  return ok(goal_kpi_json(*result, goal_id), status);
}

}  // namespace

void register_goal_routes(Router& router, Services& services) {
  auto& goals = services.goals;

  // 001's paths, and 002's own /api/goals prefix for the same goals.
  for (const std::string base : {"/goals", "/api/goals"}) {
    router.get(base, [&goals](const Request& req) {
      auto query = read_goal_query(QueryReader{req});
      if (!query) return error_response(query.error());
      return reply_page(goals.list(actor(req), *query), query->page);
    }, RouteOptions{.cacheable = true});
    router.post(base, [&goals](const Request& req) {
      return with_body(req, read_goal_draft, [&](GoalDraft d) { return reply(goals.create(actor(req), d), 201); });
    });
    router.get(base + "/{id}", [&goals](const Request& req) { return reply(goals.get(actor(req), req.param("id"))); },
               RouteOptions{.quick = true, .cacheable = true});
    router.put(base + "/{id}", [&goals](const Request& req) {
      return with_body(req, read_goal_patch,
                       [&](GoalPatch p) { return reply(goals.update(actor(req), req.param("id"), p)); });
    });
    router.del(base + "/{id}", [&goals](const Request& req) { return reply(goals.remove(actor(req), req.param("id"))); });
  }

  router.post("/goals/{id}:activate", [&goals](const Request& req) {
    return with_body(req, read_reason,
                     [&](std::optional<std::string> reason) {
                       return reply(goals.activate(actor(req), req.param("id"), reason));
                     },
                     true);
  });
  router.post("/goals/{id}:pause", [&goals](const Request& req) {
    return with_body(req, read_reason,
                     [&](std::optional<std::string> reason) {
                       return reply(goals.pause(actor(req), req.param("id"), reason));
                     },
                     true);
  });
  router.post("/goals/{id}:close", [&goals](const Request& req) {
    struct Close {
      FinalStatus final_status;
      std::optional<std::string> reason;
    };
    auto read = [](const FieldReader& in) -> Result<Close> {
      if (!in.has({"finalStatus", "final_status"})) {
        return std::unexpected(Error{ErrorCode::validation_error,
                                     "finalStatus is required: \"completed\" or \"cancelled\"", "finalStatus"});
      }
      auto final_status = in.required_enum({"finalStatus", "final_status"}, final_status_text);
      if (!final_status) return std::unexpected(final_status.error());
      auto reason = read_reason(in);
      if (!reason) return std::unexpected(reason.error());
      return Close{*final_status, std::move(*reason)};
    };
    return with_body(req, read, [&](Close c) {
      return reply(goals.close(actor(req), req.param("id"), c.final_status, c.reason));
    }, true);
  });

  router.post("/goals/{goalId}/strategies", [&goals](const Request& req) {
    return with_body(req, read_strategy_draft, [&](StrategyDraft d) {
      return reply(goals.add_strategy(actor(req), req.param("goalId"), d), 201);
    });
  });
  router.put("/goals/{goalId}/strategies/{strategyId}", [&goals](const Request& req) {
    return with_body(req, read_strategy_patch, [&](StrategyPatch p) {
      return reply(goals.update_strategy(actor(req), req.param("goalId"), req.param("strategyId"), p));
    });
  });
  router.del("/goals/{goalId}/strategies/{strategyId}", [&goals](const Request& req) {
    auto done = goals.remove_strategy(actor(req), req.param("goalId"), req.param("strategyId"));
    if (!done) return error_response(done.error());
    return ok(boost::json::object{{"id", std::string(req.param("strategyId"))}, {"deleted", true}});
  });
  router.put("/goals/{goalId}/strategies:reorder", [&goals](const Request& req) {
    auto read = [](const FieldReader& in) -> Result<std::vector<std::string>> {
      if (!in.has({"strategyIds", "strategy_ids"})) {
        return std::unexpected(Error{ErrorCode::validation_error, "strategyIds is required", "strategyIds"});
      }
      return in.string_array({"strategyIds", "strategy_ids"}, max_strategies_per_goal + 1, limits::id);
    };
    return with_body(req, read, [&](std::vector<std::string> ids) {
      return reply(goals.reorder_strategies(actor(req), req.param("goalId"), ids));
    });
  });

  router.post("/goals/{goalId}/kpis:link", [&goals](const Request& req) {
    return with_body(req, read_link_draft, [&](KpiLinkDraft d) {
      return reply_link(goals.link_kpi(actor(req), req.param("goalId"), d), req.param("goalId"), 201);
    });
  });
  router.post("/goals/{goalId}/kpis:unlink", [&goals](const Request& req) {
    auto read = [](const FieldReader& in) {
      return in.required_string({"kpiId", "kpi_id", "sharedKpiId", "shared_kpi_id"}, limits::id);
    };
    return with_body(req, read, [&](std::string kpi_id) {
      auto done = goals.unlink_kpi(actor(req), req.param("goalId"), kpi_id);
      if (!done) return error_response(done.error());
      return ok(boost::json::object{{"goalId", std::string(req.param("goalId"))}, {"kpiId", kpi_id}, {"unlinked", true}});
    });
  });
  router.post("/goals/{goalId}/kpis/{kpiId}:setThreshold", [&goals](const Request& req) {
    auto read = [](const FieldReader& in) -> Result<KpiLinkPatch> {
      // The threshold is what this call sets: null would silently change nothing.
      const FieldNames threshold{"thresholdPct", "threshold_pct", "threshold"};
      if (const auto* value = in.find(threshold); !value || value->is_null()) {
        return std::unexpected(Error{ErrorCode::validation_error, "thresholdPct is required", in.field_name(threshold)});
      }
      return read_link_patch(in);
    };
    return with_body(req, read, [&](KpiLinkPatch p) {
      return reply_link(goals.update_kpi_link(actor(req), req.param("goalId"), req.param("kpiId"), p),
                        req.param("goalId"));
    });
  });
  router.get("/goals/{goalId}/kpis/{kpiId}:link", [&goals](const Request& req) {
    return reply_link(goals.get_kpi_link(actor(req), req.param("goalId"), req.param("kpiId")), req.param("goalId"));
  });
}

}  // namespace traction::http
