// End to end over HTTP: GET /goals/{id}/forecast and /api/goals/{id}/forecast on a seeded
// snapshot history, against answers worked out by hand from the method of
// core/include/traction/domain/forecast.hpp (least squares over the window's days, else
// progress / days since start; status against the end date).
#include <catch2/catch.hpp>

#include <cmath>

#include "http_intelligence_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

// The forecast of a goal; both prefixes answer the same (but for calculatedAt).
json::object forecast_of(Api& c, const std::string& id) {
  auto a = data_of(c.get("/goals/" + id + "/forecast")).as_object();
  auto b = data_of(c.get("/api/goals/" + id + "/forecast")).as_object();
  CHECK(a.at("calculatedAt").is_string());
  a.erase("calculatedAt");
  b.erase("calculatedAt");
  CHECK(a == b);
  return a;
}

// A goal whose progress is 40 today after 10, 20 and 32 on the three days before: points
// (x = day, y) = (0,10) (1,20) (2,32) (3,40). By hand:
//   x̄ = 1.5, ȳ = 25.5, Sxx = 5, Sxy = 51, Syy = 523
//   velocity b = 51/5 = 10.2 per day
//   s² = (523 − 51²/5)/(4 − 2) = 1.4, SE = √(1.4/5) = 0.529150...
//   remaining 60: projected = ⌈60/10.2⌉ = ⌈5.88⌉ = 6 days,
//   earliest ⌈60/10.729⌉ = ⌈5.59⌉ = 6, latest ⌈60/9.671⌉ = ⌈6.20⌉ = 7.
constexpr double history_velocity = 10.2;
constexpr long history_days = 6;
constexpr long history_earliest = 6;
constexpr long history_latest = 7;

std::string goal_with_history(TestServer& server, Api& c, Date today, std::string_view title, int end_in_days) {
  const auto id = new_goal(c, title, {{"progress", 40},
                                      {"startDate", iso(today - std::chrono::days{30})},
                                      {"endDate", iso(today + std::chrono::days{end_in_days})}});
  seed_snapshot(server, c.tenant(), id, noon(today, -3), 10);
  seed_snapshot(server, c.tenant(), id, noon(today, -2) - std::chrono::hours{4}, 5);  // the day's last one counts
  seed_snapshot(server, c.tenant(), id, noon(today, -2), 20);
  seed_snapshot(server, c.tenant(), id, noon(today, -1), 32);
  seed_snapshot(server, c.tenant(), id, noon(today, -120), 95);  // outside the 90-day window
  return id;
}

}  // namespace

TEST_CASE("the forecast fits the snapshot history by least squares", "[intelligence][forecast]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto today = today_of(server);
  const auto in = [&](long days) { return iso(today + std::chrono::days{days}); };

  // The hand-worked numbers hold for the method itself.
  const double sxx = 5, sxy = 51, syy = 523;
  const double se = std::sqrt((syy - sxy * sxy / sxx) / 2 / sxx);
  REQUIRE(sxy / sxx == Approx(history_velocity));
  REQUIRE(static_cast<long>(std::ceil(60 / (history_velocity + se))) == history_earliest);
  REQUIRE(static_cast<long>(std::ceil(60 / (history_velocity - se))) == history_latest);

  // Ends after the projection: on track.
  const auto on_track = goal_with_history(server, acme, today, "On track", 10);
  auto f = forecast_of(acme, on_track);
  CHECK(str(f.at("goalId")) == on_track);
  CHECK(num(f.at("currentProgress")) == 40);
  CHECK(str(f.at("startDate")) == in(-30));
  CHECK(str(f.at("endDate")) == in(10));
  CHECK(f.at("basis") == "history");
  CHECK(num(f.at("velocityPerDay")) == Approx(history_velocity));
  CHECK(num(f.at("dataPoints")) == 4);
  CHECK(str(f.at("projectedCompletionDate")) == in(history_days));
  CHECK(num(f.at("daysToGo")) == history_days);
  CHECK(str(f.at("range").at("earliest")) == in(history_earliest));
  CHECK(str(f.at("range").at("latest")) == in(history_latest));
  CHECK(f.at("status") == "on_track");
  CHECK(f.at("sufficientData") == true);
  CHECK(f.at("message").is_null());

  // Ends one day before it: late by 1 ≤ 10 % of the 35-day span → at risk.
  f = forecast_of(acme, goal_with_history(server, acme, today, "At risk", 5));
  CHECK(str(f.at("projectedCompletionDate")) == in(history_days));
  CHECK(f.at("status") == "at_risk");

  // Ends four days before it: late by 4 > 10 % of the 32-day span → off track.
  f = forecast_of(acme, goal_with_history(server, acme, today, "Off track", 2));
  CHECK(str(f.at("projectedCompletionDate")) == in(history_days));
  CHECK(f.at("status") == "off_track");

  CHECK(acme.get("/goals/no-such-goal/forecast").status == 404);
  Api globex{server, "globex"};
  CHECK(globex.get("/api/goals/" + on_track + "/forecast").code() == "GOAL_NOT_FOUND");
}

