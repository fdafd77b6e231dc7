// End to end over HTTP: 001 "Goals Management" — /goals CRUD, list filters and pagination,
// tenancy, permissions by role, the plan's goal limit, and authentication failures.
#include <catch2/catch.hpp>

#include <algorithm>

#include "http_goal_support.hpp"
#include "traction/http/jwt.hpp"

using namespace traction;
using namespace traction::test;

namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("goals: create, read, update and delete with 001's shape", "[goals]") {
  TestServer server;
  User acme{server, "acme"};

  auto res = acme.post("/goals", json::object{{"title", "  Grow revenue  "},
                                              {"intent", "Double ARR"},
                                              {"owner_id", "u-ann"},
                                              {"ownerName", "Ann"},
                                              {"horizon", "year"},
                                              {"value_tags", {"growth", "sales"}},
                                              {"metadata", {{"color", "blue"}}},
                                              {"startDate", "2025-01-01"},
                                              {"endDate", "2025-12-31"}});
  const auto goal = data_of(res, 201);
  const auto id = str(goal.at("id"));
  CHECK_FALSE(id.empty());
  CHECK(goal.at("title") == "Grow revenue");
  CHECK(goal.at("intent") == "Double ARR");
  CHECK(goal.at("ownerId") == "u-ann");
  CHECK(goal.at("ownerName") == "Ann");
  CHECK(goal.at("horizon") == "year");
  CHECK(goal.at("status") == "draft");  // the default
  CHECK(strings_of(goal.at("valueTags")) == std::vector<std::string>{"growth", "sales"});
  CHECK(goal.at("strategies").as_array().empty());
  CHECK(goal.at("kpis").as_array().empty());
  CHECK(num(goal.at("progress")) == 0);
  CHECK(goal.at("metadata") == json::object{{"color", "blue"}});
  CHECK(goal.at("startDate") == "2025-01-01");
  CHECK(goal.at("endDate") == "2025-12-31");
  CHECK(goal.at("createdAt").is_string());
  CHECK(goal.at("updatedAt").is_string());
  CHECK(goal.at("completedAt").is_null());
  CHECK(goal.at("version") == 1);

  // GET answers the same goal, under 001's path and 002's prefix.
  CHECK(goal_of(acme, id) == goal);
  CHECK(data_of(acme.get("/api/goals/" + id)) == goal);

  // Without an owner the caller owns it; "active" is a valid initial status.
  const auto mine = data_of(acme.post("/goals", json::object{{"title", "Mine"}, {"horizon", "month"}, {"status", "active"}}), 201);
  CHECK(mine.at("ownerId") == "u1");
  CHECK(mine.at("ownerName") == "Test User");
  CHECK(mine.at("status") == "active");

  // PUT changes only the fields given.
  auto updated = data_of(acme.put("/goals/" + id, json::object{{"title", "Grow revenue fast"},
                                                              {"valueTags", {"growth"}},
                                                              {"version", 1}}));
  CHECK(updated.at("title") == "Grow revenue fast");
  CHECK(strings_of(updated.at("valueTags")) == std::vector<std::string>{"growth"});
  CHECK(updated.at("intent") == "Double ARR");
  CHECK(updated.at("horizon") == "year");
  CHECK(updated.at("version") == 2);
  CHECK(goal_of(acme, id) == updated);

  // A stale version is a conflict; the goal is untouched.
  res = acme.put("/goals/" + id, json::object{{"title", "Stale"}, {"version", 1}});
  CHECK(res.status == 409);
  CHECK(res.code() == "VERSION_CONFLICT");
  CHECK(goal_of(acme, id).at("title") == "Grow revenue fast");

  // The status changes only through the transition endpoints.
  res = acme.put("/goals/" + id, json::object{{"status", "active"}});
  CHECK(res.status == 400);
  CHECK(res.code() == "INVALID_STATUS_TRANSITION");
  CHECK(goal_of(acme, id).at("status") == "draft");
  res = acme.put("/goals/" + id, json::object{{"title", nullptr}});
  CHECK(res.status == 400);
  CHECK(res.field() == "title");

  // DELETE is a soft delete: gone from reads and lists, a second delete is a 404.
  res = acme.del("/goals/" + id);
  const auto deleted = data_of(res);
  CHECK(str(deleted.at("id")) == id);
  CHECK(deleted.at("deletedAt").is_string());
  for (const auto& r : {acme.get("/goals/" + id), acme.del("/goals/" + id),
                        acme.put("/goals/" + id, json::object{{"title", "x"}})}) {
    CHECK(r.status == 404);
    CHECK(r.code() == "GOAL_NOT_FOUND");
  }
  CHECK(field_of_each(data_of(acme.get("/goals")), "title") == std::vector<std::string>{"Mine"});
}

