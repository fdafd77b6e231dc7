// End to end over HTTP: answers of GET /goals/{id}, of goal lists, of one issue and of
// issue lists are kept by the response cache and served again only while the stored data
// is unchanged — a write through the API, a KPI reading that changes a linked goal's view,
// or another process writing the database file makes the next answer fresh. Each caller
// has their own answers.
#include <catch2/catch.hpp>

#include <string>

#include "http_goal_support.hpp"
#include "traction/http/response_cache.hpp"

#if defined(TRACTION_TEST_SQLITE)
#include <sqlite3.h>
#endif

using namespace traction;
using namespace traction::test;

namespace {

// A counter of GET /metrics, or -1 when the server does not report it.
long long metric(TestServer& server, std::string_view name) {
  const auto text = server.client().get("/metrics").body;
  const auto at = text.find("\n" + std::string(name) + " ");
  if (at == std::string::npos) return -1;
  return std::stoll(text.substr(at + name.size() + 2));
}

struct Counts {
  long long hits, misses;
};

Counts counts(TestServer& server) {
  return {metric(server, "traction_response_cache_hits_total"),
          metric(server, "traction_response_cache_misses_total")};
}

}  // namespace

TEST_CASE("ResponseCache: kept per stamp, oldest out past the budget, stale answers never kept",
          "[cache]") {
  std::uint64_t data = 1;
  http::ResponseCache cache([&] { return data; }, 3000);  // room for two answers
  auto answer = [](char c) {
    http::Response r;
    r.body = std::string(1000, c);
    return r;
  };
  cache.store("a", cache.stamp(), answer('a'));
  cache.store("b", cache.stamp(), answer('b'));
  CHECK(cache.find("a", cache.stamp())->body == std::string(1000, 'a'));
  CHECK(cache.stats().entries == 2);

  cache.store("c", cache.stamp(), answer('c'));  // past the budget: "a", the oldest, goes
  CHECK_FALSE(cache.find("a", cache.stamp()));
  CHECK(cache.find("b", cache.stamp()));
  CHECK(cache.find("c", cache.stamp()));
  CHECK(cache.stats().bytes <= 3000);

  cache.store("huge", cache.stamp(), answer('h').header("x", std::string(5000, 'x')));
  CHECK_FALSE(cache.find("huge", cache.stamp()));  // larger than the whole budget

  const auto before = cache.stamp();
  data = 2;  // a commit
  CHECK_FALSE(cache.find("b", cache.stamp()));
  cache.store("d", cache.stamp(), answer('d'));
  cache.store("late", before, answer('l'));  // read before the commit: stale, not kept
  CHECK(cache.find("d", cache.stamp()));
  CHECK_FALSE(cache.find("late", cache.stamp()));
  CHECK_FALSE(cache.find("b", before));  // the commit emptied the old answers
  CHECK(cache.stats().entries == 1);
}

TEST_CASE("response cache: a goal's answer is served again until the data changes", "[goals][cache]") {
  TestServer server;
  User u(server, "t1");
  const auto goal = new_goal(u, "Cached goal");
  const auto path = "/goals/" + goal;

  const auto before = counts(server);
  REQUIRE(before.hits >= 0);
  const auto first = u.get(path);
  REQUIRE(first.status == 200);
  const auto second = u.get(path);
  CHECK(second.status == 200);
  CHECK(second.body == first.body);
  auto now = counts(server);
  CHECK(now.misses == before.misses + 1);
  CHECK(now.hits == before.hits + 1);

  SECTION("an update through the API is in the next answer") {
    data_of(u.put(path, json::object{{"title", "Renamed goal"}}));
    CHECK(str(goal_of(u, goal).at("title")) == "Renamed goal");
    CHECK(counts(server).misses == now.misses + 1);
  }

  SECTION("any write makes every kept answer stale, even one to another goal") {
    new_goal(u, "Another goal");
    CHECK(u.get(path).body == first.body);
    CHECK(counts(server).misses == now.misses + 1);
    CHECK(u.get(path).body == first.body);
    CHECK(counts(server).hits == now.hits + 1);
  }

  SECTION("a KPI reading changes the view of the goal linking the KPI") {
    const auto kpi = new_kpi(u, "Revenue");
    link(u, goal, kpi, {{"target_value", 100}});
    CHECK(goal_of(u, goal).at("kpis").at(0).at("currentValue").is_null());
    (void)goal_of(u, goal);  // kept
    reading(u, kpi, "2025-01", 40);
    CHECK(num(goal_of(u, goal).at("kpis").at(0).at("currentValue")) == 40);
  }

  SECTION("each caller has their own answers; another tenant still gets 404") {
    User colleague(server, "t1", Role::employee, "u2");
    CHECK(colleague.get(path).body == first.body);
    CHECK(counts(server).misses == now.misses + 1);
    User stranger(server, "t2");
    CHECK(stranger.get(path).status == 404);
    CHECK(stranger.get(path).status == 404);
  }

  SECTION("a deleted goal is 404 at once") {
    REQUIRE(u.del(path).status == 200);
    CHECK(u.get(path).status == 404);
  }
}

