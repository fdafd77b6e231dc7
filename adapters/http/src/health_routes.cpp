#include "traction/http/health_routes.hpp"

#include <boost/json/object.hpp>

#include "traction/http/errors.hpp"
#include "traction/http/json.hpp"

#ifndef TRACTION_VERSION
#define TRACTION_VERSION "0.0.0"
#endif

namespace traction::http {

std::string server_version() { return TRACTION_VERSION; }

void add_health_routes(Router& router, HealthCheck check, const Metrics& metrics) {
  router.get(
      "/health",
      [check = std::move(check)](const Request&) -> Response {
        if (check) {
          if (auto status = check(); !status) {
            auto response = error_response(ErrorCode::unavailable, "Service unavailable");
            response.log_detail = status.error().message;
            return response;
          }
        }
        boost::json::object data;
        data["status"] = "ok";
        data["version"] = server_version();
        return ok(data);
      },
      public_route());

  router.get(
      "/metrics",
      [&metrics](const Request&) {
        Response response;
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        response.body = metrics.render();
        return response;
      },
      public_route());
}

}  // namespace traction::http
