// HS256 JWTs: mint/verify round trip, every rejection, and auth over the wire (bearer header,
// SSE access_token, the tenant parameter).
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "support/sse_reader.hpp"
#include "support/test_server.hpp"
#include "traction/http/authenticator.hpp"
#include "traction/http/json.hpp"
#include "traction/http/jwt.hpp"

using namespace traction;
using namespace traction::http;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view secret = "unit-secret";
const Timestamp now = *parse_timestamp("2025-06-01T12:00:00Z");

std::string payload(std::string_view exp = "1893456000", std::string_view extra = {}) {
  std::string p = R"({"sub":"u1","tenant":"acme","role":"manager","name":"Ann","exp":)";
  p += exp;
  p += extra;
  p += "}";
  return p;
}

constexpr std::string_view hs256 = R"({"alg":"HS256","typ":"JWT"})";

void check_rejected(std::string_view token, std::string_view message) {
  const auto auth = verify_jwt(token, secret, now);
  REQUIRE_FALSE(auth.has_value());
  CHECK(auth.error().code == ErrorCode::unauthenticated);
  CHECK(auth.error().message == message);
}

class FixedClock final : public ports::Clock {
 public:
  [[nodiscard]] Timestamp now() const override { return ::now; }
};

}  // namespace

TEST_CASE("base64url round trip", "[jwt]") {
  for (std::string_view text : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe\x00"}) {
    CHECK(base64url_decode(base64url_encode(text)) == std::string{text});
  }
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  CHECK(base64url_decode("Zm9v=") == "foo");
  CHECK_FALSE(base64url_decode("Zm9v+").has_value());
  CHECK_FALSE(base64url_decode("a").has_value());
}

TEST_CASE("mint then verify gives back the claims", "[jwt]") {
  const auto token = mint_jwt({"u1", "acme", Role::manager, "Ann", now + 1h}, secret);
  const auto auth = verify_jwt(token, secret, now);
  REQUIRE(auth.has_value());
  CHECK(auth->user_id == "u1");
  CHECK(auth->tenant == "acme");
  CHECK(auth->role == Role::manager);
  CHECK(auth->user_name == "Ann");
  // name is optional
  const auto unnamed = verify_jwt(mint_jwt({"u2", "acme", Role::employee, "", now + 1h}, secret), secret, now);
  REQUIRE(unnamed.has_value());
  CHECK(unnamed->user_name.empty());
  CHECK(verify_jwt(sign_jwt(hs256, payload(), secret), secret, now).has_value());
}

TEST_CASE("verify rejects malformed tokens and bad signatures", "[jwt]") {
  check_rejected("", "Token is malformed");
  check_rejected("garbage", "Token is malformed");
  check_rejected("a.b", "Token is malformed");
  check_rejected("a.b.c.d", "Token is malformed");
  check_rejected("!!!.e30.sig", "Token is malformed");
  check_rejected(base64url_encode("[1]") + ".e30.sig", "Token is malformed");

  const auto token = mint_jwt({"u1", "acme", Role::admin, "", now + 1h}, secret);
  check_rejected(mint_jwt({"u1", "acme", Role::admin, "", now + 1h}, "other-secret"),
                 "Token signature is invalid");
  // Tampering with the payload breaks the signature.
  const auto dot1 = token.find('.');
  const auto dot2 = token.rfind('.');
  const auto forged = token.substr(0, dot1 + 1) +
                      base64url_encode(R"({"sub":"u1","tenant":"other","role":"admin","exp":1893456000})") +
                      token.substr(dot2);
  check_rejected(forged, "Token signature is invalid");
  check_rejected(token.substr(0, dot2 + 1), "Token signature is invalid");
  check_rejected(token.substr(0, dot2 + 1) + "AAAA", "Token signature is invalid");
  const auto not_json_payload = sign_jwt(hs256, "not json", secret);
  check_rejected(not_json_payload, "Token is malformed");
}

TEST_CASE("verify accepts HS256 only", "[jwt]") {
  check_rejected(base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(payload()) + ".",
                 "Token algorithm must be HS256");
  check_rejected(sign_jwt(R"({"alg":"none"})", payload(), secret), "Token algorithm must be HS256");
  check_rejected(sign_jwt(R"({"alg":"HS512","typ":"JWT"})", payload(), secret),
                 "Token algorithm must be HS256");
  check_rejected(sign_jwt(R"({"alg":"hs256"})", payload(), secret), "Token algorithm must be HS256");
  check_rejected(sign_jwt(R"({"typ":"JWT"})", payload(), secret), "Token algorithm must be HS256");
  check_rejected(sign_jwt(R"({"alg":["HS256"]})", payload(), secret), "Token algorithm must be HS256");
}

