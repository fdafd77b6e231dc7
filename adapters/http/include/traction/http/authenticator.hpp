#pragma once
// Who is calling: the bearer token of `Authorization` (and, on routes that allow it, the
// `access_token` query parameter), verified against the server's secret at the clock's
// time. A `tenant` query parameter, when given, must name the token's tenant.
//
// A token that verified is remembered (its caller and expiry, up to `remembered_tokens`
// of them), so a client sending the same token again costs a lookup instead of an
// HMAC and two JSON parses; its expiry is still checked on every request.

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

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

  static constexpr std::size_t remembered_tokens = 4096;

 private:
  struct Remembered {
    AuthContext auth;
    Timestamp expires_at{};
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  // The caller of a verified, unexpired token: from memory, or verified now.
  [[nodiscard]] Result<AuthContext> verify(std::string_view token) const;

  std::string secret_;
  const ports::Clock* clock_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Remembered, StringHash, std::equal_to<>> verified_;
};

}  // namespace traction::http
