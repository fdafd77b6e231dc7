#include "traction/http/dispatcher.hpp"

#include <fmt/format.h>

#include <charconv>
#include <exception>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>

#include "traction/http/errors.hpp"

namespace traction::http {
namespace {

constexpr std::string_view unmatched_route = "unmatched";

Response internal_error() {
  Response response;
  response.status = 500;
  response.body = R"({"success":false,"error":"Internal server error","code":"INTERNAL_ERROR"})";
  return response;
}

// Runs `step`; when it throws, the 500 that answers instead, its cause for the log
// (`what` names the step).
template <class Step>
std::optional<Dispatched> failure_of(std::string_view what, Step&& step) noexcept {
  try {
    std::forward<Step>(step)();
    return std::nullopt;
  } catch (const std::exception& e) {
    Dispatched out{internal_error(), nullptr};
    out.response.log_detail = fmt::format("{} threw: {}", what, e.what());
    return out;
  } catch (...) {
    Dispatched out{internal_error(), nullptr};
    out.response.log_detail = fmt::format("{} threw a non-standard exception", what);
    return out;
  }
}

// Appends `field` prefixed by its length, so that no two field lists make the same key.
void append_key_field(std::string& key, std::string_view field) {
  char digits[20];
  const auto end = std::to_chars(std::begin(digits), std::end(digits), field.size()).ptr;
  key.append(digits, end);
  key += ':';
  key += field;
}

}  // namespace

Dispatched Dispatcher::dispatch(Request& request) const noexcept {
  auto started = begin(request);
  if (started.done) return std::move(*started.done);
  return run(request, started);
}

Started Dispatcher::begin(Request& request) const noexcept {
  Started started;
  started.start = std::chrono::steady_clock::now();
  if (auto failed = failure_of("routing", [&] { route(request, started); })) started.done = std::move(failed);
  if (started.done) complete(request, *started.done, started.start);
  return started;
}

Dispatched Dispatcher::run(Request& request, Started& started) const noexcept {
  Dispatched out = run_handler(request, started);
  record(request, out, started);
  return out;
}

Dispatched Dispatcher::run_handler(Request& request, Started& started) const noexcept {
  Dispatched out;
  if (auto failed = failure_of("handler", [&] { out = handle(request, started); })) out = std::move(*failed);
  return out;
}

void Dispatcher::record(const Request& request, Dispatched& out, const Started& started) const noexcept {
  complete(request, out, started.start);
}

void Dispatcher::complete(const Request& request, Dispatched& out,
                          std::chrono::steady_clock::time_point start) const noexcept {
  try {
    add_cors_headers(request, out.response);
    finish(request, out.response.status, start);
    if (!out.response.log_detail.empty()) {
      logger_->log(out.response.status >= 500 ? LogLevel::error : LogLevel::warn, "request failed",
                   {{"method", request.method_name},
                    {"path", request.path},
                    {"status", std::to_string(out.response.status)},
                    {"detail", out.response.log_detail}});
    }
  } catch (...) {
    // Metrics and logs never fail a request.
  }
}

void Dispatcher::route(Request& request, Started& started) const {
  const auto answer = [&started](Response response) {
    started.done = Dispatched{std::move(response), nullptr};
  };
  if (auto parsed = parse_target(request.target, request); !parsed) {
    return answer(error_response(parsed.error()));
  }
  if (auto preflight_answer = preflight(request)) return answer(std::move(*preflight_answer));
  auto match = router_->match(request.method, request.path);
  if (!match.found()) {
    if (match.path_known()) {
      request.route = std::string{match.allowed_pattern};
      return answer(method_not_allowed(request.method_name, request.path, match.allowed));
    }
    return answer(error_response(ErrorCode::not_found,
                                 fmt::format("No route for {} {}", request.method_name, request.path)));
  }
  const Route& route = *match.route;
  request.route = route.pattern;
  for (auto& [name, value] : match.params) request.params.set(std::move(name), std::move(value));

  if (!route.options.public_route) {
    auto auth = authenticator_->authenticate(request, route.options.query_token);
    if (!auth) return answer(error_response(auth.error()));
    request.auth = std::move(*auth);
  }
  started.route = &route;
  if (!route.options.cacheable || cache_ == nullptr || !request.auth) return;

  const auto& who = *request.auth;
  // Everything the handler may look at: the whole caller and the whole target, each field
  // prefixed by its length so that no two callers share a key.
  for (const std::string_view field : {std::string_view{who.tenant}, std::string_view{who.user_id},
                                       std::string_view{who.user_name}, role_text.name(who.role),
                                       std::string_view{request.target}}) {
    append_key_field(started.cache_key, field);
  }
  started.stamp = cache_->stamp();  // before the handler reads the store
  if (auto kept = cache_->find(started.cache_key, started.stamp)) answer(std::move(*kept));
}

Dispatched Dispatcher::handle(Request& request, Started& started) const {
  const Route& route = *started.route;
  if (route.stream_handler) {
    auto stream = route.stream_handler(request);
    if (!stream) return {error_response(stream.error()), nullptr};
    if (!*stream) return {error_response(ErrorCode::internal, "stream handler returned null"), nullptr};
    Dispatched out;
    out.response.status = 200;
    out.response.content_type = (*stream)->content_type();
    out.stream = std::move(*stream);
    return out;
  }
  auto response = route.handler(request);
  if (!started.cache_key.empty() && response.status == 200) {
    response.share_body();  // the kept answer and this one share their bytes
    cache_->store(std::move(started.cache_key), started.stamp, response);
  }
  return {std::move(response), nullptr};
}

std::optional<Response> Dispatcher::preflight(const Request& request) const {
  if (cors_origin_.empty() || request.method != Method::options) return std::nullopt;
  const auto match = router_->match(Method::options, request.path);
  if (match.found() || !match.path_known()) return std::nullopt;
  Response response;
  response.status = 204;
  response.content_type.clear();
  response.header("Access-Control-Allow-Methods", allow_header(match.allowed));
  response.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID");
  response.header("Access-Control-Max-Age", "600");
  return response;
}

void Dispatcher::add_cors_headers(const Request& request, Response& response) const {
  if (cors_origin_.empty()) return;
  const auto origin = request.header("Origin");
  if (!origin) return;
  if (cors_origin_ == "*") {
    response.header("Access-Control-Allow-Origin", "*");
  } else if (*origin == cors_origin_) {
    response.header("Access-Control-Allow-Origin", cors_origin_);
    response.header("Vary", "Origin");
  }
}

void Dispatcher::finish(const Request& request, int status,
                        std::chrono::steady_clock::time_point start) const {
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const std::string_view route = request.route.empty() ? unmatched_route : request.route;
  metrics_->record_request(method_text.name(request.method), route, status, elapsed);
  const auto level = status >= 500 ? LogLevel::error : LogLevel::info;
  if (!logger_->enabled(level)) return;
  const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
  logger_->log(level, "request",
               {{"method", request.method_name},
                {"path", request.path.empty() ? request.target.substr(0, request.target.find('?'))
                                              : request.path},
                {"route", std::string{route}},
                {"status", std::to_string(status)},
                {"duration_ms", fmt::format("{:.3f}", ms)},
                {"tenant", request.auth ? request.auth->tenant : std::string{"-"}}});
}

Response Dispatcher::reject(std::string_view method, std::string_view target,
                            const Error& error) const noexcept {
  try {
    Request request;
    request.method = method_text.parse(method).value_or(Method::other);
    request.method_name = std::string{method.empty() ? "-" : method};
    request.target = std::string{target};
    const auto question = request.target.find('?');
    request.path = request.target.substr(0, question);
    auto response = error_response(error);
    finish(request, response.status, std::chrono::steady_clock::now());
    return response;
  } catch (...) {
    return internal_error();
  }
}

}  // namespace traction::http
