// End to end over HTTP: 001 "KPI Management" — the shared KPI catalog (/kpis), one KPI with
// its readings, and readings with their period filter, pagination and duplicate rule.
#include <catch2/catch.hpp>

#include <algorithm>

#include "http_goal_support.hpp"

using namespace traction;
using namespace traction::test;

namespace {

using V = std::vector<std::string>;

V names(User& u, const std::string& query) { return field_of_each(data_of(u.get("/kpis" + query)), "name"); }

V periods(const json::value& readings) { return field_of_each(readings, "period"); }

}  // namespace

TEST_CASE("kpis: created and read with 001's shape", "[kpis]") {
  TestServer server;
  User acme{server, "acme"};

  auto kpi = data_of(acme.post("/kpis", json::object{{"name", " Monthly revenue "},
                                                     {"description", "Booked revenue"},
                                                     {"category", "Finance"},
                                                     {"unit", "USD"},
                                                     {"direction", "up"},
                                                     {"formula", "sum(bookings)"},
                                                     {"isShared", false}}),
                     201);
  const auto id = str(kpi.at("id"));
  CHECK(kpi.at("name") == "Monthly revenue");
  CHECK(kpi.at("description") == "Booked revenue");
  CHECK(kpi.at("category") == "Finance");
  CHECK(kpi.at("unit") == "USD");
  CHECK(kpi.at("direction") == "up");
  CHECK(kpi.at("formula") == "sum(bookings)");
  CHECK(kpi.at("isShared") == false);
  CHECK(kpi.at("ownerId") == "u1");
  CHECK(kpi.at("createdAt").is_string());

  // Defaults: direction up, shared, no formula.
  auto churn = data_of(acme.post("/kpis", json::object{{"name", "Churn"}, {"direction", "down"}}), 201);
  CHECK(churn.at("direction") == "down");
  CHECK(churn.at("isShared") == true);
  CHECK(churn.at("formula").is_null());
  CHECK(data_of(acme.post("/kpis", json::object{{"name", "Plain"}}), 201).at("direction") == "up");

  // GET /kpis/{id} is always {kpi, readings[]}, newest period first.
  auto detail = data_of(acme.get("/kpis/" + id));
  CHECK(detail.at("kpi") == kpi);
  CHECK(detail.at("readings").as_array().empty());
  reading(acme, id, "2025-01", 100);
  reading(acme, id, "2025-03", 130);
  reading(acme, id, "2025-02", 120);
  detail = data_of(acme.get("/kpis/" + id));
  CHECK(periods(detail.at("readings")) == V{"2025-03", "2025-02", "2025-01"});

  for (const auto& res : {acme.get("/kpis/ghost"), acme.get("/kpis/ghost/readings"),
                          acme.post("/kpis/ghost/readings", json::object{{"period", "2025-01"}, {"value", 1}})}) {
    CHECK(res.status == 404);
    CHECK(res.code() == "KPI_NOT_FOUND");
  }

  struct Case {
    json::object body;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{{{{"direction", "up"}}, "name"},
                                         {{{"name", "  "}}, "name"},
                                         {{{"name", std::string(101, 'k')}}, "name"},
                                         {{{"name", "k"}, {"direction", "sideways"}}, "direction"},
                                         {{{"name", "k"}, {"isShared", "yes"}}, "isShared"},
                                         {{{"name", "k"}, {"unit", 3}}, "unit"}}) {
    INFO(json::serialize(c.body));
    auto res = acme.post("/kpis", c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  CHECK(names(acme, "") == V{"Churn", "Monthly revenue", "Plain"});
}

TEST_CASE("kpis: the catalog list filters and paginates", "[kpis]") {
  TestServer server;
  User acme{server, "acme"};
  User bob{server, "acme", Role::manager, "u-bob"};
  User globex{server, "globex"};
  new_kpi(acme, "Revenue", "up", {{"category", "Finance"}, {"description", "Top line"}});
  new_kpi(acme, "Gross margin", "up", {{"category", "Finance"}, {"description", "After cost of revenue"}});
  new_kpi(bob, "Churn", "down", {{"category", "Customers"}});
  new_kpi(bob, "NPS", "up", {{"category", "Customers"}});
  new_kpi(acme, "Uptime", "up", {{"category", "Engineering"}, {"ownerId", "u-bob"}});
  new_kpi(globex, "Revenue", "up", {{"category", "Finance"}});

  CHECK(names(acme, "") == V{"Churn", "Gross margin", "NPS", "Revenue", "Uptime"});  // by name
  CHECK(names(acme, "?category=Finance") == V{"Gross margin", "Revenue"});
  CHECK(names(acme, "?category=finance").empty());  // categories match exactly
  CHECK(names(acme, "?ownerId=u-bob") == V{"Churn", "NPS", "Uptime"});
  CHECK(names(acme, "?search=revenue") == V{"Gross margin", "Revenue"});  // name or description
  CHECK(names(acme, "?search=revenue&category=Finance&ownerId=u1") == V{"Gross margin", "Revenue"});
  CHECK(names(globex, "") == V{"Revenue"});

  auto body = acme.get("/kpis?page=2&size=2").json();
  CHECK(field_of_each(body.at("data"), "name") == V{"NPS", "Revenue"});
  CHECK(body.at("pagination") == json::object{{"page", 2}, {"size", 2}, {"total", 5}, {"totalPages", 3}});
  body = acme.get("/kpis?page=9&size=2").json();
  CHECK(body.at("data").as_array().empty());
  CHECK(body.at("pagination").at("total") == 5);
  body = acme.get("/kpis?size=101").json();
  CHECK(body.at("pagination") == json::object{{"page", 1}, {"size", 100}, {"total", 5}, {"totalPages", 1}});
  for (const auto& query : {"?page=0", "?size=-1", "?size=many"}) {
    INFO(query);
    CHECK(acme.get(std::string("/kpis") + query).status == 400);
  }
}

TEST_CASE("kpis: readings, their period filter and pagination", "[kpis][readings]") {
  TestServer server;
  User acme{server, "acme"};
  const auto kpi = new_kpi(acme, "Revenue");
  const std::string readings = "/kpis/" + kpi + "/readings";

  auto first = data_of(acme.post(readings, json::object{{"period", "2025-01"},
                                                         {"value", 100.5},
                                                         {"adjustedValue", 98},
                                                         {"reason", "Refund"}}),
                       201);
  CHECK(first.at("kpiId") == json::value(kpi));
  CHECK(first.at("period") == "2025-01");
  CHECK(num(first.at("value")) == 100.5);
  CHECK(num(first.at("adjustedValue")) == 98);
  CHECK(num(first.at("effectiveValue")) == 98);
  CHECK(first.at("reason") == "Refund");
  CHECK(first.at("createdBy") == "u1");
  for (int month = 2; month <= 12; ++month) {
    const auto period = month < 10 ? "2025-0" + std::to_string(month) : "2025-" + std::to_string(month);
    reading(acme, kpi, period, 100 + month);
  }
  auto plain = data_of(acme.get(readings + "?size=1"));
  REQUIRE(plain.as_array().size() == 1);
  CHECK(plain.at(0).at("period") == "2025-12");
  CHECK(plain.at(0).at("adjustedValue").is_null());
  CHECK(num(plain.at(0).at("effectiveValue")) == 112);

  // Newest first, paginated.
  auto body = acme.get(readings + "?page=2&size=5").json();
  CHECK(periods(body.at("data")) == V{"2025-07", "2025-06", "2025-05", "2025-04", "2025-03"});
  CHECK(body.at("pagination") == json::object{{"page", 2}, {"size", 5}, {"total", 12}, {"totalPages", 3}});
  body = acme.get(readings + "?page=4&size=5").json();
  CHECK(body.at("data").as_array().empty());
  CHECK(body.at("pagination").at("total") == 12);

  // startDate/endDate select the months they fall in, both ends included.
  body = acme.get(readings + "?startDate=2025-03-15&endDate=2025-05-01").json();
  CHECK(periods(body.at("data")) == V{"2025-05", "2025-04", "2025-03"});
  CHECK(body.at("pagination").at("total") == 3);
  CHECK(periods(data_of(acme.get(readings + "?startDate=2025-11-01"))) == V{"2025-12", "2025-11"});
  CHECK(periods(data_of(acme.get(readings + "?endDate=2025-02-28"))) == V{"2025-02", "2025-01"});
  CHECK(periods(data_of(acme.get(readings + "?start_date=2025-06-01&end_date=2025-06-30"))) == V{"2025-06"});
  CHECK(data_of(acme.get(readings + "?startDate=2026-01-01")).as_array().empty());

  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"?startDate=2025-05-01&endDate=2025-04-30", "endDate"},
           {"?startDate=May", "startDate"},
           {"?endDate=2025-13-01", "endDate"},
           {"?page=0", "page"}}) {
    INFO(query);
    auto res = acme.get(readings + query);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == field);
  }

  struct Case {
    json::object body;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{{{{"value", 1}}, "period"},
                                         {{{"period", "2025-13"}, {"value", 1}}, "period"},
                                         {{{"period", "January"}, {"value", 1}}, "period"},
                                         {{{"period", "2026-01"}}, "value"},
                                         {{{"period", "2026-01"}, {"value", "ten"}}, "value"},
                                         {{{"period", "2026-01"}, {"value", 1}, {"adjustedValue", "x"}}, "adjustedValue"},
                                         {{{"period", "2026-01"}, {"value", 1}, {"replace", "yes"}}, "replace"}}) {
    INFO(json::serialize(c.body));
    auto res = acme.post(readings, c.body);
    CHECK(res.status == 400);
    CHECK(res.code() == "VALIDATION_ERROR");
    CHECK(res.field() == c.field);
  }
  CHECK(acme.get(readings).json().at("pagination").at("total") == 12);
}

