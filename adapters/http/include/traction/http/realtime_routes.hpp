#pragma once
// The live feed over SSE (001 "Real-time Updates"):
//   GET /realtime/goals/{goalId}/activity  one goal's events; the goal must exist in the
//                                          caller's tenant (404 GOAL_NOT_FOUND otherwise)
//   GET /realtime/tenants/{tenantId}       every event of the tenant; another tenant's id
//                                          is a 404 NOT_FOUND (ids do not leak)
// Both take the token from Authorization or `access_token`, check the `tenant` query
// parameter, and replay after `Last-Event-ID` (header) or `lastEventId` (query).

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "traction/auth.hpp"
#include "traction/error.hpp"
#include "traction/http/request.hpp"
#include "traction/http/router.hpp"
#include "traction/http/sse_hub.hpp"

namespace traction::http {

// Succeeds when the goal exists in the caller's tenant; the error is answered as is.
using GoalCheck = std::function<Status(const AuthContext& auth, std::string_view goal_id)>;

void add_realtime_routes(Router& router, SseHub& hub, GoalCheck goal_check);

// The `Last-Event-ID` header, else the `lastEventId` query parameter; nullopt when neither
// is given; a VALIDATION_ERROR naming lastEventId when it is not a non-negative integer.
[[nodiscard]] Result<std::optional<std::int64_t>> last_event_id(const Request& request);

}  // namespace traction::http
