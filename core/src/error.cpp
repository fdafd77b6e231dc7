#include "traction/error.hpp"

namespace traction {

std::string_view code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::validation_error: return "VALIDATION_ERROR";
    case ErrorCode::invalid_status_transition: return "INVALID_STATUS_TRANSITION";
    case ErrorCode::unauthenticated: return "UNAUTHENTICATED";
    case ErrorCode::insufficient_permissions: return "INSUFFICIENT_PERMISSIONS";
    case ErrorCode::goal_limit_reached: return "GOAL_LIMIT_REACHED";
    case ErrorCode::goal_not_found: return "GOAL_NOT_FOUND";
    case ErrorCode::strategy_not_found: return "STRATEGY_NOT_FOUND";
    case ErrorCode::kpi_not_found: return "KPI_NOT_FOUND";
    case ErrorCode::kpi_link_not_found: return "KPI_LINK_NOT_FOUND";
    case ErrorCode::action_not_found: return "ACTION_NOT_FOUND";
    case ErrorCode::issue_not_found: return "ISSUE_NOT_FOUND";
    case ErrorCode::issue_type_not_found: return "ISSUE_TYPE_NOT_FOUND";
    case ErrorCode::issue_status_not_found: return "ISSUE_STATUS_NOT_FOUND";
    case ErrorCode::not_found: return "NOT_FOUND";
    case ErrorCode::dependency_exists: return "DEPENDENCY_EXISTS";
    case ErrorCode::version_conflict: return "VERSION_CONFLICT";
    case ErrorCode::duplicate_name: return "DUPLICATE_NAME";
    case ErrorCode::duplicate_reading: return "DUPLICATE_READING";
    case ErrorCode::payload_too_large: return "PAYLOAD_TOO_LARGE";
    case ErrorCode::unavailable: return "SERVICE_UNAVAILABLE";
    case ErrorCode::internal: return "INTERNAL_ERROR";
  }
  return "INTERNAL_ERROR";
}

}  // namespace traction
