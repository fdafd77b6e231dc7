// The server itself: keep-alive, body limit, malformed HTTP, timeouts, graceful shutdown,
// health and metrics. Waits are on sockets and futures with deadlines, never sleeps.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <future>
#include <memory>
#include <mutex>

#include "support/raw_connection.hpp"
#include "support/test_server.hpp"
#include "traction/http/dispatcher.hpp"
#include "traction/http/health_routes.hpp"
#include "traction/http/json.hpp"
#include "traction/http/jwt.hpp"
#include "traction/system/system_clock.hpp"

using namespace traction;
using namespace traction::http;
using namespace std::chrono_literals;

namespace {

constexpr auto deadline = 10s;

Handler echo() {
  return [](const Request& request) {
    return ok(boost::json::object{{"bytes", request.body.size()}});
  };
}

}  // namespace

TEST_CASE("health and metrics", "[server][wire]") {
  test::TestServer server;
  auto client = server.client();

  auto res = client.get("/health");
  CHECK(res.status == 200);
  CHECK(res.json().at("success") == true);
  CHECK(res.json().at("data").at("status") == "ok");
  CHECK(res.json().at("data").at("version").as_string() == server_version());

  CHECK(client.get("/nowhere").status == 404);
  res = client.get("/metrics");
  CHECK(res.status == 200);
  CHECK(res.header("Content-Type")->starts_with("text/plain; version=0.0.4"));
  const auto& text = res.body;
  CHECK(text.find(R"(traction_http_requests_total{method="GET",route="/health",status="200"} 1)") !=
        std::string::npos);
  CHECK(text.find(R"(traction_http_requests_total{method="GET",route="unmatched",status="404"} 1)") !=
        std::string::npos);
  CHECK(text.find("# TYPE traction_http_request_duration_seconds histogram") != std::string::npos);
  CHECK(text.find(R"(traction_http_request_duration_seconds_bucket{method="GET",route="/health",le="+Inf"} 1)") !=
        std::string::npos);
  CHECK(text.find(R"(traction_http_request_duration_seconds_count{method="GET",route="/health"} 1)") !=
        std::string::npos);
  CHECK(text.find("traction_sse_connections 0") != std::string::npos);
}

TEST_CASE("health answers 503 when its check fails", "[server]") {
  Router router;
  Metrics metrics;
  add_health_routes(router, [] { return Status{fail(ErrorCode::unavailable, "store is busy")}; }, metrics);
  const auto match = router.match(Method::get, "/health");
  REQUIRE(match.found());
  const auto response = match.route->handler(Request{});
  CHECK(response.status == 503);
  CHECK(boost::json::parse(response.body).at("code") == "SERVICE_UNAVAILABLE");
  CHECK(response.log_detail == "store is busy");
}

TEST_CASE("keep-alive: two requests on one connection", "[server][wire]") {
  test::TestServer server;
  auto client = server.client();
  const auto first = client.get("/health");
  const auto second = client.get("/health");
  CHECK(first.status == 200);
  CHECK(second.status == 200);
  CHECK(first.keep_alive);
  CHECK(client.connections_opened() == 1);

  // "Connection: close" is honoured.
  const auto closing = client.request("GET", "/health", {}, {{"Connection", "close"}});
  CHECK_FALSE(closing.keep_alive);
  CHECK(client.get("/health").status == 200);
  CHECK(client.connections_opened() == 2);
}

