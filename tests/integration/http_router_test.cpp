// The router: {param} segments, colon custom methods, literal-over-param precedence, 404 for
// unknown paths and 405 with Allow for a known path with another method.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <sstream>
#include <thread>

#include "support/test_server.hpp"
#include "traction/http/json.hpp"
#include "traction/http/router.hpp"

using namespace traction;
using namespace traction::http;

namespace {

Handler named(std::string name) {
  return [name](const Request& request) {
    boost::json::object params;
    for (const auto& [k, v] : request.params.items()) params[k] = v;
    return ok(boost::json::object{{"route", name}, {"params", params}});
  };
}

std::string pattern_of(const RouteMatch& m) { return m.route ? m.route->pattern : std::string{}; }

std::string param(const RouteMatch& m, std::string_view name) {
  for (const auto& [k, v] : m.params) {
    if (k == name) return v;
  }
  return "<none>";
}

Router goal_router() {
  Router r;
  r.get("/goals", named("list"));
  r.post("/goals", named("create"));
  r.get("/goals/stats", named("stats"));
  r.get("/goals/{id}", named("get"));
  r.put("/goals/{id}", named("update"));
  r.post("/goals/{id}:close", named("close"));
  r.post("/goals/{id}:activate", named("activate"));
  r.post("/goals/{goalId}/kpis:link", named("link"));
  r.get("/goals/{goalId}/kpis/{kpiId}:link", named("get-link"));
  r.post("/goals/{goalId}/kpis/{kpiId}:setThreshold", named("threshold"));
  r.get("/", named("root"));
  return r;
}

}  // namespace

TEST_CASE("router matches literal and parameter segments", "[router]") {
  const auto r = goal_router();
  CHECK(pattern_of(r.match(Method::get, "/goals")) == "/goals");
  CHECK(pattern_of(r.match(Method::post, "/goals")) == "/goals");
  CHECK(pattern_of(r.match(Method::get, "/")) == "/");
  const auto m = r.match(Method::get, "/goals/abc-123");
  CHECK(pattern_of(m) == "/goals/{id}");
  CHECK(param(m, "id") == "abc-123");
  CHECK(pattern_of(r.match(Method::get, "/goals/")) == "/goals");  // a trailing slash is ignored
}

TEST_CASE("router: a literal segment wins over a parameter", "[router]") {
  const auto r = goal_router();
  CHECK(pattern_of(r.match(Method::get, "/goals/stats")) == "/goals/stats");
  // Another method on the literal path falls back to the parameter route that has it.
  const auto m = r.match(Method::put, "/goals/stats");
  CHECK(pattern_of(m) == "/goals/{id}");
  CHECK(param(m, "id") == "stats");
}

TEST_CASE("router: colon custom methods on the last segment", "[router]") {
  const auto r = goal_router();
  auto m = r.match(Method::post, "/goals/abc:close");
  CHECK(pattern_of(m) == "/goals/{id}:close");
  CHECK(param(m, "id") == "abc");
  CHECK(m.route->verb == "close");

  m = r.match(Method::post, "/goals/abc:activate");
  CHECK(pattern_of(m) == "/goals/{id}:activate");

  m = r.match(Method::post, "/goals/g1/kpis:link");
  CHECK(pattern_of(m) == "/goals/{goalId}/kpis:link");
  CHECK(param(m, "goalId") == "g1");

  m = r.match(Method::get, "/goals/g1/kpis/k9:link");
  CHECK(pattern_of(m) == "/goals/{goalId}/kpis/{kpiId}:link");
  CHECK(param(m, "goalId") == "g1");
  CHECK(param(m, "kpiId") == "k9");

  m = r.match(Method::post, "/goals/g1/kpis/k9:setThreshold");
  CHECK(pattern_of(m) == "/goals/{goalId}/kpis/{kpiId}:setThreshold");
}

TEST_CASE("router: a custom-method path never reaches the plain parameter route", "[router]") {
  const auto r = goal_router();
  // GET /goals/abc:close is not GET /goals/{id} with id "abc:close": the path is the
  // custom method's, which only takes POST.
  const auto m = r.match(Method::get, "/goals/abc:close");
  CHECK_FALSE(m.found());
  CHECK(m.allowed == std::vector<Method>{Method::post});
  // An unknown verb is an unknown path.
  CHECK_FALSE(r.match(Method::post, "/goals/abc:explode").path_known());
  // The two ":link" routes differ: GET on the collection verb is 405, POST on the item 405.
  CHECK(r.match(Method::get, "/goals/g1/kpis:link").allowed == std::vector<Method>{Method::post});
  CHECK(r.match(Method::post, "/goals/g1/kpis/k1:link").allowed == std::vector<Method>{Method::get});
}