TEST_CASE("verify checks exp, sub, tenant and role", "[jwt]") {
  const auto at = [](Timestamp t) {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
  };
  check_rejected(sign_jwt(hs256, payload(at(now - 1s)), secret), "Token has expired");
  check_rejected(sign_jwt(hs256, payload(at(now)), secret), "Token has expired");  // exp is exclusive
  CHECK(verify_jwt(sign_jwt(hs256, payload(at(now + 1s)), secret), secret, now).has_value());
  check_rejected(sign_jwt(hs256, payload("\"soon\""), secret), "Token has no exp claim");
  check_rejected(sign_jwt(hs256, R"({"sub":"u1","tenant":"acme","role":"admin"})", secret),
                 "Token has no exp claim");
  check_rejected(sign_jwt(hs256, R"({"tenant":"acme","role":"admin","exp":1893456000})", secret),
                 "Token has no sub claim");
  check_rejected(sign_jwt(hs256, R"({"sub":"","tenant":"acme","role":"admin","exp":1893456000})", secret),
                 "Token has no sub claim");
  check_rejected(sign_jwt(hs256, R"({"sub":"u1","role":"admin","exp":1893456000})", secret),
                 "Token has no tenant claim");
  check_rejected(sign_jwt(hs256, R"({"sub":"u1","tenant":"acme","exp":1893456000})", secret),
                 "Token role must be one of admin, manager, employee");
  check_rejected(sign_jwt(hs256, R"({"sub":"u1","tenant":"acme","role":"owner","exp":1893456000})", secret),
                 "Token role must be one of admin, manager, employee");
  CHECK_FALSE(verify_jwt(mint_jwt({"u1", "acme", Role::admin, "", now + 1h}, ""), "", now).has_value());
}

TEST_CASE("Authenticator: bearer header, query token only where allowed, tenant parameter", "[auth]") {
  const FixedClock clock;
  const Authenticator authenticator{std::string{secret}, clock};
  const auto token = mint_jwt({"u1", "acme", Role::admin, "", now + 1h}, secret);

  Request r;
  CHECK(authenticator.authenticate(r, false).error().code == ErrorCode::unauthenticated);
  r.headers.add("authorization", "bearer " + token);  // names and scheme case-insensitive
  CHECK(authenticator.authenticate(r, false)->tenant == "acme");

  Request basic;
  basic.headers.add("Authorization", "Basic dTpw");
  CHECK(authenticator.authenticate(basic, false).error().code == ErrorCode::unauthenticated);

  Request query;
  REQUIRE(parse_target("/x?access_token=" + token, query).has_value());
  CHECK(authenticator.authenticate(query, false).error().code == ErrorCode::unauthenticated);
  CHECK(authenticator.authenticate(query, true)->user_id == "u1");

  Request other_tenant;
  REQUIRE(parse_target("/x?tenant=globex&access_token=" + token, other_tenant).has_value());
  const auto denied = authenticator.authenticate(other_tenant, true);
  CHECK(denied.error().code == ErrorCode::insufficient_permissions);
  Request same_tenant;
  REQUIRE(parse_target("/x?tenant=acme&access_token=" + token, same_tenant).has_value());
  CHECK(authenticator.authenticate(same_tenant, true).has_value());
}

