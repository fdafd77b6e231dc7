// 001 "Operations: Actions".
#include "routes/operations_json.hpp"
#include "routes/operations_requests.hpp"
#include "routes/operations_routes.hpp"
#include "routes/route_support.hpp"

namespace traction::http {

void register_operations_action_routes(Router& router, OperationsService& operations) {
  router.get("/api/operations/actions", [&operations](const Request& req) {
    auto query = read_action_query(QueryReader{req});
    if (!query) return error_response(query.error());
    return reply_page(operations.list_actions(actor(req), *query), query->page);
  });
  router.post("/api/operations/actions", [&operations](const Request& req) {
    return with_body(req, read_action_draft,
                     [&](ActionDraft d) { return reply(operations.create_action(actor(req), d), 201); });
  });
  router.get("/api/operations/actions/{actionId}", [&operations](const Request& req) {
    return reply(operations.get_action(actor(req), req.param("actionId")));
  }, quick_route());
  router.put("/api/operations/actions/{actionId}", [&operations](const Request& req) {
    return with_body(req, read_action_patch, [&](ActionPatch p) {
      return reply(operations.update_action(actor(req), req.param("actionId"), p));
    });
  });
  // As DELETE /issues/{id}: {"success": true, "deletedActionId", "deletedAt"}.
  router.del("/api/operations/actions/{actionId}", [&operations](const Request& req) {
    auto deleted = operations.delete_action(actor(req), req.param("actionId"));
    if (!deleted) return error_response(deleted.error());
    return json_response(200, boost::json::object{{"success", true},
                                                  {"deletedActionId", deleted->id},
                                                  {"deletedAt", json_timestamp(deleted->deleted_at)}});
  });
}

}  // namespace traction::http
