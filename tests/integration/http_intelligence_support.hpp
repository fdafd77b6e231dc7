#pragma once
// Shared by the 002 goal-intelligence end-to-end tests (hierarchy, roll-up, progress,
// forecast, analytics, jobs): goals with a level and a parent over HTTP, snapshots seeded
// through the store port, and the server's "today".

#include <boost/json.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "http_operations_support.hpp"
#include "traction/domain/audit.hpp"
#include "traction/ports/store.hpp"
#include "traction/time.hpp"

namespace traction::test {

// The intelligence tests call their caller an Api.
using Api = User;

// Both prefixes 002's goal endpoints are served under.
inline constexpr std::string_view goal_prefixes[] = {"/goals", "/api/goals"};

inline double progress_of(Api& c, const std::string& id) {
  return goal_of(c, id).at("progress").to_number<double>();
}

inline HttpResponse link_parent(Api& c, const std::string& child, const std::string& parent,
                                std::string_view prefix = "/goals") {
  return c.post(std::string(prefix) + "/" + child + "/link-parent", json::object{{"parentId", parent}});
}

// The server's today (UTC), from the clock the use cases read.
inline Date today_of(TestServer& server) { return date_of(server.app().clock().now()); }

inline std::string iso(Date d) { return format_date(d); }

// Appends one progress snapshot through the store port (as the daily job would).
inline void seed_snapshot(TestServer& server, std::string_view tenant, std::string_view goal_id, Timestamp at,
                          double progress, SnapshotSource source = SnapshotSource::daily) {
  auto written = server.app().store().write([&](ports::Transaction& tx) -> Status {
    return tx.snapshots().append(ProgressSnapshot{std::string(tenant), std::string(goal_id), at, progress, source});
  });
  if (!written) throw std::runtime_error("seeding a snapshot failed: " + written.error().message);
}

// Changes a stored goal behind the use cases' back (to simulate drift): `change(goal)`.
template <class Change>
void tamper_goal(TestServer& server, std::string_view tenant, std::string_view goal_id, Change&& change) {
  auto written = server.app().store().write([&](ports::Transaction& tx) -> Status {
    auto goal = tx.goals().find(tenant, goal_id);
    if (!goal) return std::unexpected(goal.error());
    if (!*goal) return fail(ErrorCode::goal_not_found, "no such goal");
    change(**goal);
    return tx.goals().update(**goal);
  });
  if (!written) throw std::runtime_error("changing a goal failed: " + written.error().message);
}

// Noon (UTC) of the day `days` before/after `day`.
inline Timestamp noon(Date day, int days = 0) { return start_of(day + std::chrono::days{days}) + std::chrono::hours{12}; }

// The audit entries of a goal, newest first.
inline json::array audit_of(Api& c, const std::string& goal_id) {
  return data_of(c.get("/goals/" + goal_id + "/audit?size=100")).as_array();
}

// The audit entries of a goal with that action, newest first.
inline std::vector<json::object> audit_entries(Api& c, const std::string& goal_id, std::string_view action) {
  std::vector<json::object> out;
  for (const auto& e : audit_of(c, goal_id)) {
    if (e.at("action").as_string() == action) out.push_back(e.as_object());
  }
  return out;
}

inline bool has_text(const HttpResponse& res, std::string_view text) {
  const auto body = res.json();
  const auto& error = body.at("error").as_string();
  return std::string_view(error.data(), error.size()).find(text) != std::string_view::npos;
}

}  // namespace traction::test