TEST_CASE("answers on the wire: status line, Content-Length, Connection per HTTP version", "[server][wire]") {
  test::TestServer server{{.prepare = [](app::App& app) {
    app.router().del("/t/nothing", [](const Request&) {
      Response r;
      r.status = 204;
      r.content_type.clear();
      r.header("X-Note", "a\r\nX-Injected: 1");
      return r;
    }, public_route());
  }}};
  const std::string health_body = R"({"success":true,"data":{"status":"ok")";

  // HTTP/1.1 kept alive: no Connection field; the length is the body's.
  test::RawConnection raw{server.port()};
  raw.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string answer;
  REQUIRE(raw.read_until(answer, "}}", deadline));
  const auto head_end = answer.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  const auto head = answer.substr(0, head_end + 2);
  const auto body = answer.substr(head_end + 4);
  CHECK(head.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(head.find("\r\nServer: traction/") != std::string::npos);
  CHECK(head.find("\r\nContent-Type: application/json\r\n") != std::string::npos);
  CHECK(head.find("\r\nContent-Length: " + std::to_string(body.size()) + "\r\n") != std::string::npos);
  CHECK(head.find("Connection") == std::string::npos);
  CHECK(body.starts_with(health_body));

  // 204: no body and no length; a field cannot smuggle in another.
  answer.clear();
  raw.send("DELETE /t/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  REQUIRE(raw.read_until_closed(answer, deadline));
  CHECK(answer.starts_with("HTTP/1.1 204 No Content\r\n"));
  CHECK(answer.find("Content-Length") == std::string::npos);
  CHECK(answer.find("Content-Type") == std::string::npos);
  CHECK(answer.find("\r\nX-Note: a  X-Injected: 1\r\n") != std::string::npos);
  CHECK(answer.find("\r\nX-Injected") == std::string::npos);
  CHECK(answer.find("\r\nConnection: close\r\n") != std::string::npos);
  CHECK(answer.ends_with("\r\n\r\n"));

  // HTTP/1.0 asking to be kept alive is told so, and is.
  test::RawConnection old{server.port()};
  old.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  answer.clear();
  REQUIRE(old.read_until(answer, "}}", deadline));
  CHECK(answer.starts_with("HTTP/1.0 200 OK\r\n"));
  CHECK(answer.find("\r\nConnection: keep-alive\r\n") != std::string::npos);
  answer.clear();
  old.send("GET /health HTTP/1.0\r\n\r\n");  // this one is not: closed after the answer
  REQUIRE(old.read_until_closed(answer, deadline));
  CHECK(answer.starts_with("HTTP/1.0 200 OK\r\n"));
  CHECK(answer.find("Connection") == std::string::npos);
}

TEST_CASE("a body over the limit is a 413 in the error format", "[server][wire]") {
  test::TestServer server{{.configure = [](app::Config& c) { c.body_limit = 1024; },
                           .prepare = [](app::App& app) { app.router().post("/t/echo", echo(), public_route()); }}};
  auto client = server.client();
  CHECK(client.post("/t/echo", std::string(1000, 'x')).status == 200);
  const auto res = client.post("/t/echo", std::string(2000, 'x'));
  CHECK(res.status == 413);
  CHECK(res.code() == "PAYLOAD_TOO_LARGE");
  CHECK_FALSE(res.keep_alive);

  // Chunked bodies are limited too.
  test::RawConnection raw{server.port()};
  raw.send("POST /t/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  raw.send("400\r\n" + std::string(1024, 'y') + "\r\n");
  raw.send("400\r\n" + std::string(1024, 'y') + "\r\n0\r\n\r\n");
  std::string answer;
  CHECK(raw.read_until_closed(answer, deadline));
  CHECK(answer.starts_with("HTTP/1.1 413"));
  CHECK(answer.find("PAYLOAD_TOO_LARGE") != std::string::npos);
}

TEST_CASE("Expect: 100-continue gets a go-ahead", "[server][wire]") {
  test::TestServer server{{.prepare = [](app::App& app) { app.router().post("/t/echo", echo(), public_route()); }}};
  test::RawConnection raw{server.port()};
  raw.send("POST /t/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  std::string answer;
  REQUIRE(raw.read_until(answer, "\r\n\r\n", deadline));
  CHECK(answer.starts_with("HTTP/1.1 100 Continue"));
  raw.send("hello");
  REQUIRE(raw.read_until(answer, R"({"bytes":5})", deadline));
}

TEST_CASE("malformed HTTP is a 400 and the connection closes", "[server][wire]") {
  test::TestServer server;
  for (const std::string_view garbage :
       {"NOT HTTP AT ALL\r\n\r\n", "GET /health HTTP/9.9\r\n\r\n",
        "GET /health HTTP/1.1\r\nBad Header Line\r\n\r\n",
        "POST /health HTTP/1.1\r\nContent-Length: nope\r\n\r\n"}) {
    INFO(garbage);
    test::RawConnection raw{server.port()};
    raw.send(garbage);
    std::string answer;
    CHECK(raw.read_until_closed(answer, deadline));
    CHECK(answer.starts_with("HTTP/1.1 400"));
    CHECK(answer.find(R"("code":"VALIDATION_ERROR")") != std::string::npos);
  }
  // A target that is not a path.
  auto client = server.client();
  const auto res = client.get("http://example.com/health");
  CHECK(res.status == 400);
  CHECK(res.code() == "VALIDATION_ERROR");
}

TEST_CASE("the header timeout closes a connection that never finishes its headers", "[server][wire]") {
  test::TestServer server{{.configure = [](app::Config& c) { c.header_timeout = 200ms; }}};
  test::RawConnection raw{server.port()};
  raw.send("GET /health HTTP/1.1\r\nHost: x\r\n");  // no blank line: headers never end
  std::string answer;
  CHECK(raw.read_until_closed(answer, deadline));
  CHECK(answer.empty());  // closed without an answer

  test::RawConnection silent{server.port()};  // connects and sends nothing
  CHECK(silent.read_until_closed(answer, deadline));
}

TEST_CASE("the body timeout closes a connection whose body never arrives", "[server][wire]") {
  test::TestServer server{{.configure = [](app::Config& c) { c.body_timeout = 200ms; },
                           .prepare = [](app::App& app) { app.router().post("/t/echo", echo(), public_route()); }}};
  test::RawConnection raw{server.port()};
  raw.send("POST /t/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
  std::string answer;
  CHECK(raw.read_until_closed(answer, deadline));
  CHECK(answer.empty());
}

TEST_CASE("the idle timeout closes a kept-alive connection", "[server][wire]") {
  test::TestServer server{{.configure = [](app::Config& c) { c.idle_timeout = 200ms; }}};
  test::RawConnection raw{server.port()};
  raw.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string answer;
  CHECK(raw.read_until_closed(answer, deadline));
  CHECK(answer.starts_with("HTTP/1.1 200"));
  CHECK(answer.find("keep-alive") == std::string::npos);  // 1.1 keeps alive without saying so
}

TEST_CASE("graceful shutdown answers an in-flight request and closes idle connections",
          "[server][wire]") {
  auto entered = std::make_shared<std::promise<void>>();
  auto release = std::make_shared<std::promise<void>>();
  auto released = release->get_future().share();
  test::TestServer server{{.prepare = [&](app::App& app) {
    app.router().get(
        "/t/slow",
        [entered, released](const Request&) {
          entered->set_value();
          released.wait();
          return ok(boost::json::object{{"slow", true}});
        },
        public_route());
  }}};

  // An idle keep-alive connection, one request done.
  test::RawConnection idle{server.port()};
  idle.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string idle_answer;
  REQUIRE(idle.read_until(idle_answer, "\"ok\"", deadline));

  test::RawConnection busy{server.port()};
  busy.send("GET /t/slow HTTP/1.1\r\nHost: x\r\n\r\n");
  REQUIRE(entered->get_future().wait_for(deadline) == std::future_status::ready);

  server.app().stop();  // returns at once; the slow request is still being handled

  CHECK(idle.read_until_closed(idle_answer, deadline));  // the idle one is closed
  release->set_value();
  std::string answer;
  CHECK(busy.read_until_closed(answer, deadline));
  CHECK(answer.starts_with("HTTP/1.1 200"));
  CHECK(answer.find("Connection: close") != std::string::npos);
  CHECK(answer.find(R"({"success":true,"data":{"slow":true}})") != std::string::npos);

  server.stop();  // waits for the threads
  CHECK_THROWS(test::RawConnection{server.port()});  // no longer listening
}

TEST_CASE("one structured log line per request", "[server]") {
  std::vector<std::string> lines;
  std::mutex mutex;
  Logger logger{LogLevel::info, [&](std::string_view line) {
                  const std::lock_guard lock(mutex);
                  lines.emplace_back(line);
                }};
  Router router;
  router.get("/goals/{id}", [](const Request&) { return ok(boost::json::object{}); });
  Metrics metrics;
  const system::SystemClock clock;
  const Authenticator authenticator{"s", clock};
  const Dispatcher dispatcher{router, authenticator, metrics, logger};

  Request request;
  request.method = Method::get;
  request.method_name = "GET";
  request.target = "/goals/g1?access_token=secret";
  request.headers.add("Authorization",
                      "Bearer " + mint_jwt({"u1", "acme", Role::admin, "", clock.now() + 1h}, "s"));
  const auto result = dispatcher.dispatch(request);
  CHECK(result.response.status == 200);
  REQUIRE(lines.size() == 1);
  const auto& line = lines.front();
  CHECK(line.starts_with("ts="));
  CHECK(line.find(" level=info msg=request method=GET path=/goals/g1 route=/goals/{id} status=200 duration_ms=") !=
        std::string::npos);
  CHECK(line.find(" tenant=acme") != std::string::npos);
  CHECK(line.find("secret") == std::string::npos);  // the query (tokens) is never logged

  logger.set_level(LogLevel::warn);
  (void)dispatcher.dispatch(request);
  CHECK(lines.size() == 1);  // info lines filtered out
}

TEST_CASE("CORS: off by default, one origin or any when configured", "[server][cors]") {
  SECTION("off: no CORS headers, OPTIONS is a 405") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.request("GET", "/health", {}, {{"Origin", "https://app.example.com"}});
    CHECK(res.status == 200);
    CHECK_FALSE(res.header("Access-Control-Allow-Origin"));
    res = client.request("OPTIONS", "/goals", {}, {{"Origin", "https://app.example.com"}});
    CHECK(res.status == 405);
  }
  SECTION("one origin: preflight names the path's methods; answers carry the origin") {
    test::TestServer server{{.configure = [](app::Config& c) { c.cors_origin = "https://app.example.com"; }}};
    auto client = server.client();
    auto res = client.request("OPTIONS", "/goals/abc",
                              {}, {{"Origin", "https://app.example.com"},
                                   {"Access-Control-Request-Method", "PUT"}});
    CHECK(res.status == 204);
    const auto methods = res.header("Access-Control-Allow-Methods").value_or("");
    CHECK(methods.find("GET") != std::string::npos);
    CHECK(methods.find("PUT") != std::string::npos);
    CHECK(methods.find("DELETE") != std::string::npos);
    CHECK(res.header("Access-Control-Allow-Headers").value_or("").find("Authorization") != std::string::npos);
    CHECK(res.header("Access-Control-Allow-Origin") == "https://app.example.com");

    // A real request (even a refused one) carries the header, so the browser shows the error.
    res = client.request("GET", "/goals", {}, {{"Origin", "https://app.example.com"}});
    CHECK(res.status == 401);
    CHECK(res.header("Access-Control-Allow-Origin") == "https://app.example.com");
    // Another origin gets no grant.
    res = client.request("GET", "/health", {}, {{"Origin", "https://evil.example.com"}});
    CHECK_FALSE(res.header("Access-Control-Allow-Origin"));
    // An unknown path is still a 404.
    CHECK(client.request("OPTIONS", "/nowhere", {}, {{"Origin", "https://app.example.com"}}).status == 404);
  }
  SECTION("any origin") {
    test::TestServer server{{.configure = [](app::Config& c) { c.cors_origin = "*"; }}};
    auto client = server.client();
    auto res = client.request("GET", "/health", {}, {{"Origin", "https://anywhere.example"}});
    CHECK(res.header("Access-Control-Allow-Origin") == "*");
  }
}
