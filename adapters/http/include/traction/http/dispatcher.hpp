#pragma once
// Request handling, apart from any socket: route, authenticate, run the handler (an
// exception becomes a 500 INTERNAL_ERROR, logged), record metrics, log one line. A session
// calls begin() on its I/O thread with a Request it filled from the wire — the route is
// matched once there — then run() there too for a quick route, on a worker thread otherwise.

#include <chrono>
#include <cstdint>
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

// What begin() found: an answer already (an error, a CORS preflight, an answer the
// response cache kept), or the route whose handler run() is to call.
struct Started {
  std::optional<Dispatched> done;
  const Route* route = nullptr;
  std::chrono::steady_clock::time_point start;
  std::string cache_key;      // a cacheable route's: where its answer is filed
  std::uint64_t stamp = 0;    // the data stamp read before the handler reads the store

  // The handler does not block: run() may be called on the I/O thread.
  [[nodiscard]] bool quick() const noexcept { return route != nullptr && route->options.quick; }
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, const Authenticator& authenticator, Metrics& metrics,
             const Logger& logger)
      : router_(&router), authenticator_(&authenticator), metrics_(&metrics), logger_(&logger) {}

  // `request` needs method, method_name, target, headers and body; the rest is filled
  // here. begin() then run(), on the caller's thread. Never throws.
  [[nodiscard]] Dispatched dispatch(Request& request) const noexcept;

  // Everything before the handler, cheap enough for an I/O thread: split the target, match
  // the route, authenticate, and serve a kept answer of a cacheable route. Never throws.
  [[nodiscard]] Started begin(Request& request) const noexcept;
  // The handler of the route begin() found (`started.done` empty), through the response
  // cache when the route is cacheable. Never throws.
  [[nodiscard]] Dispatched run(Request& request, Started& started) const noexcept;
  // run() in its two halves, for a caller that may still change the answer before it is
  // recorded (the write lane: a batch whose commit failed turns its 2xx answers into the
  // error). run_handler() calls the handler; record() adds CORS headers, counts and logs.
  [[nodiscard]] Dispatched run_handler(Request& request, Started& started) const noexcept;
  void record(const Request& request, Dispatched& out, const Started& started) const noexcept;

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
  // begin()'s and run()'s work; may throw.
  void route(Request& request, Started& started) const;
  [[nodiscard]] Dispatched handle(Request& request, Started& started) const;
  // Adds CORS headers, records metrics and logs the request line.
  void complete(const Request& request, Dispatched& out,
                std::chrono::steady_clock::time_point start) const noexcept;
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
