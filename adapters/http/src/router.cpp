#include "traction/http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace traction::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);  // "/goals/" is "/goals"
  if (path == "/") return out;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
  });
}

void parse_pattern(Route& route) {
  const std::string_view pattern = route.pattern;
  const auto bad = [&](std::string_view why) {
    throw std::invalid_argument("route pattern \"" + route.pattern + "\": " + std::string{why});
  };
  if (pattern.empty() || pattern.front() != '/') bad("must start with '/'");
  if (pattern.size() > 1 && pattern.back() == '/') bad("must not end with '/'");
  const auto parts = split_path(pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    if (i + 1 == parts.size()) {
      // The custom method: after the last ':' that is not inside braces.
      const auto close = part.rfind('}');
      const auto colon = part.rfind(':');
      if (colon != std::string_view::npos && (close == std::string_view::npos || colon > close)) {
        route.verb = std::string{part.substr(colon + 1)};
        if (!valid_name(route.verb)) bad("custom method must be a name");
        part = part.substr(0, colon);
      }
    }
    if (part.empty()) bad("has an empty segment");
    if (part.front() == '{') {
      if (part.back() != '}' || !valid_name(part.substr(1, part.size() - 2))) {
        bad("parameters are written {name}");
      }
      route.segments.push_back({std::string{part.substr(1, part.size() - 2)}, true});
      continue;
    }
    if (part.find_first_of("{}:") != std::string_view::npos) bad("stray '{', '}' or ':'");
    route.segments.push_back({std::string{part}, false});
  }
}

// The text of segment i once the custom method of the last one is cut off.
std::string_view segment_text(const Route& route, const std::vector<std::string_view>& segments, std::size_t i) {
  std::string_view text = segments[i];
  if (i + 1 == segments.size() && !route.verb.empty()) text = text.substr(0, text.rfind(':'));
  return text;
}

// Whether the request's segments have the route's shape: its literal segments and custom
// method. Nothing is decoded or copied.
bool shape_matches(const Route& route, const std::vector<std::string_view>& segments) {
  if (route.segments.size() != segments.size()) return false;
  if (segments.empty()) return route.verb.empty();
  // A raw ':' in the last segment always starts a custom method (an id holding a colon is
  // sent encoded, %3A): "/goals/abc:explode" is not GET /goals/{id}.
  const std::string_view last = segments.back();
  const auto colon = last.rfind(':');
  if (route.verb.empty() != (colon == std::string_view::npos)) return false;
  if (!route.verb.empty() && last.substr(colon + 1) != route.verb) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& segment = route.segments[i];
    if (!segment.param && segment_text(route, segments, i) != segment.text) return false;
  }
  return true;
}

// The route's decoded parameters; false when one does not decode or decodes to nothing
// (then the route does not match).
bool decode_params(const Route& route, const std::vector<std::string_view>& segments, std::vector<NameValue>& params) {
  params.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& segment = route.segments[i];
    if (!segment.param) continue;
    auto value = percent_decode(segment_text(route, segments, i), false);
    if (!value || value->empty()) return false;
    params.emplace_back(segment.text, std::move(*value));
  }
  return true;
}

// True when a is more specific than b: a literal segment where the other has a parameter,
// the first such segment deciding. (Both match the same path, so both have a custom method
// or neither has.)
bool more_specific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    if (a.segments[i].param != b.segments[i].param) return !a.segments[i].param;
  }
  return false;
}

}  // namespace

Router& Router::add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  if (!handler) throw std::invalid_argument("route " + std::string{pattern} + ": empty handler");
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = std::string{pattern};
  route->options = options;
  route->handler = std::move(handler);
  return insert(std::move(route));
}

Router& Router::add_stream(Method method, std::string_view pattern, StreamHandler handler,
                           RouteOptions options) {
  if (!handler) throw std::invalid_argument("route " + std::string{pattern} + ": empty handler");
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = std::string{pattern};
  route->options = options;
  route->stream_handler = std::move(handler);
  return insert(std::move(route));
}

Router& Router::insert(std::unique_ptr<Route> route) {
  if (route->method == Method::other) throw std::invalid_argument("route method must be known");
  parse_pattern(*route);
  for (const auto& existing : routes_) {
    if (existing->method == route->method && existing->pattern == route->pattern) {
      throw std::invalid_argument("route registered twice: " +
                                  std::string{method_text.name(route->method)} + " " +
                                  route->pattern);
    }
  }
  routes_.push_back(std::move(route));
  return *this;
}

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch out;
  if (path.empty() || path.front() != '/') return out;
  const auto segments = split_path(path);
  const auto matches = [&](const Route& route, std::vector<NameValue>& params) {
    return shape_matches(route, segments) && decode_params(route, segments, params);
  };

  // The most specific route of the method; parameters are decoded only for a route that
  // would win.
  std::vector<NameValue> params;
  for (const auto& route : routes_) {
    if (route->method != method) continue;
    if (out.route != nullptr && !more_specific(*route, *out.route)) continue;
    if (!matches(*route, params)) continue;
    out.route = route.get();
    out.params.swap(params);
  }
  if (out.route != nullptr) return out;

  // None: the methods the path has (a 405), if any.
  for (const auto& route : routes_) {
    if (!matches(*route, params)) continue;
    if (out.allowed.empty()) out.allowed_pattern = route->pattern;
    out.allowed.push_back(route->method);
  }
  std::sort(out.allowed.begin(), out.allowed.end());
  out.allowed.erase(std::unique(out.allowed.begin(), out.allowed.end()), out.allowed.end());
  return out;
}

std::string allow_header(const std::vector<Method>& methods) {
  std::string out;
  for (const auto method : methods) {
    if (!out.empty()) out += ", ";
    out += method_text.name(method);
  }
  return out;
}

}  // namespace traction::http
