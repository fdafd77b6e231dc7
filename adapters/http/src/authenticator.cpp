#include "traction/http/authenticator.hpp"

#include "traction/http/jwt.hpp"

namespace traction::http {
namespace {

// The token of "Authorization: Bearer <token>" (scheme case-insensitive).
std::optional<std::string_view> bearer_token(std::string_view header) {
  constexpr std::string_view scheme = "bearer";
  if (header.size() <= scheme.size() || !iequals(header.substr(0, scheme.size()), scheme) ||
      header[scheme.size()] != ' ') {
    return std::nullopt;
  }
  auto token = header.substr(scheme.size() + 1);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

}  // namespace

Result<AuthContext> Authenticator::verify(std::string_view token) const {
  const auto now = clock_->now();
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = verified_.find(token); it != verified_.end()) {
      if (now < it->second.expires_at) return it->second.auth;
      verified_.erase(it);  // expired: verify_jwt says so below
    }
  }
  auto verified = verify_jwt_until(token, secret_, now);
  if (!verified) return std::unexpected(std::move(verified.error()));
  const std::lock_guard lock(mutex_);
  if (verified_.size() >= remembered_tokens) verified_.clear();
  verified_.emplace(std::string(token), Remembered{verified->auth, verified->expires_at});
  return std::move(verified->auth);
}

Result<AuthContext> Authenticator::authenticate(const Request& request, bool query_token) const {
  std::optional<std::string_view> token;
  if (const auto header = request.headers.get("Authorization")) {
    token = bearer_token(*header);
    if (!token) {
      return fail(ErrorCode::unauthenticated,
                  "Authorization header must be \"Bearer <token>\"");
    }
  } else if (query_token) {
    if (const auto param = request.query.get("access_token"); param && !param->empty()) {
      token = param;
    }
  }
  if (!token) {
    return fail(ErrorCode::unauthenticated,
                query_token ? "Authentication required: send a bearer token or access_token"
                            : "Authentication required: send Authorization: Bearer <token>");
  }
  auto auth = verify(*token);
  if (!auth) return auth;
  if (const auto tenant = request.query.get("tenant"); tenant && *tenant != auth->tenant) {
    return fail(ErrorCode::insufficient_permissions,
                "The tenant parameter does not match the token's tenant", "tenant");
  }
  return auth;
}

}  // namespace traction::http
