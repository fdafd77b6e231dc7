#pragma once
// Who is calling: the bearer token of `Authorization` (and, on routes that allow it, the
// `access_token` query parameter), verified against the server's secret at the clock's
// time. A `tenant` query parameter, when given, must name the token's tenant.

#include <string>

#include "traction/auth.hpp"
#include "traction/error.hpp"
#include "traction/http/request.hpp"
#include "traction/ports/clock.hpp"

namespace traction::http {

class Authenticator {
 public:
  Authenticator(std::string secret, const ports::Clock& clock)
      : secret_(std::move(secret)), clock_(&clock) {}

  // 401 UNAUTHENTICATED without a token or with a bad one; 403 INSUFFICIENT_PERMISSIONS
  // when the `tenant` query parameter names another tenant.
  [[nodiscard]] Result<AuthContext> authenticate(const Request& request, bool query_token) const;

  [[nodiscard]] const ports::Clock& clock() const { return *clock_; }

 private:
  std::string secret_;
  const ports::Clock* clock_;
};

}  // namespace traction::http