TEST_CASE("goals: creation is validated field by field", "[goals]") {
  TestServer server;
  User acme{server, "acme"};
  struct Case {
    json::object body;
    std::string field;
  };
  const std::vector<Case> cases{
      {{{"horizon", "quarter"}}, "title"},
      {{{"title", "   "}, {"horizon", "quarter"}}, "title"},
      {{{"title", std::string(201, 'x')}, {"horizon", "quarter"}}, "title"},
      {{{"title", "t"}}, "horizon"},
      {{{"title", "t"}, {"horizon", "decade"}}, "horizon"},
      {{{"title", "t"}, {"horizon", "year"}, {"status", "completed"}}, "status"},
      {{{"title", "t"}, {"horizon", "year"}, {"status", "done"}}, "status"},
      {{{"title", "t"}, {"horizon", "year"}, {"value_tags", "growth"}}, "value_tags"},  // as spelled
      {{{"title", "t"}, {"horizon", "year"}, {"valueTags", {"ok", 7}}}, "valueTags[1]"},
      {{{"title", "t"}, {"horizon", "year"}, {"metadata", {1, 2}}}, "metadata"},
      {{{"title", "t"}, {"horizon", "year"}, {"startDate", "2025-02-01"}, {"endDate", "2025-01-01"}}, "endDate"},
      {{{"title", "t"}, {"horizon", "year"}, {"progress", 101}}, "progress"},
      {{{"title", "t"}, {"horizon", "year"}, {"parentId", "ghost"}}, "parentId"},
  };
  for (const auto& c : cases) {
    INFO(json::serialize(c.body));
    auto res = acme.post("/goals", c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
    CHECK(res.json().at("success") == false);
    CHECK(res.json().at("error").is_string());
  }
  auto res = acme.raw("POST", "/goals", "{not json");
  CHECK(res.status == 400);
  CHECK(res.code() == "VALIDATION_ERROR");
  CHECK(acme.post("/goals", json::value("a string")).status == 400);
  CHECK(data_of(acme.get("/goals")).as_array().empty());
  CHECK(acme.get("/goals/nope").code() == "GOAL_NOT_FOUND");
}

TEST_CASE("goals: a goal with children cannot be deleted", "[goals]") {
  TestServer server;
  User acme{server, "acme"};
  const auto parent = new_goal(acme, "Parent", {{"level", "company"}});
  const auto child = new_goal(acme, "Child", {{"level", "team"}, {"parentId", parent}});
  CHECK(goal_of(acme, child).at("parentId") == json::value(parent));
  CHECK(goal_of(acme, parent).at("childCount") == 1);

  auto res = acme.del("/goals/" + parent);
  CHECK(res.status == 409);
  CHECK(res.code() == "DEPENDENCY_EXISTS");
  CHECK(goal_of(acme, parent).at("title") == "Parent");
  data_of(acme.del("/goals/" + child));
  CHECK(goal_of(acme, parent).at("childCount") == 0);
  data_of(acme.del("/goals/" + parent));
}

TEST_CASE("goals: list filters, sort and the pagination envelope", "[goals]") {
  TestServer server;
  User acme{server, "acme"};
  new_goal(acme, "Alpha revenue", {{"horizon", "year"}, {"owner_id", "u-ann"}, {"value_tags", {"growth"}}});
  const auto beta = new_goal(acme, "Beta hiring", {{"horizon", "quarter"}, {"owner_id", "u-bob"}, {"value_tags", {"people"}}});
  new_goal(acme, "Gamma revenue", {{"horizon", "quarter"}, {"owner_id", "u-ann"}, {"value_tags", {"growth", "people"}},
                                   {"intent", "margin"}});
  const auto delta = new_goal(acme, "Delta churn", {{"horizon", "month"}, {"owner_id", "u-bob"}});
  new_goal(acme, "Epsilon", {{"horizon", "month"}, {"intent", "More REVENUE from upsell"}});
  transition(acme, beta, "activate");
  transition(acme, delta, "activate");
  transition(acme, delta, "pause");

  const auto titles = [&](const std::string& query) {
    return sorted(field_of_each(data_of(acme.get("/goals" + query)), "title"));
  };
  using V = std::vector<std::string>;
  CHECK(titles("").size() == 5);
  CHECK(titles("?ownerId=u-ann") == V{"Alpha revenue", "Gamma revenue"});
  CHECK(titles("?owner_id=u-bob") == V{"Beta hiring", "Delta churn"});
  CHECK(titles("?status=active") == V{"Beta hiring"});
  CHECK(titles("?status=paused") == V{"Delta churn"});
  CHECK(titles("?status=draft").size() == 3);
  CHECK(titles("?valueTag=growth") == V{"Alpha revenue", "Gamma revenue"});
  CHECK(titles("?valueTag=people&horizon=quarter") == V{"Beta hiring", "Gamma revenue"});
  CHECK(titles("?horizon=month") == V{"Delta churn", "Epsilon"});
  CHECK(titles("?search=revenue") == V{"Alpha revenue", "Epsilon", "Gamma revenue"});  // title or intent
  CHECK(titles("?search=revenue&ownerId=u-ann&status=draft") == V{"Alpha revenue", "Gamma revenue"});
  CHECK(titles("?search=nothing-like-this").empty());
  CHECK(titles("?search=%25").empty());  // LIKE wildcards are searched for literally
  CHECK(titles("?search=_").empty());

  // Sorted by title, two per page.
  auto res = acme.get("/goals?sort=title&page=2&size=2");
  REQUIRE(res.status == 200);
  auto body = res.json();
  CHECK(field_of_each(body.at("data"), "title") == V{"Delta churn", "Epsilon"});
  CHECK(body.at("pagination") == json::object{{"page", 2}, {"size", 2}, {"total", 5}, {"totalPages", 3}});
  body = acme.get("/goals?sort=-title&size=2").json();
  CHECK(field_of_each(body.at("data"), "title") == V{"Gamma revenue", "Epsilon"});
  CHECK(body.at("pagination").at("page") == 1);
  body = acme.get("/goals?sort=title:desc&size=1&page=5").json();
  CHECK(field_of_each(body.at("data"), "title") == V{"Alpha revenue"});

  // A page past the end is empty but still counts; a size over the maximum is clamped.
  body = acme.get("/goals?page=4&size=2").json();
  CHECK(body.at("data").as_array().empty());
  CHECK(body.at("pagination") == json::object{{"page", 4}, {"size", 2}, {"total", 5}, {"totalPages", 3}});
  body = acme.get("/goals?size=1000").json();
  CHECK(body.at("data").as_array().size() == 5);
  CHECK(body.at("pagination") == json::object{{"page", 1}, {"size", 100}, {"total", 5}, {"totalPages", 1}});
  body = acme.get("/goals").json();
  CHECK(body.at("pagination").at("size") == 20);
  // The filtered total is the filtered count.
  CHECK(acme.get("/goals?ownerId=u-bob&size=1").json().at("pagination") ==
        json::object{{"page", 1}, {"size", 1}, {"total", 2}, {"totalPages", 2}});

  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"?page=0", "page"}, {"?size=0", "size"}, {"?page=x", "page"}, {"?status=done", "status"},
           {"?horizon=decade", "horizon"}, {"?sort=owner", "sort"}, {"?sort=title:sideways", "sort"}}) {
    INFO(query);
    res = acme.get("/goals" + query);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == field);
  }
}