TEST_CASE("Authenticator: a remembered token still expires, a tampered one is still refused", "[auth]") {
  class MovingClock final : public ports::Clock {
   public:
    [[nodiscard]] Timestamp now() const override { return at; }
    Timestamp at = ::now;
  };
  MovingClock clock;
  const Authenticator authenticator{std::string{secret}, clock};
  const auto token = mint_jwt({"u1", "acme", Role::manager, "Ann", now + 10s}, secret);
  Request r;
  r.headers.add("Authorization", "Bearer " + token);
  for (int i = 0; i < 3; ++i) {  // verified once, then remembered
    const auto auth = authenticator.authenticate(r, false);
    REQUIRE(auth.has_value());
    CHECK(auth->user_id == "u1");
    CHECK(auth->user_name == "Ann");
    CHECK(auth->role == Role::manager);
  }

  Request tampered;
  auto bad = token;
  auto& c = bad[bad.size() - 5];  // inside the signature (its last character holds padding bits)
  c = c == 'A' ? 'B' : 'A';
  tampered.headers.add("Authorization", "Bearer " + bad);
  CHECK(authenticator.authenticate(tampered, false).error().message == "Token signature is invalid");

  clock.at = now + 9999ms;
  CHECK(authenticator.authenticate(r, false).has_value());
  clock.at = now + 10s;  // exp is exclusive
  const auto expired = authenticator.authenticate(r, false);
  REQUIRE_FALSE(expired.has_value());
  CHECK(expired.error().code == ErrorCode::unauthenticated);
  CHECK(expired.error().message == "Token has expired");
}

TEST_CASE("auth over the wire", "[auth][wire]") {
  test::TestServer server{{.prepare = [](app::App& app) {
    app.router().get("/t/me", [](const Request& request) {
      const auto& user = request.user();
      return ok(boost::json::object{{"tenant", user.tenant},
                                    {"user", user.user_id},
                                    {"role", role_text.name(user.role)}});
    });
  }}};
  auto client = server.client();

  auto res = client.get("/t/me");
  CHECK(res.status == 401);
  CHECK(res.code() == "UNAUTHENTICATED");
  CHECK(res.header("WWW-Authenticate") == "Bearer");

  CHECK(client.get("/t/me", "garbage").status == 401);
  CHECK(client.request("GET", "/t/me", {}, {{"Authorization", "Token abc"}}).status == 401);
  const auto wrong_secret = mint_jwt({"u1", "t1", Role::admin, "", server.app().clock().now() + 1h}, "nope");
  CHECK(client.get("/t/me", wrong_secret).status == 401);
  const auto expired = mint_jwt({"u1", "t1", Role::admin, "", server.app().clock().now() - 1h},
                                test::TestServer::secret);
  res = client.get("/t/me", expired);
  CHECK(res.status == 401);
  CHECK(res.json().at("error") == "Token has expired");
  const auto none = base64url_encode(R"({"alg":"none"})") + "." +
                    base64url_encode(R"({"sub":"u1","tenant":"t1","role":"admin","exp":4102444800})") + ".";
  CHECK(client.get("/t/me", none).status == 401);

  res = client.get("/t/me", server.token("acme", "u7", Role::employee));
  CHECK(res.status == 200);
  CHECK(res.json().at("data").at("tenant") == "acme");
  CHECK(res.json().at("data").at("user") == "u7");
  CHECK(res.json().at("data").at("role") == "employee");

  // access_token is for SSE routes only.
  CHECK(client.get("/t/me?access_token=" + server.token()).status == 401);
  // The tenant parameter must name the token's tenant.
  res = client.get("/t/me?tenant=other", server.token("acme"));
  CHECK(res.status == 403);
  CHECK(res.code() == "INSUFFICIENT_PERMISSIONS");
  // Public routes need no token.
  CHECK(client.get("/health").status == 200);
}

TEST_CASE("SSE auth: access_token and tenant query parameters", "[auth][sse][wire]") {
  test::TestServer server;
  const auto token = server.token("acme");

  test::SseReader no_token{server.port(), "/realtime/tenants/acme"};
  CHECK(no_token.status() == 401);
  CHECK(boost::json::parse(no_token.body()).at("code") == "UNAUTHENTICATED");

  test::SseReader bad_token{server.port(), "/realtime/tenants/acme?access_token=garbage"};
  CHECK(bad_token.status() == 401);

  test::SseReader mismatch{server.port(), "/realtime/tenants/acme?tenant=globex&access_token=" + token};
  CHECK(mismatch.status() == 403);
  CHECK(boost::json::parse(mismatch.body()).at("code") == "INSUFFICIENT_PERMISSIONS");

  test::SseReader by_query{server.port(), "/realtime/tenants/acme?tenant=acme&access_token=" + token};
  CHECK(by_query.status() == 200);
  CHECK(by_query.header("Content-Type") == "text/event-stream");

  test::SseReader by_header{server.port(), "/realtime/tenants/acme", test::bearer(token)};
  CHECK(by_header.status() == 200);
}
