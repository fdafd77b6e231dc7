#pragma once
// Routes of 001 and friends: `{param}` segments, colon custom methods on the last segment
// (`/goals/{id}:close` matches "/goals/abc:close" with id=abc), literal segments before
// parameters (`/goals/stats` wins over `/goals/{id}`). The dispatcher answers 404 NOT_FOUND
// for an unknown path and 405 with `Allow` for a known path with another method.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "traction/error.hpp"
#include "traction/http/method.hpp"
#include "traction/http/request.hpp"
#include "traction/http/response.hpp"
#include "traction/http/stream.hpp"

namespace traction::http {

using Handler = std::function<Response(const Request&)>;
// A streaming route: a Stream to serve, or an error answered as JSON before streaming.
using StreamHandler = std::function<Result<std::shared_ptr<Stream>>(const Request&)>;

struct RouteOptions {
  // No token needed (health, metrics). Otherwise a valid bearer token is required and the
  // handler finds the caller in Request::auth.
  bool public_route = false;
  // Also take the token from the `access_token` query parameter (SSE: EventSource cannot
  // send headers).
  bool query_token = false;
  // Bounded work that waits on no other request (a point read of one entity): the server
  // runs it on the connection's I/O thread instead of handing it to the worker pool and
  // back, which cost GET /goals/{id} about a fifth of its server time. It may still wait
  // for a free read connection of the store when every one is busy.
  bool quick = false;
  // The answer depends only on the caller and the stored data (never on the clock): a 200
  // answer is kept in the server's ResponseCache, if it has one, and served again until
  // the data changes.
  bool cacheable = false;
};

[[nodiscard]] inline RouteOptions public_route() { return {.public_route = true}; }
[[nodiscard]] inline RouteOptions quick_route() { return {.quick = true}; }

struct Route {
  Method method = Method::get;
  std::string pattern;  // as registered: the metrics label
  RouteOptions options;
  Handler handler;              // set for ordinary routes
  StreamHandler stream_handler; // set for streaming routes

  // The parsed pattern.
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool param = false;
  };
  std::vector<Segment> segments;
  std::string verb;  // the custom method after ':' on the last segment, or empty
};

struct RouteMatch {
  const Route* route = nullptr;           // the route to run, or null
  std::vector<NameValue> params;          // decoded path parameters of `route`
  std::vector<Method> allowed;            // when route is null: the path's methods (405)
  std::string_view allowed_pattern;       // and one pattern of that path (metrics label)

  [[nodiscard]] bool found() const { return route != nullptr; }
  [[nodiscard]] bool path_known() const { return route != nullptr || !allowed.empty(); }
};

class Router {
 public:
  // Registration happens before the server starts; a malformed pattern or a second route
  // for the same method and pattern throws std::invalid_argument.
  Router& add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  Router& add_stream(Method method, std::string_view pattern, StreamHandler handler,
                     RouteOptions options = {});

  Router& get(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::get, pattern, std::move(h), o);
  }
  Router& post(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::post, pattern, std::move(h), o);
  }
  Router& put(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::put, pattern, std::move(h), o);
  }
  Router& patch(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::patch, pattern, std::move(h), o);
  }
  Router& del(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::delete_, pattern, std::move(h), o);
  }

  // `path` is the raw (not decoded) path of the target, without the query.
  [[nodiscard]] RouteMatch match(Method method, std::string_view path) const;

  [[nodiscard]] const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  Router& insert(std::unique_ptr<Route> route);
  std::vector<std::unique_ptr<Route>> routes_;
};

// "GET, POST": the Allow header of a 405.
[[nodiscard]] std::string allow_header(const std::vector<Method>& methods);

}  // namespace traction::http