TEST_CASE("goals: another tenant's goal answers 404 on every route", "[goals][tenancy]") {
  TestServer server;
  User acme{server, "acme"};
  User globex{server, "globex"};
  const auto id = new_goal(acme, "Acme only");
  const auto strategy = new_strategy(acme, id, "Secret plan");
  const auto kpi = new_kpi(acme, "Acme KPI");
  link(acme, id, kpi);

  const std::string g = "/goals/" + id;
  const std::vector<HttpResponse> answers{
      globex.get(g),
      globex.get("/api/goals/" + id),
      globex.put(g, json::object{{"title", "Mine now"}}),
      globex.del(g),
      globex.post_empty(g + ":activate"),
      globex.post_empty(g + ":pause"),
      globex.post(g + ":close", json::object{{"finalStatus", "cancelled"}}),
      globex.post(g + "/strategies", json::object{{"description", "x"}}),
      globex.put(g + "/strategies/" + strategy, json::object{{"description", "x"}}),
      globex.del(g + "/strategies/" + strategy),
      globex.put(g + "/strategies:reorder", json::object{{"strategyIds", {strategy}}}),
      globex.post(g + "/kpis:link", json::object{{"kpi_id", kpi}, {"threshold_pct", 50}}),
      globex.post(g + "/kpis:unlink", json::object{{"kpi_id", kpi}}),
      globex.post(g + "/kpis/" + kpi + ":setThreshold", json::object{{"threshold_pct", 50}}),
      globex.get(g + "/kpis/" + kpi + ":link"),
      globex.get(g + "/activity"),
      globex.post(g + "/activity", json::object{{"type", "note"}, {"text", "x"}}),
      globex.post(g + "/notes", json::object{{"note", "x"}}),
  };
  for (std::size_t i = 0; i < answers.size(); ++i) {
    INFO("request " << i << ": " << answers[i].body);
    CHECK(answers[i].status == 404);
    CHECK(answers[i].code() == "GOAL_NOT_FOUND");
  }
  // Nothing changed, and the other tenant sees nothing.
  const auto goal = goal_of(acme, id);
  CHECK(goal.at("title") == "Acme only");
  CHECK(goal.at("status") == "draft");
  CHECK(goal.at("strategies").as_array().size() == 1);
  CHECK(goal.at("kpis").as_array().size() == 1);
  CHECK(data_of(acme.get(g + "/activity")).as_array().empty());
  CHECK(data_of(globex.get("/goals")).as_array().empty());
  CHECK(globex.get("/kpis/" + kpi).code() == "KPI_NOT_FOUND");
  // Nor can it hang a goal under another tenant's goal.
  auto res = globex.post("/goals", json::object{{"title", "t"}, {"horizon", "year"}, {"parentId", id}});
  CHECK(res.status == 400);
  CHECK(res.field() == "parentId");
}

