// 001 "Goal Activity" and GET /activity/recent.
#include "routes/goal_json.hpp"
#include "routes/goal_requests.hpp"
#include "routes/route_support.hpp"
#include "traction/http/domain_routes.hpp"

namespace traction::http {

void register_activity_routes(Router& router, Services& services) {
  auto& activity = services.activity;

  router.get("/goals/{id}/activity", [&activity](const Request& req) {
    auto query = read_activity_query(QueryReader{req});
    if (!query) return error_response(query.error());
    return reply_page(activity.list(actor(req), req.param("id"), *query), query->page);
  });
  router.post("/goals/{id}/activity", [&activity](const Request& req) {
    return with_body(req, read_activity_draft, [&](ActivityDraft d) {
      return reply(activity.create(actor(req), req.param("id"), d), 201);
    });
  });
  router.post("/goals/{id}/notes", [&activity](const Request& req) {
    return with_body(req, read_note_draft,
                     [&](NoteDraft d) { return reply(activity.add_note(actor(req), req.param("id"), d), 201); });
  });
  router.get("/activity/recent", [&activity](const Request& req) {
    auto size = QueryReader{req}.integer("size", 1, static_cast<std::int64_t>(recent_activity_max));
    if (!size) return error_response(size.error());
    const auto n = static_cast<std::size_t>(size->value_or(static_cast<std::int64_t>(recent_activity_default)));
    return reply(activity.recent(actor(req), n));
  });
}

}  // namespace traction::http
