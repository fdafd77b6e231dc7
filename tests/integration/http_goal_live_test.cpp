// End to end over HTTP: 001 "Real-time Updates (SSE)" for a goal — a client subscribed to
// /realtime/goals/{goalId}/activity receives what the goal API writes, and a client that
// reconnects with Last-Event-ID (or lastEventId) gets what it missed. Every wait is a read
// with a deadline, never a sleep.
#include <catch2/catch.hpp>

#include "http_goal_support.hpp"
#include "support/sse_reader.hpp"

using namespace traction;
using namespace traction::test;

namespace {

// Reads events until one named `type` arrives and returns them all, that one last; fails
// the test when none arrives in time.
std::vector<SseEvent> events_until(SseReader& reader, std::string_view type) {
  const auto deadline = std::chrono::steady_clock::now() + SseReader::default_timeout;
  std::vector<SseEvent> seen;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto event = reader.next_event(std::max(left, std::chrono::milliseconds{1}));
    if (!event) FAIL("no " << type << " event before the deadline");
    seen.push_back(*event);
    if (event->event == type) return seen;
  }
}

SseEvent next_of_type(SseReader& reader, std::string_view type) { return events_until(reader, type).back(); }

// The one event named `type` among `events`.
SseEvent find_event(const std::vector<SseEvent>& events, std::string_view type) {
  for (const auto& e : events) {
    if (e.event == type) return e;
  }
  FAIL("no " << type << " event");
  return {};
}

std::string goal_stream(const std::string& goal, const std::string& token, std::string_view last_id = "0") {
  return "/realtime/goals/" + goal + "/activity?lastEventId=" + std::string(last_id) + "&access_token=" + token;
}

}  // namespace

TEST_CASE("live: the goal's stream carries activity and KPI readings as they are written", "[goals][sse]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Live goal");
  const auto other = new_goal(acme, "Other goal");
  const auto kpi = new_kpi(acme, "Revenue");
  link(acme, goal, kpi, {{"target", 200}});

  // lastEventId=0: whatever is committed from now on reaches the client, replayed or live.
  SseReader reader{server.port(), goal_stream(goal, acme.token())};
  REQUIRE(reader.status() == 200);
  CHECK(reader.header("Content-Type") == "text/event-stream");

  data_of(acme.post("/goals/" + other + "/notes", json::object{{"note", "Not for this stream"}}), 201);
  const auto note = data_of(acme.post("/goals/" + goal + "/notes", json::object{{"note", "Kick-off done"}}), 201);
  auto event = next_of_type(reader, "activity.created");
  auto body = event.json();
  CHECK(body.at("type") == "activity.created");
  CHECK(body.at("goalId") == json::value(goal));
  CHECK(body.at("activity").at("id") == note.at("id"));
  CHECK(body.at("activity").at("text") == "Kick-off done");
  CHECK(body.at("activity").at("createdAt") == note.at("createdAt"));
  CHECK_FALSE(event.id.empty());

  const auto decision = data_of(acme.post("/goals/" + goal + "/activity",
                                          json::object{{"type", "decision"}, {"text", "Go"}, {"title", "Decision"},
                                                       {"url", "https://docs/decision"}}),
                                201);
  event = next_of_type(reader, "decision.created");
  body = event.json();
  CHECK(body.at("activity").at("id") == decision.at("id"));
  CHECK(body.at("activity").at("title") == "Decision");
  CHECK(body.at("activity").at("url") == "https://docs/decision");

  data_of(acme.post("/goals/" + goal + "/activity", json::object{{"type", "attachment"}, {"url", "https://files/f"}}), 201);
  CHECK(next_of_type(reader, "attachment.created").json().at("goalId") == json::value(goal));

  // The reading, and the progress it moved (60 of 200), in one transaction.
  const auto r = reading(acme, kpi, "2025-03", 50, {{"adjustedValue", 60}});
  auto events = events_until(reader, "kpi.reading.created");
  body = events.back().json();
  CHECK(body.at("goalId") == json::value(goal));
  CHECK(body.at("reading").at("id") == r.at("id"));
  CHECK(body.at("reading").at("kpiId") == json::value(kpi));
  CHECK(body.at("reading").at("period") == "2025-03");
  CHECK(num(body.at("reading").at("value")) == 50);
  CHECK(num(body.at("reading").at("adjustedValue")) == 60);
  body = find_event(events, "goal.progress.changed").json();
  CHECK(body.at("goalId") == json::value(goal));
  CHECK(num(body.at("oldProgress")) == 0);
  CHECK(num(body.at("newProgress")) == 30);
  CHECK(num(goal_of(acme, goal).at("progress")) == 30);

  // A transition with a reason writes a system entry, which is streamed too.
  transition(acme, goal, "activate", {{"reason", "Go live"}});
  body = next_of_type(reader, "activity.created").json();
  CHECK(body.at("activity").at("text") == "Goal started: Go live");
  CHECK(body.at("activity").at("title") == "Goal Started");
}