TEST_CASE("goals: what each role may do", "[goals][permissions]") {
  TestServer server;
  User admin{server, "acme", Role::admin, "u-admin"};
  User manager{server, "acme", Role::manager, "u-manager"};
  User employee{server, "acme", Role::employee, "u-emp"};

  const auto refused = [](const HttpResponse& res) {
    INFO(res.body);
    return res.status == 403 && res.code() == "INSUFFICIENT_PERMISSIONS";
  };
  const auto goal_body = [](std::string_view title, json::object extra) {
    json::object body{{"title", title}, {"horizon", "quarter"}};
    for (auto& [k, v] : extra) body[k] = v;
    return body;
  };

  // Company goals: admins only. Division and team goals: admins and managers.
  const auto company = id_of(admin.post("/goals", goal_body("Company", {{"level", "company"}})));
  CHECK(refused(manager.post("/goals", goal_body("Company 2", {{"level", "company"}}))));
  CHECK(refused(employee.post("/goals", goal_body("Company 3", {{"level", "company"}}))));
  const auto division = id_of(manager.post("/goals", goal_body("Division", {{"level", "division"}})));
  CHECK(refused(employee.post("/goals", goal_body("Team", {{"level", "team"}}))));
  CHECK(refused(employee.post("/goals", goal_body("Division", {{"level", "division"}}))));
  // Employees create goals they own (individual or unlevelled), not goals for others.
  const auto own = id_of(employee.post("/goals", goal_body("Mine", {{"level", "individual"}})));
  CHECK(goal_of(admin, own).at("ownerId") == "u-emp");
  id_of(employee.post("/goals", goal_body("Mine too", {{"owner_id", "u-emp"}})));
  CHECK(refused(employee.post("/goals", goal_body("For Bob", {{"owner_id", "u-bob"}}))));
  const auto for_emp = id_of(manager.post("/goals", goal_body("Assigned", {{"owner_id", "u-emp"}})));

  // Everyone reads every goal of the tenant.
  CHECK(data_of(employee.get("/goals")).as_array().size() == 5);
  CHECK(goal_of(employee, company).at("title") == "Company");

  // Employees change only goals they own; managers and admins change any.
  const std::string c = "/goals/" + company;
  CHECK(refused(employee.put(c, json::object{{"title", "Hijack"}})));
  CHECK(refused(employee.del(c)));
  CHECK(refused(employee.post_empty(c + ":activate")));
  CHECK(refused(employee.post(c + "/strategies", json::object{{"description", "x"}})));
  const auto kpi = new_kpi(employee, "Employee KPI");  // KPIs: anyone may create
  CHECK(refused(employee.post(c + "/kpis:link", json::object{{"kpi_id", kpi}, {"threshold_pct", 50}})));
  CHECK(goal_of(admin, company).at("title") == "Company");
  CHECK(goal_of(admin, company).at("status") == "draft");

  CHECK(data_of(employee.put("/goals/" + own, json::object{{"title", "Mine, renamed"}})).at("title") == "Mine, renamed");
  CHECK(transition(employee, for_emp, "activate") == "active");
  new_strategy(employee, own, "My plan");
  link(employee, own, kpi);
  // An employee cannot give their goal away (they would no longer own it).
  CHECK(refused(employee.put("/goals/" + own, json::object{{"ownerId", "u-bob"}})));
  CHECK(goal_of(admin, own).at("ownerId") == "u-emp");

  CHECK(data_of(manager.put(c, json::object{{"intent", "Managers may"}})).at("intent") == "Managers may");
  CHECK(transition(manager, company, "activate") == "active");
  CHECK(data_of(admin.put("/goals/" + division, json::object{{"title", "Division 2"}})).at("title") == "Division 2");
  // Moving goals in the hierarchy: admins only.
  CHECK(refused(manager.put("/goals/" + division, json::object{{"parentId", company}})));
  CHECK(data_of(admin.put("/goals/" + division, json::object{{"parentId", company}})).at("parentId") == json::value(company));
  // Anyone in the tenant may write to a goal's activity feed.
  CHECK(employee.post(c + "/notes", json::object{{"note", "Looks good"}}).status == 201);
}

