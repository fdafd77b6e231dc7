#pragma once
// Request handling, apart from any socket: route, authenticate, run the handler (an
// exception becomes a 500 INTERNAL_ERROR, logged), record metrics, log one line. The
// sessions call this on a worker thread with a Request they filled from the wire, or on the
// I/O thread for a quick route.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "traction/error.hpp"
#include "traction/http/authenticator.hpp"
#include "traction/http/logger.hpp"
#include "traction/http/metrics.hpp"
#include "traction/http/request.hpp"
#include "traction/http/response.hpp"
#include "traction/http/response_cache.hpp"
#include "traction/http/router.hpp"
#include "traction/http/stream.hpp"

namespace traction::http {

struct Dispatched {
  Response response;               // the answer; for a stream, its status and headers
  std::shared_ptr<Stream> stream;  // set: serve this stream after the response head
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, const Authenticator& authenticator, Metrics& metrics,
             const Logger& logger)
      : router_(&router), authenticator_(&authenticator), metrics_(&metrics), logger_(&logger) {}

  // `request` needs method, method_name, target, headers and body; the rest is filled
  // here. Never throws.
  [[nodiscard]] Dispatched dispatch(Request& request) const noexcept;

  // True when the request goes to a route registered as quick (RouteOptions::quick).
  [[nodiscard]] bool quick(Method method, std::string_view target) const noexcept;

  // The answer to a request the session could not read (malformed HTTP, body too large),
  // logged and counted like any other.
  [[nodiscard]] Response reject(std::string_view method, std::string_view target,
                                const Error& error) const noexcept;

  // Cross-origin requests from a web front end on another origin: "" (the default) sends
  // no CORS headers; "*" allows any origin; else the one origin allowed (e.g.
  // "https://app.example.com"). Set before serving.
  void set_cors_origin(std::string origin) { cors_origin_ = std::move(origin); }

  // Answers of cacheable routes are kept here (not owned; null, the default: none kept).
  // Set before serving.
  void set_response_cache(ResponseCache* cache) noexcept { cache_ = cache; }

  [[nodiscard]] const Logger& logger() const { return *logger_; }
  [[nodiscard]] Metrics& metrics() const { return *metrics_; }

 private:
  Dispatched route(Request& request) const;
  // The route's handler, through the response cache when the route is cacheable.
  [[nodiscard]] Response handle(const Route& route, const Request& request) const;
  // OPTIONS preflight of a known path when CORS is on; nullopt otherwise.
  [[nodiscard]] std::optional<Response> preflight(const Request& request) const;
  void add_cors_headers(const Request& request, Response& response) const;
  void finish(const Request& request, int status, std::chrono::steady_clock::time_point start) const;

  const Router* router_;
  const Authenticator* authenticator_;
  Metrics* metrics_;
  const Logger* logger_;
  std::string cors_origin_;
  ResponseCache* cache_ = nullptr;
};

}  // namespace traction::http