TEST_CASE("kpis: a second reading for a period is refused unless it replaces", "[kpis][readings]") {
  TestServer server;
  User acme{server, "acme"};
  const auto kpi = new_kpi(acme, "Revenue");
  const std::string readings = "/kpis/" + kpi + "/readings";
  const auto original = reading(acme, kpi, "2025-04", 100);

  auto res = acme.post(readings, json::object{{"period", "2025-04"}, {"value", 250}});
  CHECK(res.status == 409);
  CHECK(res.code() == "DUPLICATE_READING");
  CHECK(res.field() == "period");
  CHECK(mentions(res, "2025-04"));
  res = acme.post(readings, json::object{{"period", "2025-04"}, {"value", 250}, {"replace", false}});
  CHECK(res.code() == "DUPLICATE_READING");
  auto list = data_of(acme.get(readings));
  REQUIRE(list.as_array().size() == 1);
  CHECK(num(list.at(0).at("value")) == 100);

  auto replaced = data_of(acme.post(readings, json::object{{"period", "2025-04"}, {"value", 250}, {"replace", true}}), 201);
  CHECK(replaced.at("id") == original.at("id"));  // the same reading, new value
  CHECK(replaced.at("createdAt") == original.at("createdAt"));
  CHECK(num(replaced.at("value")) == 250);
  list = data_of(acme.get(readings));
  REQUIRE(list.as_array().size() == 1);
  CHECK(list.at(0) == replaced);
  CHECK(data_of(acme.get("/kpis/" + kpi)).at("readings") == list);
  // "replace" with no earlier reading simply records it.
  CHECK(num(reading(acme, kpi, "2025-05", 7, {{"replace", true}}).at("value")) == 7);
  CHECK(contains(recent_types_of(acme), "kpi_updated"));
}

TEST_CASE("kpis: another tenant's KPI answers 404", "[kpis][tenancy]") {
  TestServer server;
  User acme{server, "acme"};
  User globex{server, "globex"};
  const auto kpi = new_kpi(acme, "Revenue");
  reading(acme, kpi, "2025-01", 1);
  for (const auto& res : {globex.get("/kpis/" + kpi), globex.get("/kpis/" + kpi + "/readings"),
                          globex.post("/kpis/" + kpi + "/readings",
                                      json::object{{"period", "2025-02"}, {"value", 5}})}) {
    CHECK(res.status == 404);
    CHECK(res.code() == "KPI_NOT_FOUND");
  }
  CHECK(data_of(globex.get("/kpis")).as_array().empty());
  CHECK(data_of(acme.get("/kpis/" + kpi + "/readings")).as_array().size() == 1);
}
