// End to end over HTTP: what the goal API stored survives a server restart on the same
// database file — goals with their strategies and KPI links, KPIs and readings, activity,
// the recent feed, analytics, and the event log a reconnecting SSE client replays from.
#include <catch2/catch.hpp>

#include <random>
#include <system_error>

#include "http_goal_support.hpp"
#include "support/sse_reader.hpp"

using namespace traction;
using namespace traction::test;

namespace {

// A temp directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
      path_ = std::filesystem::temp_directory_path() / ("traction-restart-" + std::to_string(random()));
      if (std::filesystem::create_directory(path_)) return;
    }
    throw std::runtime_error("cannot create a temp directory");
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Snapshot {
  json::value goals, goal, kpi, readings, activity, link, stats, score_components, recent;
};

Snapshot take(User& u, const std::string& goal, const std::string& kpi) {
  return {data_of(u.get("/goals?sort=title")),
          goal_of(u, goal),
          data_of(u.get("/kpis/" + kpi)),
          data_of(u.get("/kpis/" + kpi + "/readings")),
          data_of(u.get("/goals/" + goal + "/activity")),
          data_of(u.get("/goals/" + goal + "/kpis/" + kpi + ":link")),
          data_of(u.get("/goals/stats")),
          data_of(u.get("/performance/score")).at("components"),
          data_of(u.get("/activity/recent?size=50"))};
}

}  // namespace

TEST_CASE("restart: the goal side's data survives a restart on the same database", "[goals][restart]") {
  TempDir dir;
  const auto db = dir.path() / "traction.db";
  std::string goal, kpi, strategy, last_event;
  Snapshot before;
  {
    TestServer server{{.db = db}};
    User acme{server, "acme"};
    goal = new_goal(acme, "Survive", {{"intent", "Across restarts"}, {"value_tags", {"durable"}}, {"metadata", {{"k", "v"}}}});
    new_goal(acme, "Another", {{"horizon", "year"}});
    strategy = new_strategy(acme, goal, "Persist everything", {{"status", "validated"}});
    new_strategy(acme, goal, "Then check it");
    kpi = new_kpi(acme, "Durability", "up", {{"unit", "%"}});
    link(acme, goal, kpi, {{"threshold_pct", 80}, {"target", 100}, {"weight", 2}});
    reading(acme, kpi, "2025-01", 40);
    reading(acme, kpi, "2025-02", 55, {{"adjustedValue", 50}});
    transition(acme, goal, "activate", {{"reason", "Starting"}});
    data_of(acme.post("/goals/" + goal + "/notes", json::object{{"note", "Before the restart"}}), 201);

    // The last event id the client saw before the restart.
    SseReader reader{server.port(), "/realtime/goals/" + goal + "/activity?lastEventId=0&access_token=" + acme.token()};
    REQUIRE(reader.status() == 200);
    while (true) {
      auto event = reader.next_event();
      REQUIRE(event.has_value());
      if (event->event == "activity.created" && event->json().at("activity").at("text") == "Before the restart") {
        last_event = event->id;
        break;
      }
    }
    before = take(acme, goal, kpi);
    CHECK(num(before.goal.at("progress")) == 50);
    CHECK(before.goal.at("status") == "active");
    reader.close();
    server.stop();
  }
  REQUIRE(std::filesystem::exists(db));

  TestServer server{{.db = db}};
  User acme{server, "acme"};
  const auto after = take(acme, goal, kpi);
  CHECK(after.goals == before.goals);
  CHECK(after.goal == before.goal);
  CHECK(after.kpi == before.kpi);
  CHECK(after.readings == before.readings);
  CHECK(after.activity == before.activity);
  CHECK(after.link == before.link);
  CHECK(after.stats == before.stats);
  CHECK(after.score_components == before.score_components);
  CHECK(after.recent == before.recent);
  CHECK(field_of_each(after.goal.at("strategies"), "id").front() == strategy);

  // The data goes on from where it was: a duplicate period is still a duplicate, the status
  // machine still knows the goal is active, and new writes work.
  CHECK(acme.post("/kpis/" + kpi + "/readings", json::object{{"period", "2025-02"}, {"value", 1}}).code() ==
        "DUPLICATE_READING");
  CHECK(acme.post_empty("/goals/" + goal + ":activate").json().at("error") == "Cannot activate goal in Active status");
  reading(acme, kpi, "2025-03", 90);
  CHECK(num(goal_of(acme, goal).at("progress")) == 90);

  // A client that reconnects after the restart gets what it missed, from the persisted log.
  data_of(acme.post("/goals/" + goal + "/notes", json::object{{"note", "After the restart"}}), 201);
  SseReader reader{server.port(), "/realtime/goals/" + goal + "/activity",
                   {{"Authorization", "Bearer " + acme.token()}, {"Last-Event-ID", last_event}}};
  REQUIRE(reader.status() == 200);
  std::vector<std::string> types;
  while (true) {
    auto event = reader.next_event();
    REQUIRE(event.has_value());
    CHECK(std::stoll(event->id) > std::stoll(last_event));
    types.push_back(event->event);
    if (event->event == "activity.created") {
      CHECK(event->json().at("activity").at("text") == "After the restart");
      break;
    }
  }
  CHECK(contains(types, "kpi.reading.created"));  // the 2025-03 reading came first
}
