#pragma once
// The one mapping from traction::Error to HTTP, and the error bodies of the wire format:
// {"success":false,"error":"<message>","code":"<CODE>"} plus "field" when the error names
// one. Never an empty body, never a stack trace.

#include <string>
#include <string_view>
#include <vector>

#include "traction/error.hpp"
#include "traction/http/method.hpp"
#include "traction/http/response.hpp"

namespace traction::http {

// 400, 401, 403, 404, 409, 413, 500 or 503: one switch without a default.
[[nodiscard]] int http_status(ErrorCode code) noexcept;

[[nodiscard]] Response error_response(const Error& error);
[[nodiscard]] Response error_response(ErrorCode code, std::string message, std::string field = {});

// The FastAPI façades (003, 004): {"detail": "<message>"} with the same status.
[[nodiscard]] Response detail_error_response(const Error& error);

// 405 METHOD_NOT_ALLOWED with an Allow header.
[[nodiscard]] Response method_not_allowed(std::string_view method, std::string_view path,
                                          const std::vector<Method>& allowed);

}  // namespace traction::http
