#pragma once
// HS256 JSON Web Tokens (RFC 7519) with the claims of DESIGN.md: sub (user id), tenant,
// role (admin | manager | employee), name (optional), exp (seconds since the epoch).
// Signed and verified with OpenSSL's HMAC-SHA256; signatures compare in constant time.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "traction/auth.hpp"
#include "traction/error.hpp"
#include "traction/time.hpp"

namespace traction::http {

struct JwtClaims {
  std::string subject;  // sub
  std::string tenant;
  Role role = Role::employee;
  std::string name;     // omitted from the token when empty
  Timestamp expires_at{};  // exp, whole seconds
};

// A signed token "header.payload.signature" (base64url, no padding).
[[nodiscard]] std::string mint_jwt(const JwtClaims& claims, std::string_view secret);

// Signs any header and payload text as given (tests and tools that need odd tokens).
[[nodiscard]] std::string sign_jwt(std::string_view header_json, std::string_view payload_json,
                                   std::string_view secret);

// Verifies a token at time `now`. Any failure is UNAUTHENTICATED with a message saying what
// is wrong: malformed, alg not exactly "HS256" (so also "none"), bad signature, exp missing
// or not after `now`, sub or tenant missing, unknown role.
[[nodiscard]] Result<AuthContext> verify_jwt(std::string_view token, std::string_view secret,
                                             Timestamp now);

// A verified token: who is calling, and the first instant at which the token has expired.
struct VerifiedJwt {
  AuthContext auth;
  Timestamp expires_at{};
};
// verify_jwt, also saying until when the token holds.
[[nodiscard]] Result<VerifiedJwt> verify_jwt_until(std::string_view token, std::string_view secret,
                                                   Timestamp now);

// base64url without padding (RFC 4648 §5), used by the token format.
[[nodiscard]] std::string base64url_encode(std::string_view bytes);
// Accepts unpadded and padded input; nullopt on any other character.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

// `count` random bytes from OpenSSL's CSPRNG (a generated signing secret).
[[nodiscard]] Result<std::string> random_bytes(std::size_t count);

}  // namespace traction::http
