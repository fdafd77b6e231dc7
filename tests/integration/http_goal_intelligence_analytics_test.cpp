// End to end over HTTP: 002's GET /goals/analytics (and /api/goals/analytics) with its
// type / ownerType / startDate filters and the response shape of 002's "Response Structure".
#include <catch2/catch.hpp>

#include "http_intelligence_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

// Both paths answer the same.
json::object analytics(Api& c, const std::string& query = {}) {
  auto a = data_of(c.get("/goals/analytics" + query)).as_object();
  CHECK(data_of(c.get("/api/goals/analytics" + query)).as_object() == a);
  return a;
}

struct Rate {
  std::string key;
  double completion_rate;
  std::int64_t total;
  std::int64_t completed;
};

void check_rate(const json::value& v, const Rate& r) {
  INFO(json::serialize(v));
  CHECK(num(v.at("completionRate")) == Approx(r.completion_rate));
  CHECK(v.at("totalGoals") == r.total);
  CHECK(v.at("completedGoals") == r.completed);
}

}  // namespace

TEST_CASE("goal analytics summarise the tenant's goals by 002's formulas and filters", "[intelligence][analytics]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto today = today_of(server);
  const auto in = [&](long days) { return iso(today + std::chrono::days{days}); };
  const auto this_month = year_month_of(today);
  const auto last_month_first = first_day(year_month_of(first_day(this_month) - std::chrono::days{1}));

  // team / quarter, active, 50 % in the 10 days since its start → velocity 5 (start-date basis).
  const auto g1 = new_goal(acme, "Team quarter", {{"level", "team"}, {"horizon", "quarter"}, {"status", "active"},
                                                  {"progress", 50}, {"startDate", in(-10)}, {"endDate", in(0)}});
  seed_snapshot(server, "acme", g1, noon(today, -40), 0);  // the oldest snapshot: 40 days of history
  // company / year, completed today at 100 % after 25 days → velocity 4.
  const auto g2 = new_goal(acme, "Company year", {{"level", "company"}, {"horizon", "year"}, {"status", "active"},
                                                  {"progress", 100}, {"startDate", in(-25)}, {"endDate", in(0)}});
  REQUIRE(acme.post("/goals/" + g2 + ":close", json::object{{"finalStatus", "completed"}}).status == 200);
  // individual / quarter, cancelled, ended last month.
  const auto g3 = new_goal(acme, "Individual quarter", {{"level", "individual"}, {"horizon", "quarter"}, {"status", "active"},
                                                        {"progress", 10}, {"endDate", iso(last_month_first)}});
  REQUIRE(acme.post("/goals/" + g3 + ":close", json::object{{"finalStatus", "cancelled"}}).status == 200);
  // team / month, draft, no dates: no velocity (drafts are left out).
  new_goal(acme, "Team month draft", {{"level", "team"}, {"horizon", "month"}});
  // Another tenant's goal counts nowhere here.
  Api globex{server, "globex"};
  new_goal(globex, "Foreign", {{"level", "team"}, {"status", "active"}, {"progress", 90}});

  const double v1 = 50.0 / 10, v2 = 100.0 / 25;

  // --- no filter: the four goals of acme.
  auto a = analytics(acme);
  CHECK(a.at("totalGoals") == 4);
  CHECK(a.at("completedGoals") == 1);
  CHECK(a.at("activeGoals") == 1);
  CHECK(a.at("cancelledGoals") == 1);
  CHECK(num(a.at("overallCompletionRate")) == Approx(100.0 * 1 / 4));
  CHECK(num(a.at("averageProgress")) == Approx((50.0 + 100 + 10 + 0) / 4));
  CHECK(num(a.at("averageVelocity")) == Approx((v1 + v2) / 2));
  CHECK(a.at("velocityDataPoints") == 2);
  // The 12 months ending with this one, oldest first; a goal counts in its end date's month.
  const auto& trend = a.at("completionRateTrend").as_array();
  REQUIRE(trend.size() == 12);
  CHECK(str(trend[11].at("month")) == format_year_month(this_month));
  CHECK(str(trend[10].at("month")) == format_year_month(year_month_of(last_month_first)));
  check_rate(trend[11], {"", 50, 2, 1});  // g1 and g2 end today
  check_rate(trend[10], {"", 0, 1, 0});   // g3
  for (std::size_t i = 0; i < 10; ++i) check_rate(trend[i], {"", 0, 0, 0});
  // One entry per type (horizon), all three always.
  const auto& types = a.at("typeBreakdown").as_array();
  REQUIRE(types.size() == 3);
  CHECK(field_of_each(types, "type") == std::vector<std::string>{"year", "quarter", "month"});
  check_rate(types[0], {"year", 100, 1, 1});
  check_rate(types[1], {"quarter", 0, 2, 0});
  check_rate(types[2], {"month", 0, 1, 0});
  // Team: the goals of level team (g1 and the draft); company: every goal.
  CHECK(num(a.at("teamAverageCompletionRate")) == 0);
  CHECK(num(a.at("companyAverageCompletionRate")) == Approx(25));
  CHECK(num(a.at("teamAverageVelocity")) == Approx(v1));
  CHECK(num(a.at("companyAverageVelocity")) == Approx((v1 + v2) / 2));
  CHECK(a.at("daysOfHistory") == 40);
  CHECK(a.at("hasSufficientData") == true);

  // --- type = quarter: g1 and g3; the team/company comparisons still see every goal.
  a = analytics(acme, "?type=quarter");
  CHECK(a.at("totalGoals") == 2);
  CHECK(a.at("completedGoals") == 0);
  CHECK(a.at("activeGoals") == 1);
  CHECK(a.at("cancelledGoals") == 1);
  CHECK(num(a.at("overallCompletionRate")) == 0);
  CHECK(num(a.at("averageProgress")) == Approx((50.0 + 10) / 2));
  CHECK(num(a.at("averageVelocity")) == Approx(v1));
  CHECK(a.at("velocityDataPoints") == 1);
  check_rate(a.at("typeBreakdown").as_array()[0], {"year", 0, 0, 0});
  check_rate(a.at("typeBreakdown").as_array()[1], {"quarter", 0, 2, 0});
  CHECK(num(a.at("companyAverageCompletionRate")) == Approx(25));
  CHECK(num(a.at("companyAverageVelocity")) == Approx((v1 + v2) / 2));
  CHECK(a.at("daysOfHistory") == 40);

  // --- ownerType = company: g2 alone, history only from today, too little data.
  a = analytics(acme, "?ownerType=company");
  CHECK(a.at("totalGoals") == 1);
  CHECK(a.at("completedGoals") == 1);
  CHECK(num(a.at("overallCompletionRate")) == 100);
  CHECK(num(a.at("averageVelocity")) == Approx(v2));
  CHECK(a.at("daysOfHistory") == 0);
  CHECK(a.at("hasSufficientData") == false);
  CHECK(analytics(acme, "?owner_type=team").at("totalGoals") == 2);
  CHECK(analytics(acme, "?type=quarter&ownerType=individual").at("totalGoals") == 1);
  CHECK(analytics(acme, "?type=month&ownerType=company").at("totalGoals") == 0);

  // --- startDate: goals starting on or after it (start date, else creation date = today).
  a = analytics(acme, "?startDate=" + in(-15));
  CHECK(a.at("totalGoals") == 3);  // not g2, which started 25 days ago
  CHECK(a.at("completedGoals") == 0);
  CHECK(analytics(acme, "?start_date=" + in(-25)).at("totalGoals") == 4);
  CHECK(analytics(acme, "?startDate=" + in(1)).at("totalGoals") == 0);

  // --- the other tenant sees only its own.
  a = analytics(globex);
  CHECK(a.at("totalGoals") == 1);
  CHECK(a.at("activeGoals") == 1);
  CHECK(num(a.at("averageProgress")) == 90);
  CHECK(num(a.at("teamAverageCompletionRate")) == 0);

  // --- bad filters are 400s naming the parameter.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"?type=weekly", "type"}, {"?ownerType=department", "ownerType"}, {"?startDate=last-week", "startDate"}}) {
    for (const auto* path : {"/goals/analytics", "/api/goals/analytics"}) {
      INFO(path << query);
      const auto res = acme.get(path + query);
      CHECK(res.status == 400);
      CHECK(res.code() == "VALIDATION_ERROR");
      CHECK(res.field() == field);
    }
  }
  CHECK(server.client().get("/goals/analytics").status == 401);
}

TEST_CASE("goal analytics of an empty tenant have the full shape with zeros and nulls", "[intelligence][analytics]") {
  TestServer server;
  Api acme{server, "acme"};
  const auto a = analytics(acme);
  for (const auto* key : {"totalGoals", "completedGoals", "activeGoals", "cancelledGoals", "velocityDataPoints",
                          "daysOfHistory"}) {
    INFO(key);
    CHECK(a.at(key) == 0);
  }
  for (const auto* key : {"overallCompletionRate", "averageProgress", "averageVelocity"}) {
    INFO(key);
    CHECK(num(a.at(key)) == 0);
  }
  for (const auto* key : {"teamAverageCompletionRate", "companyAverageCompletionRate", "teamAverageVelocity",
                          "companyAverageVelocity"}) {
    INFO(key);
    CHECK(a.at(key).is_null());
  }
  CHECK(a.at("hasSufficientData") == false);
  CHECK(a.at("completionRateTrend").as_array().size() == 12);
  CHECK(a.at("typeBreakdown").as_array().size() == 3);
  CHECK(a.size() == 16);  // exactly 002's fields
}
