#pragma once
// Shared by the goal-side end-to-end tests (goals, strategies, KPIs, links, activity,
// analytics, live feed, restart): a caller of any TestServer (so a test may configure its
// server), and small steps that create what a test needs over HTTP. The caller (User) and the
// JSON helpers (data_of, str, id_of, strings_of, field_of_each, contains, mentions) come
// from the operations support.

#include <boost/json.hpp>

#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http_operations_support.hpp"
#include "support/test_server.hpp"

namespace traction::test {

// ---- steps ---------------------------------------------------------------------------------

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

// The types of the tenant's recent activity (/activity/recent), newest first.
inline std::vector<std::string> recent_types_of(User& u) {
  return field_of_each(data_of(u.get("/activity/recent?size=50")), "type");
}

inline double round1(double v) { return std::round(v * 10) / 10; }

// A JSON number field close to `expected` (to the tenth the API rounds to).
inline bool near(const json::value& v, double expected, double tolerance = 1e-9) {
  return std::abs(num(v) - expected) <= tolerance;
}

}  // namespace traction::test