TEST_CASE("goals: the plan's goal limit", "[goals][limits]") {
  TestServer server{{.configure = [](app::Config& c) { c.max_goals_per_tenant = 2; }}};
  User acme{server, "acme"};
  User globex{server, "globex"};
  const auto first = new_goal(acme, "One");
  new_goal(acme, "Two");
  auto res = acme.post("/goals", json::object{{"title", "Three"}, {"horizon", "year"}});
  CHECK(res.status == 403);
  CHECK(res.code() == "GOAL_LIMIT_REACHED");
  CHECK(mentions(res, "2"));
  CHECK(data_of(acme.get("/goals")).as_array().size() == 2);
  // The limit is per tenant, and a deleted goal frees its place.
  new_goal(globex, "Globex one");
  data_of(acme.del("/goals/" + first));
  new_goal(acme, "Three");
  CHECK(acme.post("/goals", json::object{{"title", "Four"}, {"horizon", "year"}}).code() == "GOAL_LIMIT_REACHED");
}

TEST_CASE("goals: every goal-side route refuses a missing or bad token", "[goals][auth]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Guarded");
  const auto kpi = new_kpi(acme, "Guarded KPI");
  auto client = server.client();

  const auto now = std::chrono::system_clock::now();
  const auto expires = std::chrono::time_point_cast<std::chrono::milliseconds>(now + std::chrono::hours{1});
  const http::JwtClaims claims{"u1", "acme", Role::admin, "Ann", expires};
  const std::string payload = R"({"sub":"u1","tenant":"acme","role":"admin","exp":4102444800})";
  struct Token {
    std::string name;
    std::string value;
  };
  const std::vector<Token> tokens{
      {"wrong secret", http::mint_jwt(claims, "not-the-server-secret")},
      {"tampered", [&] {
         auto t = http::mint_jwt(claims, TestServer::secret);
         auto& c = t[t.rfind('.') + 1];  // the signature's first character: six real bits
         c = c == 'A' ? 'B' : 'A';
         return t;
       }()},
      {"expired", server.app().mint_token("acme", "u1", Role::admin, "Ann", std::chrono::hours{-1})},
      {"alg none", http::base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + http::base64url_encode(payload) + "."},
      {"alg none, signed", http::sign_jwt(R"({"alg":"none","typ":"JWT"})", payload, TestServer::secret)},
      {"garbage", "not-a-token"},
  };

  const std::vector<std::pair<std::string, std::string>> routes{
      {"GET", "/goals"},
      {"POST", "/goals"},
      {"GET", "/goals/" + goal},
      {"PUT", "/goals/" + goal},
      {"DELETE", "/goals/" + goal},
      {"POST", "/goals/" + goal + ":activate"},
      {"POST", "/goals/" + goal + ":close"},
      {"POST", "/goals/" + goal + "/strategies"},
      {"PUT", "/goals/" + goal + "/strategies:reorder"},
      {"POST", "/goals/" + goal + "/kpis:link"},
      {"GET", "/goals/" + goal + "/kpis/" + kpi + ":link"},
      {"GET", "/kpis"},
      {"POST", "/kpis"},
      {"GET", "/kpis/" + kpi},
      {"GET", "/kpis/" + kpi + "/readings"},
      {"POST", "/kpis/" + kpi + "/readings"},
      {"GET", "/goals/" + goal + "/activity"},
      {"POST", "/goals/" + goal + "/notes"},
      {"GET", "/goals/stats"},
      {"GET", "/activity/recent"},
      {"GET", "/performance/score"},
      {"GET", "/team/alignment"},
  };
  const std::string body = R"({"title":"x","horizon":"year","name":"x","period":"2025-01","value":1})";
  for (const auto& [method, target] : routes) {
    INFO(method << " " << target);
    auto res = client.request(method, target, body);
    CHECK(res.status == 401);
    CHECK(res.code() == "UNAUTHENTICATED");
    CHECK(res.header("WWW-Authenticate") == "Bearer");
    res = client.request(method, target, body, {{"Authorization", "Basic dTE6cGFzc3dvcmQ="}});
    CHECK(res.status == 401);
    for (const auto& token : tokens) {
      INFO(token.name);
      res = client.request(method, target, body, bearer(token.value));
      CHECK(res.status == 401);
      CHECK(res.code() == "UNAUTHENTICATED");
    }
  }
  CHECK(client.get("/goals", tokens[2].value).json().at("error") == "Token has expired");
  CHECK(client.get("/goals", tokens[3].value).json().at("error") == "Token algorithm must be HS256");
  CHECK(client.get("/goals", tokens[0].value).json().at("error") == "Token signature is invalid");

  // Nothing was written by the refused requests.
  CHECK(data_of(acme.get("/goals")).as_array().size() == 1);
  CHECK(goal_of(acme, goal).at("status") == "draft");
  CHECK(data_of(acme.get("/kpis")).as_array().size() == 1);
}

