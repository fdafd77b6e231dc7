// 001 "KPI Management".
#include "routes/goal_json.hpp"
#include "routes/goal_requests.hpp"
#include "routes/route_support.hpp"
#include "traction/http/domain_routes.hpp"

namespace traction::http {

void register_kpi_routes(Router& router, Services& services) {
  auto& kpis = services.kpis;

  router.get("/kpis", [&kpis](const Request& req) {
    auto query = read_kpi_query(QueryReader{req});
    if (!query) return error_response(query.error());
    return reply_page(kpis.list(actor(req), *query), query->page);
  });
  router.post("/kpis", [&kpis](const Request& req) {
    return with_body(req, read_kpi_draft, [&](KpiDraft d) { return reply(kpis.create(actor(req), d), 201); });
  });
  router.get("/kpis/{id}", [&kpis](const Request& req) { return reply(kpis.get(actor(req), req.param("id"))); });
  router.get("/kpis/{id}/readings", [&kpis](const Request& req) {
    auto query = read_reading_query(QueryReader{req});
    if (!query) return error_response(query.error());
    return reply_page(kpis.readings(actor(req), req.param("id"), *query), query->page);
  });
  router.post("/kpis/{id}/readings", [&kpis](const Request& req) {
    return with_body(req, read_reading_draft, [&](ReadingDraft d) {
      return reply(kpis.add_reading(actor(req), req.param("id"), d), 201);
    });
  });
}

}  // namespace traction::http
