// 001 "Issue Configuration: Types" and "Issue Configuration: Statuses".
#include "routes/operations_json.hpp"
#include "routes/operations_requests.hpp"
#include "routes/operations_routes.hpp"
#include "routes/route_support.hpp"

namespace traction::http {
namespace {

void register_type_routes(Router& router, IssueConfigService& config) {
  router.get("/api/operations/issue-types", [&config](const Request& req) {
    auto filter = read_issue_type_filter(QueryReader{req});
    if (!filter) return error_response(filter.error());
    return reply(config.list_types(actor(req), *filter));
  });
  router.post("/api/operations/issue-types", [&config](const Request& req) {
    return with_body(req, read_issue_type_draft,
                     [&](IssueTypeDraft d) { return reply(config.create_type(actor(req), d), 201); });
  });
  router.put("/api/operations/issue-types/{typeId}", [&config](const Request& req) {
    return with_body(req, read_issue_type_patch, [&](IssueTypePatch p) {
      return reply(config.update_type(actor(req), req.param("typeId"), p));
    });
  });
  router.del("/api/operations/issue-types/{typeId}", [&config](const Request& req) {
    return reply(config.delete_type(actor(req), req.param("typeId")));
  });
  router.post("/api/operations/issue-types/{typeId}:activate", [&config](const Request& req) {
    return reply(config.activate_type(actor(req), req.param("typeId")));
  });
}

void register_status_routes(Router& router, IssueConfigService& config) {
  router.get("/api/operations/issue-statuses", [&config](const Request& req) {
    auto filter = read_issue_status_filter(QueryReader{req});
    if (!filter) return error_response(filter.error());
    return reply(config.list_statuses(actor(req), *filter));
  });
  router.post("/api/operations/issue-statuses", [&config](const Request& req) {
    return with_body(req, read_issue_status_draft,
                     [&](IssueStatusDraft d) { return reply(config.create_status(actor(req), d), 201); });
  });
  router.put("/api/operations/issue-statuses/{statusId}", [&config](const Request& req) {
    return with_body(req, read_issue_status_patch, [&](IssueStatusPatch p) {
      return reply(config.update_status(actor(req), req.param("statusId"), p));
    });
  });
  router.del("/api/operations/issue-statuses/{statusId}", [&config](const Request& req) {
    return reply(config.delete_status(actor(req), req.param("statusId")));
  });
  router.post("/api/operations/issue-statuses/{statusId}:activate", [&config](const Request& req) {
    return reply(config.activate_status(actor(req), req.param("statusId")));
  });
  router.put("/api/operations/issue-statuses:reorder", [&config](const Request& req) {
    return with_body(req, read_status_reorder, [&](StatusReorder r) {
      return reply(config.reorder_statuses(actor(req), r.category, r.status_ids));
    });
  });
}

}  // namespace

void register_operations_issue_config_routes(Router& router, IssueConfigService& config) {
  register_type_routes(router, config);
  register_status_routes(router, config);
}

}  // namespace traction::http