TEST_CASE("goals: body limit, unknown methods and paths on the goal routes", "[goals][errors]") {
  TestServer server{{.configure = [](app::Config& c) { c.body_limit = 1024; }}};
  User acme{server, "acme"};
  const auto id = new_goal(acme, "Small");

  auto res = acme.post("/goals", json::object{{"title", "Big"}, {"horizon", "year"}, {"intent", std::string(4096, 'x')}});
  CHECK(res.status == 413);
  CHECK(res.code() == "PAYLOAD_TOO_LARGE");
  res = acme.put("/goals/" + id, json::object{{"intent", std::string(4096, 'x')}});
  CHECK(res.status == 413);
  CHECK(goal_of(acme, id).at("intent") == "");

  res = acme.raw("PATCH", "/goals/" + id, R"({"title":"x"})");
  CHECK(res.status == 405);
  CHECK(res.code() == "METHOD_NOT_ALLOWED");
  const auto allow = res.header("Allow").value_or("");
  for (const auto* method : {"GET", "PUT", "DELETE"}) CHECK(allow.find(method) != std::string::npos);
  CHECK(acme.raw("DELETE", "/goals/" + id + ":activate", "").status == 405);

  res = acme.get("/goals/" + id + "/nothing-here");
  CHECK(res.status == 404);
  CHECK(res.code() == "NOT_FOUND");
  CHECK(acme.post_empty("/goals/" + id + ":explode").status == 404);
}
