#include "traction/http/errors.hpp"

#include <boost/json/object.hpp>

#include "traction/http/json.hpp"
#include "traction/http/router.hpp"

namespace traction::http {

int http_status(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::validation_error:
    case ErrorCode::invalid_status_transition: return 400;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::insufficient_permissions:
    case ErrorCode::goal_limit_reached: return 403;
    case ErrorCode::goal_not_found:
    case ErrorCode::strategy_not_found:
    case ErrorCode::kpi_not_found:
    case ErrorCode::kpi_link_not_found:
    case ErrorCode::action_not_found:
    case ErrorCode::issue_not_found:
    case ErrorCode::issue_type_not_found:
    case ErrorCode::issue_status_not_found:
    case ErrorCode::not_found: return 404;
    case ErrorCode::dependency_exists:
    case ErrorCode::version_conflict:
    case ErrorCode::duplicate_name:
    case ErrorCode::duplicate_reading: return 409;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
  }
  return 500;  // not reached: the switch names every code
}

namespace {

// What a client reads: the error's sentence, except for internal errors, whose text may
// name storage details (it is logged instead).
std::string public_message(const Error& error) {
  if (error.code == ErrorCode::internal) return "Internal server error";
  if (!error.message.empty()) return error.message;
  if (error.code == ErrorCode::unavailable) return "Service unavailable";
  return std::string{code_name(error.code)};
}

}  // namespace

Response error_response(const Error& error) {
  boost::json::object body;
  body["success"] = false;
  body["error"] = public_message(error);
  body["code"] = code_name(error.code);
  if (!error.field.empty()) body["field"] = error.field;
  Response response = json_response(http_status(error.code), body);
  if (error.code == ErrorCode::unauthenticated) response.header("WWW-Authenticate", "Bearer");
  if (error.code == ErrorCode::internal || error.code == ErrorCode::unavailable) {
    response.log_detail = error.message;
  }
  return response;
}

Response error_response(ErrorCode code, std::string message, std::string field) {
  return error_response(Error{code, std::move(message), std::move(field)});
}

Response detail_error_response(const Error& error) {
  boost::json::object body;
  body["detail"] = public_message(error);
  Response response = json_response(http_status(error.code), body);
  if (error.code == ErrorCode::internal) response.log_detail = error.message;
  return response;
}

Response method_not_allowed(std::string_view method, std::string_view path,
                            const std::vector<Method>& allowed) {
  boost::json::object body;
  body["success"] = false;
  std::string message = "Method ";
  message.append(method).append(" is not allowed on ").append(path);
  body["error"] = message;
  body["code"] = "METHOD_NOT_ALLOWED";
  Response response = json_response(405, body);
  response.header("Allow", allow_header(allowed));
  return response;
}

}  // namespace traction::http
