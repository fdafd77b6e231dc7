#pragma once
// Shared by the operations end-to-end tests: the real server (TestServer), a caller with a
// token, JSON helpers, and small steps that create goals, KPIs, actions and issues over HTTP.

#include <boost/json.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support/test_server.hpp"

namespace traction::test {

namespace json = boost::json;

// The real server (every route module is wired in apps/tractiond/src/routes.cpp).
class OperationsServer {
 public:
  [[nodiscard]] TestServer& server() { return server_; }
  [[nodiscard]] std::string token(std::string_view tenant, std::string_view user = "u1",
                                  Role role = Role::admin) const {
    return server_.token(tenant, user, role);
  }

 private:
  TestServer server_;
};

// One caller (tenant, user, role) of a TestServer (any configuration).
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

// A caller of the operations tests' server.
class Caller : public User {
 public:
  Caller(OperationsServer& server, std::string tenant, Role role = Role::admin, std::string user = "u1")
      : User(server.server(), std::move(tenant), role, std::move(user)) {}
};

// `data` of a success envelope; throws with the body when the status is not `status`.
inline json::value data_of(const HttpResponse& res, int status = 200) {
  if (res.status != status) {
    throw std::runtime_error("expected " + std::to_string(status) + ", got " + std::to_string(res.status) + ": " +
                             res.body);
  }
  return res.json().at("data");
}

inline std::string str(const json::value& v) { return std::string(v.as_string()); }

inline std::string id_of(const HttpResponse& res, int status = 201) { return str(data_of(res, status).at("id")); }

// The strings of a JSON array, in order.
inline std::vector<std::string> strings_of(const json::value& array) {
  std::vector<std::string> out;
  for (const auto& v : array.as_array()) out.push_back(str(v));
  return out;
}

// A field of each object of a JSON array, in order.
inline std::vector<std::string> field_of_each(const json::value& array, std::string_view field) {
  std::vector<std::string> out;
  for (const auto& v : array.as_array()) out.push_back(str(v.at(field)));
  return out;
}

inline std::string create_goal(Caller& c, std::string_view title) {
  return id_of(c.post("/goals", json::object{{"title", title}, {"horizon", "quarter"}}));
}

inline std::string create_strategy(Caller& c, const std::string& goal_id, std::string_view description) {
  return id_of(c.post("/goals/" + goal_id + "/strategies", json::object{{"description", description}}));
}

inline std::string create_kpi(Caller& c, std::string_view name) {
  return id_of(c.post("/kpis", json::object{{"name", name}, {"direction", "up"}}));
}

inline std::string create_action(Caller& c, json::object body) { return id_of(c.post("/api/operations/actions", body)); }

inline std::string create_issue(Caller& c, json::object body) { return id_of(c.post("/api/operations/issues", body)); }

// The id of the tenant's issue status / type with that name.
inline std::string status_id(Caller& c, std::string_view name) {
  const auto list = data_of(c.get("/api/operations/issue-statuses?includeInactive=true"));
  for (const auto& s : list.as_array()) {
    if (str(s.at("name")) == name) return str(s.at("id"));
  }
  throw std::runtime_error("no status " + std::string(name));
}

inline std::string type_id(Caller& c, std::string_view name) {
  const auto list = data_of(c.get("/api/operations/issue-types?includeInactive=true"));
  for (const auto& t : list.as_array()) {
    if (str(t.at("name")) == name) return str(t.at("id"));
  }
  throw std::runtime_error("no type " + std::string(name));
}

// The types of the tenant's recent activity, newest first.
inline std::vector<std::string> recent_types(Caller& c) {
  return field_of_each(data_of(c.get("/activity/recent?size=50")), "type");
}

inline bool contains(const std::vector<std::string>& items, std::string_view item) {
  for (const auto& i : items) {
    if (i == item) return true;
  }
  return false;
}

inline bool mentions(const HttpResponse& res, std::string_view text) {
  return res.body.find(text) != std::string::npos;
}

// Creates a goal with the given fields (title and horizon default) and returns its id.
inline std::string new_goal(User& u, std::string_view title, json::object fields = {}) {
  fields["title"] = title;
  if (!fields.contains("horizon")) fields["horizon"] = "quarter";
  return id_of(u.post("/goals", fields));
}

inline json::value goal_of(User& u, const std::string& id) { return data_of(u.get("/goals/" + id)); }

inline double num(const json::value& v) { return v.to_number<double>(); }

}  // namespace traction::test
