// 002 goal progress intelligence, served under /goals/{id}/... and 002's own /api/goals/{id}/...
#include "routes/analytics_json.hpp"
#include "routes/goal_json.hpp"
#include "routes/route_support.hpp"
#include "traction/domain/limits.hpp"
#include "traction/http/domain_routes.hpp"

namespace traction::http {
namespace {

struct ManualAdjustment {
  std::optional<double> progress;
  std::string justification;
};

Result<ManualAdjustment> read_manual_adjustment(const FieldReader& in) {
  auto progress = in.optional_number("progress", -1e300, 1e300);
  if (!progress) return std::unexpected(progress.error());
  auto justification = in.optional_string({"justification", "reason"}, limits::long_text + 1);
  if (!justification) return std::unexpected(justification.error());
  return ManualAdjustment{*progress, justification->value_or("")};
}

void register_under(Router& router, Services& services, const std::string& base) {
  auto& hierarchy = services.hierarchy;
  auto& progress = services.progress;
  router.post(base + "/{id}/link-parent", [&hierarchy](const Request& req) {
    auto read = [](const FieldReader& in) { return in.required_string({"parentId", "parent_id"}, limits::id); };
    return with_body(req, read, [&](std::string parent) {
      return reply(hierarchy.link_parent(actor(req), req.param("id"), parent));
    });
  });
  router.post(base + "/{id}/unlink-parent", [&hierarchy](const Request& req) {
    return reply(hierarchy.unlink_parent(actor(req), req.param("id")));
  });
  router.get(base + "/{id}/hierarchy",
             [&hierarchy](const Request& req) { return reply(hierarchy.hierarchy(actor(req), req.param("id"))); });
  router.get(base + "/{id}/children",
             [&hierarchy](const Request& req) { return reply(hierarchy.children(actor(req), req.param("id"))); });
  router.get(base + "/{id}/ancestors",
             [&hierarchy](const Request& req) { return reply(hierarchy.ancestors(actor(req), req.param("id"))); });
  router.post(base + "/{id}/recalculate",
              [&progress](const Request& req) { return reply(progress.recalculate(actor(req), req.param("id"))); });
  router.post(base + "/{id}/manual-adjustment", [&progress](const Request& req) {
    return with_body(req, read_manual_adjustment, [&](ManualAdjustment m) {
      return reply(progress.adjust_manually(actor(req), req.param("id"), m.progress, m.justification));
    });
  });
  router.post(base + "/{id}/manual-adjustment:clear", [&progress](const Request& req) {
    return reply(progress.clear_manual_adjustment(actor(req), req.param("id")));
  });
  router.get(base + "/{id}/audit", [&progress](const Request& req) {
    auto page = QueryReader{req}.page();
    if (!page) return error_response(page.error());
    return reply_page(progress.audit_log(actor(req), req.param("id"), *page), *page);
  });
  router.get(base + "/{id}/progress-history", [&progress](const Request& req) {
    QueryReader q{req};
    auto from = q.date({"startDate", "start_date"});
    auto to = q.date({"endDate", "end_date"});
    if (auto e = first_error(from, to)) return error_response(*e);
    return reply(progress.history(actor(req), req.param("id"), *from, *to));
  });
  router.get(base + "/{id}/forecast",
             [&progress](const Request& req) { return reply(progress.forecast(actor(req), req.param("id"))); });
}

}  // namespace

void register_intelligence_routes(Router& router, Services& services) {
  register_under(router, services, "/goals");
  register_under(router, services, "/api/goals");
}

}  // namespace traction::http
