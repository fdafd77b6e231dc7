#include "traction/http/realtime_routes.hpp"

#include <charconv>

namespace traction::http {
namespace {

RouteOptions sse_route() { return {.public_route = false, .query_token = true}; }

}  // namespace

Result<std::optional<std::int64_t>> last_event_id(const Request& request) {
  std::optional<std::string_view> text = request.headers.get("Last-Event-ID");
  if (!text || text->empty()) text = request.query.get("lastEventId");
  if (!text || text->empty()) return std::optional<std::int64_t>{};
  std::int64_t id = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, id);
  if (ec != std::errc{} || ptr != end || id < 0) {
    return invalid("lastEventId", "lastEventId must be a non-negative integer");
  }
  return std::optional<std::int64_t>{id};
}

void add_realtime_routes(Router& router, SseHub& hub, GoalCheck goal_check) {
  router.add_stream(
      Method::get, "/realtime/goals/{goalId}/activity",
      [&hub, goal_check = std::move(goal_check)](
          const Request& request) -> Result<std::shared_ptr<Stream>> {
        const auto& auth = request.user();
        const auto goal_id = request.param("goalId");
        auto after = last_event_id(request);
        if (!after) return std::unexpected(std::move(after.error()));
        if (goal_check) {
          if (auto found = goal_check(auth, goal_id); !found) {
            return std::unexpected(std::move(found.error()));
          }
        }
        return hub.open(auth.tenant, std::string{goal_id}, *after);
      },
      sse_route());

  router.add_stream(
      Method::get, "/realtime/tenants/{tenantId}",
      [&hub](const Request& request) -> Result<std::shared_ptr<Stream>> {
        const auto& auth = request.user();
        // Another tenant's id answers like an unknown one: ids do not leak.
        if (request.param("tenantId") != auth.tenant) {
          return fail(ErrorCode::not_found, "Tenant not found");
        }
        auto after = last_event_id(request);
        if (!after) return std::unexpected(std::move(after.error()));
        return hub.open(auth.tenant, std::nullopt, *after);
      },
      sse_route());
}

}  // namespace traction::http
