#include "traction/http/jwt.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <cmath>
#include <cstdint>

#include "traction/http/json.hpp"

namespace traction::http {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int decode_char(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

constexpr std::size_t sha256_size = 32;

std::array<unsigned char, sha256_size> hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, sha256_size> out{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &length);
  return out;
}

std::unexpected<Error> unauthenticated(std::string message) {
  return fail(ErrorCode::unauthenticated, std::move(message));
}

std::optional<boost::json::object> decode_json_part(std::string_view part) {
  const auto text = base64url_decode(part);
  if (!text) return std::nullopt;
  boost::json::error_code ec;
  auto value = boost::json::parse(boost::json::string_view{text->data(), text->size()}, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::optional<std::string_view> string_claim(const boost::json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(boost::json::string_view{name.data(), name.size()});
  if (value == nullptr || !value->is_string()) return std::nullopt;
  const auto& s = value->get_string();
  return std::string_view{s.data(), s.size()};
}

std::optional<double> number_claim(const boost::json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(boost::json::string_view{name.data(), name.size()});
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return static_cast<double>(value->get_int64());
  if (value->is_uint64()) return static_cast<double>(value->get_uint64());
  if (value->is_double() && std::isfinite(value->get_double())) return value->get_double();
  return std::nullopt;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t n = byte(i) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
  } else if (rest == 2) {
    const std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = decode_char(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFFU);
    }
  }
  return out;
}

Result<std::string> random_bytes(std::size_t count) {
  std::string out(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
    return fail(ErrorCode::internal, "The random number generator failed");
  }
  return out;
}

std::string sign_jwt(std::string_view header_json, std::string_view payload_json,
                     std::string_view secret) {
  std::string token = base64url_encode(header_json);
  token += '.';
  token += base64url_encode(payload_json);
  const auto signature = hmac_sha256(secret, token);
  token += '.';
  token += base64url_encode(
      std::string_view{reinterpret_cast<const char*>(signature.data()), signature.size()});
  return token;
}

std::string mint_jwt(const JwtClaims& claims, std::string_view secret) {
  boost::json::object payload;
  payload["sub"] = claims.subject;
  payload["tenant"] = claims.tenant;
  payload["role"] = role_text.name(claims.role);
  if (!claims.name.empty()) payload["name"] = claims.name;
  payload["exp"] = std::chrono::duration_cast<std::chrono::seconds>(
                       claims.expires_at.time_since_epoch())
                       .count();
  return sign_jwt(R"({"alg":"HS256","typ":"JWT"})", json_text(payload), secret);
}

Result<AuthContext> verify_jwt(std::string_view token, std::string_view secret, Timestamp now) {
  auto verified = verify_jwt_until(token, secret, now);
  if (!verified) return std::unexpected(std::move(verified.error()));
  return std::move(verified->auth);
}

Result<VerifiedJwt> verify_jwt_until(std::string_view token, std::string_view secret, Timestamp now) {
  if (secret.empty()) return unauthenticated("The server has no token secret");
  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  if (first_dot == std::string_view::npos || first_dot == last_dot ||
      token.find('.', first_dot + 1) != last_dot) {
    return unauthenticated("Token is malformed");
  }
  const auto header = decode_json_part(token.substr(0, first_dot));
  if (!header) return unauthenticated("Token is malformed");
  if (string_claim(*header, "alg") != std::optional<std::string_view>{"HS256"}) {
    return unauthenticated("Token algorithm must be HS256");
  }

  const auto signature = base64url_decode(token.substr(last_dot + 1));
  const auto expected = hmac_sha256(secret, token.substr(0, last_dot));
  if (!signature || signature->size() != expected.size() ||
      CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
    return unauthenticated("Token signature is invalid");
  }

  const auto claims = decode_json_part(token.substr(first_dot + 1, last_dot - first_dot - 1));
  if (!claims) return unauthenticated("Token is malformed");
  const auto exp = number_claim(*claims, "exp");
  if (!exp) return unauthenticated("Token has no exp claim");
  const auto now_seconds =
      static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count()) /
      1000.0;
  if (now_seconds >= *exp) return unauthenticated("Token has expired");
  const auto sub = string_claim(*claims, "sub");
  if (!sub || sub->empty()) return unauthenticated("Token has no sub claim");
  const auto tenant = string_claim(*claims, "tenant");
  if (!tenant || tenant->empty()) return unauthenticated("Token has no tenant claim");
  const auto role_name = string_claim(*claims, "role");
  const auto role = role_name ? role_text.parse(*role_name) : std::nullopt;
  if (!role) return unauthenticated("Token role must be one of " + role_text.choices());
  AuthContext auth;
  auth.tenant = std::string{*tenant};
  auth.user_id = std::string{*sub};
  auth.user_name = std::string{string_claim(*claims, "name").value_or("")};
  auth.role = *role;
  // Expired from the first whole millisecond at or past exp (the test above, in ms).
  constexpr double latest_ms = 9.0e15;  // far inside Timestamp's range
  const double exp_ms = std::ceil(*exp * 1000.0);
  const Timestamp expires_at =
      exp_ms >= latest_ms ? Timestamp{std::chrono::milliseconds{static_cast<std::int64_t>(latest_ms)}}
                          : Timestamp{std::chrono::milliseconds{static_cast<std::int64_t>(exp_ms)}};
  return VerifiedJwt{std::move(auth), expires_at};
}

}  // namespace traction::http
