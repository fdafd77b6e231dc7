// 001 "Operations: Issues".
#include "routes/operations_json.hpp"
#include "routes/operations_requests.hpp"
#include "routes/operations_routes.hpp"
#include "routes/route_support.hpp"

namespace traction::http {

void register_operations_issue_routes(Router& router, OperationsService& operations) {
  router.get("/api/operations/issues", [&operations](const Request& req) {
    auto filter = read_issue_filter(QueryReader{req});
    if (!filter) return error_response(filter.error());
    return reply_page(operations.list_issues(actor(req), *filter), filter->query.page);
  }, RouteOptions{.cacheable = true});
  router.post("/api/operations/issues", [&operations](const Request& req) {
    return with_body(req, read_issue_draft,
                     [&](IssueDraft d) { return reply(operations.create_issue(actor(req), d), 201); });
  });
  router.get("/api/operations/issues/{issueId}", [&operations](const Request& req) {
    return reply(operations.get_issue(actor(req), req.param("issueId")));
  }, RouteOptions{.quick = true, .cacheable = true});
  router.put("/api/operations/issues/{issueId}", [&operations](const Request& req) {
    return with_body(req, read_issue_patch, [&](IssuePatch p) {
      return reply(operations.update_issue(actor(req), req.param("issueId"), p));
    });
  });
  // 001's shape: {"success": true, "deletedIssueId", "deletedAt"} (no data envelope).
  router.del("/api/operations/issues/{issueId}", [&operations](const Request& req) {
    auto deleted = operations.delete_issue(actor(req), req.param("issueId"));
    if (!deleted) return error_response(deleted.error());
    return json_response(200, boost::json::object{{"success", true},
                                                  {"deletedIssueId", deleted->id},
                                                  {"deletedAt", json_timestamp(deleted->deleted_at)}});
  });
}

}  // namespace traction::http