TEST_CASE("response cache: goal lists are kept per caller and query until the data changes",
          "[goals][cache]") {
  TestServer server;
  User u(server, "t1");
  new_goal(u, "First");
  const auto before = counts(server);
  const auto first = u.get("/goals?size=50");
  REQUIRE(first.status == 200);
  CHECK(u.get("/goals?size=50").body == first.body);
  CHECK(counts(server).hits == before.hits + 1);
  CHECK(data_of(u.get("/goals?size=50")).as_array().size() == 1);

  // Another query is another answer, not the kept one.
  CHECK(data_of(u.get("/goals?size=50&status=active")).as_array().empty());
  CHECK(data_of(u.get("/api/goals?size=50")).as_array().size() == 1);

  new_goal(u, "Second");
  const auto after = u.get("/goals?size=50");
  CHECK(after.body != first.body);
  CHECK(data_of(after).as_array().size() == 2);
  CHECK(after.json().at("pagination").at("total") == 2);

  User stranger(server, "t2");
  CHECK(data_of(stranger.get("/goals?size=50")).as_array().empty());
}

TEST_CASE("response cache: issue lists and issues are kept until the data changes",
          "[issues][cache]") {
  TestServer server;
  User u(server, "t1");
  const auto created = u.post("/api/operations/issues", json::object{{"title", "First"}});
  const auto id = str(data_of(created, 201).at("id"));
  const auto list = "/api/operations/issues?size=20";
  const auto one = "/api/operations/issues/" + id;
  const auto first_list = u.get(list);
  const auto first_one = u.get(one);
  REQUIRE(first_list.status == 200);
  REQUIRE(first_one.status == 200);
  const auto before = counts(server);
  CHECK(u.get(list).body == first_list.body);
  CHECK(u.get(one).body == first_one.body);
  CHECK(counts(server).hits == before.hits + 2);

  // A write (here, an action linked to the issue) is in the next answers.
  data_of(u.post("/api/operations/actions",
                 json::object{{"title", "Fix it"}, {"connections", {{"issueIds", {id}}}}}),
          201);
  CHECK(data_of(u.get(one)).at("connections").at("actionIds").as_array().size() == 1);
  data_of(u.post("/api/operations/issues", json::object{{"title", "Second"}}), 201);
  const auto after = u.get(list);
  CHECK(data_of(after).as_array().size() == 2);
  CHECK(after.json().at("pagination").at("total") == 2);

  User stranger(server, "t2");
  CHECK(data_of(stranger.get(list)).as_array().empty());
  CHECK(stranger.get(one).status == 404);
}

#if defined(TRACTION_TEST_SQLITE)
TEST_CASE("response cache: a write by another process to the database is seen", "[goals][cache]") {
  TestServer server;
  User u(server, "t1");
  const auto goal = new_goal(u, "Written here");
  CHECK(str(goal_of(u, goal).at("title")) == "Written here");
  CHECK(str(goal_of(u, goal).at("title")) == "Written here");  // kept

  // Another connection (as another process would) changes the row.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(server.app().config().db.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  const auto sql = "UPDATE goals SET title = 'Written elsewhere' WHERE id = '" + goal + "'";
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);

  CHECK(str(goal_of(u, goal).at("title")) == "Written elsewhere");
}
#endif

TEST_CASE("response cache: --response-cache 0 keeps nothing", "[goals][cache]") {
  TestServer server{{.configure = [](app::Config& c) { c.response_cache_bytes = 0; }}};
  User u(server, "t1");
  const auto goal = new_goal(u, "Uncached goal");
  CHECK(str(goal_of(u, goal).at("title")) == "Uncached goal");
  CHECK(metric(server, "traction_response_cache_hits_total") == -1);
  data_of(u.put("/goals/" + goal, json::object{{"title", "Still fresh"}}));
  CHECK(str(goal_of(u, goal).at("title")) == "Still fresh");
}
