#pragma once
// GET /health and GET /metrics, both public.

#include <functional>
#include <string>

#include "traction/error.hpp"
#include "traction/http/metrics.hpp"
#include "traction/http/router.hpp"

namespace traction::http {

// Succeeds when the service can serve (the app passes a store read).
using HealthCheck = std::function<Status()>;

// GET /health → 200 {"success":true,"data":{"status":"ok","version":"..."}}, or 503
// SERVICE_UNAVAILABLE when the check fails. GET /metrics → Prometheus text.
void add_health_routes(Router& router, HealthCheck check, const Metrics& metrics);

// The version the server reports (the project version).
[[nodiscard]] std::string server_version();

}  // namespace traction::http