TEST_CASE("live: a reconnect with Last-Event-ID replays exactly what was missed", "[goals][sse]") {
  TestServer server;
  User acme{server, "acme"};
  const auto goal = new_goal(acme, "Replayed goal");
  const auto note = [&](std::string_view text) {
    return str(data_of(acme.post("/goals/" + goal + "/notes", json::object{{"note", text}}), 201).at("id"));
  };

  std::string seen;
  {
    SseReader first{server.port(), goal_stream(goal, acme.token())};
    REQUIRE(first.status() == 200);
    const auto a = note("first");
    const auto event = next_of_type(first, "activity.created");
    CHECK(event.json().at("activity").at("id") == json::value(a));
    seen = event.id;
    first.close();  // the client drops
  }
  const auto b = note("second");
  const auto c = note("third");

  // Reconnect with the header: the two missed events, in order, then live.
  SseReader again{server.port(), "/realtime/goals/" + goal + "/activity",
                  {{"Authorization", "Bearer " + acme.token()}, {"Last-Event-ID", seen}}};
  REQUIRE(again.status() == 200);
  const auto eb = next_of_type(again, "activity.created");
  const auto ec = next_of_type(again, "activity.created");
  CHECK(eb.json().at("activity").at("id") == json::value(b));
  CHECK(ec.json().at("activity").at("id") == json::value(c));
  CHECK(std::stoll(seen) < std::stoll(eb.id));
  CHECK(std::stoll(eb.id) < std::stoll(ec.id));
  const auto d = note("fourth");
  const auto ed = next_of_type(again, "activity.created");
  CHECK(ed.json().at("activity").at("id") == json::value(d));

  // The query parameter works the same: after b, c comes first.
  SseReader by_query{server.port(), goal_stream(goal, acme.token(), eb.id)};
  REQUIRE(by_query.status() == 200);
  CHECK(next_of_type(by_query, "activity.created").json().at("activity").at("id") == json::value(c));
  CHECK(next_of_type(by_query, "activity.created").json().at("activity").at("id") == json::value(d));
}

TEST_CASE("live: the goal stream checks the caller and the goal", "[goals][sse]") {
  TestServer server;
  User acme{server, "acme"};
  User globex{server, "globex"};
  const auto goal = new_goal(acme, "Private");

  SseReader anonymous{server.port(), "/realtime/goals/" + goal + "/activity?lastEventId=0"};
  CHECK(anonymous.status() == 401);
  CHECK(json::parse(anonymous.body()).at("code") == "UNAUTHENTICATED");
  const auto expired = server.app().mint_token("acme", "u1", Role::admin, "Ann", std::chrono::hours{-1});
  SseReader stale{server.port(), goal_stream(goal, expired)};
  CHECK(stale.status() == 401);
  SseReader foreign{server.port(), goal_stream(goal, globex.token())};
  CHECK(foreign.status() == 404);
  CHECK(json::parse(foreign.body()).at("code") == "GOAL_NOT_FOUND");
  SseReader wrong_tenant{server.port(), goal_stream(goal, acme.token()) + "&tenant=globex"};
  CHECK(wrong_tenant.status() == 403);
  SseReader bad_id{server.port(), goal_stream(goal, acme.token(), "yesterday")};
  CHECK(bad_id.status() == 400);
  CHECK(json::parse(bad_id.body()).at("field") == "lastEventId");
}
