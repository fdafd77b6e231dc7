#pragma once
// Errors are values: every use case returns Result<T> = std::expected<T, Error>.
// The codes are the spec's codes (001 "Error Responses" and DESIGN.md wire conventions).

#include <expected>
#include <string>
#include <string_view>

namespace traction {

enum class ErrorCode {
  validation_error,           // 400 VALIDATION_ERROR
  invalid_status_transition,  // 400 INVALID_STATUS_TRANSITION
  unauthenticated,            // 401 UNAUTHENTICATED
  insufficient_permissions,   // 403 INSUFFICIENT_PERMISSIONS
  goal_limit_reached,         // 403 GOAL_LIMIT_REACHED
  goal_not_found,             // 404 GOAL_NOT_FOUND
  strategy_not_found,         // 404 STRATEGY_NOT_FOUND
  kpi_not_found,              // 404 KPI_NOT_FOUND
  kpi_link_not_found,         // 404 KPI_LINK_NOT_FOUND
  action_not_found,           // 404 ACTION_NOT_FOUND
  issue_not_found,            // 404 ISSUE_NOT_FOUND
  issue_type_not_found,       // 404 ISSUE_TYPE_NOT_FOUND
  issue_status_not_found,     // 404 ISSUE_STATUS_NOT_FOUND
  not_found,                  // 404 NOT_FOUND (anything else, e.g. an unknown path)
  dependency_exists,          // 409 DEPENDENCY_EXISTS
  version_conflict,           // 409 VERSION_CONFLICT
  duplicate_name,             // 409 DUPLICATE_NAME
  duplicate_reading,          // 409 DUPLICATE_READING
  payload_too_large,          // 413 PAYLOAD_TOO_LARGE
  unavailable,                // 503 SERVICE_UNAVAILABLE (storage busy, shutting down)
  internal,                   // 500 INTERNAL_ERROR
};

// Every code, for exhaustive tests of mappings.
inline constexpr ErrorCode all_error_codes[] = {
    ErrorCode::validation_error,   ErrorCode::invalid_status_transition,
    ErrorCode::unauthenticated,    ErrorCode::insufficient_permissions,
    ErrorCode::goal_limit_reached, ErrorCode::goal_not_found,
    ErrorCode::strategy_not_found, ErrorCode::kpi_not_found,
    ErrorCode::kpi_link_not_found, ErrorCode::action_not_found,
    ErrorCode::issue_not_found,    ErrorCode::issue_type_not_found,
    ErrorCode::issue_status_not_found, ErrorCode::not_found,
    ErrorCode::dependency_exists,  ErrorCode::version_conflict,
    ErrorCode::duplicate_name,     ErrorCode::duplicate_reading,
    ErrorCode::payload_too_large,  ErrorCode::unavailable,
    ErrorCode::internal,
};

// The wire name of a code, e.g. "GOAL_NOT_FOUND".
[[nodiscard]] std::string_view code_name(ErrorCode code) noexcept;

struct [[nodiscard]] Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;  // a human sentence
  std::string field;    // the offending request field, when there is one

  friend bool operator==(const Error&, const Error&) = default;
};

template <class T>
using Result = std::expected<T, Error>;

using Status = Result<void>;

[[nodiscard]] inline std::unexpected<Error> fail(ErrorCode code, std::string message,
                                                 std::string field = {}) {
  return std::unexpected<Error>(Error{code, std::move(message), std::move(field)});
}

[[nodiscard]] inline std::unexpected<Error> fail(Error error) {
  return std::unexpected<Error>(std::move(error));
}

[[nodiscard]] inline std::unexpected<Error> invalid(std::string field, std::string message) {
  return fail(ErrorCode::validation_error, std::move(message), std::move(field));
}

}  // namespace traction
