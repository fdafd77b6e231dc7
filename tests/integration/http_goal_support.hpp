#pragma once
// Shared by the goal-side end-to-end tests (goals, strategies, KPIs, links, activity,
// analytics, live feed, restart): a caller of any TestServer (so a test may configure its
// server), and small steps that create what a test needs over HTTP. The JSON helpers
// (data_of, str, id_of, strings_of, field_of_each, contains, mentions) come from the
// operations support.

#include <boost/json.hpp>

#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http_operations_support.hpp"
#include "support/test_server.hpp"

namespace traction::test {

// One caller (tenant, user, role) of a TestServer.
class User {
 public:
  User(TestServer& server, std::string tenant, Role role = Role::admin, std::string user = "u1")
      : client_(server.client()), token_(server.token(tenant, user, role)), tenant_(std::move(tenant)),
        user_(std::move(user)) {}

  HttpResponse get(std::string_view target) { return client_.get(target, token_); }
  HttpResponse post(std::string_view target, const json::value& body) { return send("POST", target, body); }
  HttpResponse put(std::string_view target, const json::value& body) { return send("PUT", target, body); }
  HttpResponse del(std::string_view target) { return client_.request("DELETE", target, {}, bearer(token_)); }
  HttpResponse post_empty(std::string_view target) { return client_.request("POST", target, {}, bearer(token_)); }
  HttpResponse raw(std::string_view method, std::string_view target, std::string body) {
    return client_.request(method, target, std::move(body), bearer(token_));
  }

  [[nodiscard]] const std::string& token() const { return token_; }
  [[nodiscard]] const std::string& tenant() const { return tenant_; }
  [[nodiscard]] const std::string& id() const { return user_; }

 private:
  HttpResponse send(std::string_view method, std::string_view target, const json::value& body) {
    return client_.request(method, target, json::serialize(body), bearer(token_));
  }

  HttpClient client_;
  std::string token_;
  std::string tenant_;
  std::string user_;
};

// ---- steps ---------------------------------------------------------------------------------

inline std::string new_goal(User& u, std::string_view title, json::object extra = {}) {
  json::object body{{"title", title}, {"horizon", "quarter"}};
  for (auto& [key, value] : extra) body[key] = value;
  return id_of(u.post("/goals", body));
}

inline std::string new_kpi(User& u, std::string_view name, std::string_view direction = "up",
                           json::object extra = {}) {
  json::object body{{"name", name}, {"direction", direction}};
  for (auto& [key, value] : extra) body[key] = value;
  return id_of(u.post("/kpis", body));
}

inline std::string new_strategy(User& u, const std::string& goal, std::string_view description,
                                json::object extra = {}) {
  json::object body{{"description", description}};
  for (auto& [key, value] : extra) body[key] = value;
  return id_of(u.post("/goals/" + goal + "/strategies", body));
}

inline json::value link(User& u, const std::string& goal, const std::string& kpi, json::object extra = {}) {
  json::object body{{"kpi_id", kpi}, {"threshold_pct", 70}};
  for (auto& [key, value] : extra) body[key] = value;
  return data_of(u.post("/goals/" + goal + "/kpis:link", body), 201);
}

inline json::value reading(User& u, const std::string& kpi, std::string_view period, double value,
                           json::object extra = {}) {
  json::object body{{"period", period}, {"value", value}};
  for (auto& [key, v] : extra) body[key] = v;
  return data_of(u.post("/kpis/" + kpi + "/readings", body), 201);
}

// The goal's status after a transition (throws with the body when it was refused).
inline std::string transition(User& u, const std::string& goal, std::string_view op, json::object body = {}) {
  return str(data_of(u.post("/goals/" + goal + ":" + std::string(op), body)).at("status"));
}

inline json::value goal_of(User& u, const std::string& goal) { return data_of(u.get("/goals/" + goal)); }

// The types of the tenant's recent activity (/activity/recent), newest first.
inline std::vector<std::string> recent_types_of(User& u) {
  return field_of_each(data_of(u.get("/activity/recent?size=50")), "type");
}

inline double num(const json::value& v) { return v.to_number<double>(); }

inline double round1(double v) { return std::round(v * 10) / 10; }

// A JSON number field close to `expected` (to the tenth the API rounds to).
inline bool near(const json::value& v, double expected, double tolerance = 1e-9) {
  return std::abs(num(v) - expected) <= tolerance;
}

}  // namespace traction::test