TEST_CASE("router: unknown paths and wrong methods", "[router]") {
  const auto r = goal_router();
  const auto unknown = r.match(Method::get, "/nothing/here");
  CHECK_FALSE(unknown.found());
  CHECK_FALSE(unknown.path_known());

  const auto wrong = r.match(Method::delete_, "/goals");
  CHECK_FALSE(wrong.found());
  CHECK(wrong.path_known());
  CHECK(allow_header(wrong.allowed) == "GET, POST");
  CHECK(allow_header(r.match(Method::delete_, "/goals/x").allowed) == "GET, PUT");
  CHECK_FALSE(r.match(Method::other, "/goals").found());
}

TEST_CASE("router: parameters are percent-decoded, empty ones do not match", "[router]") {
  const auto r = goal_router();
  const auto m = r.match(Method::get, "/goals/a%20b%3Ac");
  CHECK(pattern_of(m) == "/goals/{id}");
  CHECK(param(m, "id") == "a b:c");  // an encoded colon is data, not a custom method
  CHECK_FALSE(r.match(Method::get, "/goals//kpis/x:link").found());
  CHECK_FALSE(r.match(Method::get, "/goals/%zz").found());
}

TEST_CASE("router rejects malformed and duplicate patterns", "[router]") {
  Router r;
  r.get("/a/{id}", named("a"));
  CHECK_THROWS_AS(r.get("/a/{id}", named("again")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("no-slash", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/a/{id", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/a//b", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/a/b/", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/a/{id}:", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/a:x/b", named("x")), std::invalid_argument);
  CHECK_NOTHROW(r.put("/a/{id}", named("put")));  // same pattern, another method
}

TEST_CASE("router over the wire: 404, 405 with Allow, colon methods", "[router][wire]") {
  test::TestServer server{{.prepare = [](app::App& app) {
    auto& r = app.router();
    r.get("/t/goals/stats", named("stats"), public_route());
    r.get("/t/goals/{id}", named("get"), public_route());
    r.post("/t/goals/{id}:close", named("close"), public_route());
    r.post("/t/goals/{goalId}/kpis:link", named("link"), public_route());
    r.get("/t/goals/{goalId}/kpis/{kpiId}:link", named("get-link"), public_route());
  }}};
  auto client = server.client();

  auto res = client.get("/t/goals/stats");
  CHECK(res.status == 200);
  CHECK(res.json().at("data").at("route") == "stats");

  res = client.post("/t/goals/g-1:close", "{}");
  CHECK(res.status == 200);
  CHECK(res.json().at("data").at("route") == "close");
  CHECK(res.json().at("data").at("params").at("id") == "g-1");

  res = client.post("/t/goals/g-1/kpis:link", "{}");
  CHECK(res.json().at("data").at("route") == "link");
  res = client.get("/t/goals/g-1/kpis/k-2:link");
  CHECK(res.json().at("data").at("route") == "get-link");
  CHECK(res.json().at("data").at("params").at("kpiId") == "k-2");

  res = client.get("/no/such/path");
  CHECK(res.status == 404);
  CHECK(res.json().at("success") == false);
  CHECK(res.code() == "NOT_FOUND");
  CHECK_FALSE(res.json().at("error").as_string().empty());

  res = client.request("DELETE", "/t/goals/g-1");
  CHECK(res.status == 405);
  CHECK(res.header("Allow") == "GET");
  CHECK(res.code() == "METHOD_NOT_ALLOWED");

  res = client.get("/t/goals/g-1:close");
  CHECK(res.status == 405);
  CHECK(res.header("Allow") == "POST");

  res = client.request("BREW", "/t/goals/g-1");  // an unknown method on a known path
  CHECK(res.status == 405);
  CHECK(res.header("Allow") == "GET");
}

TEST_CASE("a quick route runs on the connection's I/O thread, others on the worker pool",
          "[router][wire]") {
  auto thread_of = [](const Request&) {
    std::ostringstream id;
    id << std::this_thread::get_id();
    return ok(boost::json::object{{"thread", id.str()}});
  };
  test::TestServer server{{.prepare = [&](app::App& app) {
    auto& r = app.router();
    r.get("/t/quick/{id}", thread_of, RouteOptions{.public_route = true, .quick = true});
    r.get("/t/pooled/{id}", thread_of, public_route());
  }}};
  auto client = server.client();
  auto thread = [&](const std::string& path) {
    auto res = client.get(path);
    REQUIRE(res.status == 200);
    return std::string(res.json().at("data").at("thread").as_string());
  };
  // The test server's I/O threads and workers are distinct threads.
  for (int i = 0; i < 3; ++i) CHECK(thread("/t/quick/a?x=1") != thread("/t/pooled/a"));
  CHECK(client.get("/t/quick").status == 404);  // only the pattern is quick
}