TEST_CASE("without enough history the forecast uses the start date, else says the data is insufficient",
          "[intelligence][forecast]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto today = today_of(server);
  const auto in = [&](long days) { return iso(today + std::chrono::days{days}); };

  // 20 points in the 10 days since the start: 2 a day, 80 to go → 40 days.
  const auto started = new_goal(acme, "Started", {{"progress", 20}, {"startDate", in(-10)}, {"endDate", in(50)}});
  auto f = forecast_of(acme, started);
  CHECK(f.at("basis") == "start_date");
  CHECK(num(f.at("velocityPerDay")) == Approx(20.0 / 10));
  CHECK(num(f.at("dataPoints")) == 1);  // today's snapshot only
  CHECK(str(f.at("projectedCompletionDate")) == in(40));
  CHECK(num(f.at("daysToGo")) == 40);
  CHECK(f.at("range").at("earliest").is_null());
  CHECK(f.at("range").at("latest").is_null());
  CHECK(f.at("status") == "on_track");
  // Two snapshot days are still too few for a fit (three are needed).
  seed_snapshot(server, "acme", started, noon(today, -1), 18);
  f = forecast_of(acme, started);
  CHECK(f.at("basis") == "start_date");
  CHECK(num(f.at("dataPoints")) == 2);

  // Nothing to go on: no progress, started today.
  const auto fresh = new_goal(acme, "Fresh", {{"endDate", in(30)}});
  f = forecast_of(acme, fresh);
  CHECK(f.at("status") == "insufficient_data");
  CHECK(f.at("sufficientData") == false);
  CHECK(f.at("basis").is_null());
  CHECK(num(f.at("velocityPerDay")) == 0);
  CHECK(f.at("projectedCompletionDate").is_null());
  CHECK(f.at("daysToGo").is_null());
  CHECK(str(f.at("message")).find("Not enough data") != std::string::npos);

  // A flat history with an end date: off track, nothing projected; without one: insufficient.
  for (const bool with_end : {true, false}) {
    json::object fields{{"progress", 50}, {"startDate", in(-20)}};
    if (with_end) fields["endDate"] = in(20);
    const auto flat = new_goal(acme, with_end ? "Flat, ends" : "Flat, open", fields);
    for (int day = 1; day <= 3; ++day) seed_snapshot(server, "acme", flat, noon(today, -day), 50);
    f = forecast_of(acme, flat);
    INFO(json::serialize(f));
    CHECK(f.at("basis") == "history");
    CHECK(num(f.at("velocityPerDay")) == 0);
    CHECK(f.at("projectedCompletionDate").is_null());
    CHECK(f.at("status") == (with_end ? "off_track" : "insufficient_data"));
    CHECK(f.at("sufficientData") == with_end);
    CHECK(f.at("message").is_string());
  }

  // Done is on track today, whatever the history.
  const auto done = new_goal(acme, "Done", {{"progress", 100}, {"endDate", in(-5)}});
  f = forecast_of(acme, done);
  CHECK(f.at("status") == "on_track");
  CHECK(str(f.at("projectedCompletionDate")) == in(0));
  CHECK(num(f.at("daysToGo")) == 0);
}
