// The live feed: the hub (fan-out, goal filter, replay then live without gap or duplicate,
// bounded buffers), the event wire format, and SSE over a real socket.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <future>
#include <mutex>

#include "support/sse_reader.hpp"
#include "support/test_server.hpp"
#include "traction/http/event_json.hpp"
#include "traction/http/json.hpp"
#include "traction/http/sse_hub.hpp"

using namespace traction;
using namespace traction::http;
using namespace std::chrono_literals;

namespace {

const Timestamp t0 = *parse_timestamp("2025-01-15T10:00:00Z");

DomainEvent activity(std::int64_t id, std::string tenant = "t1", std::string goal = "g1") {
  DomainEvent e;
  e.id = id;
  e.tenant = std::move(tenant);
  e.goal_id = std::move(goal);
  e.at = t0;
  e.payload = ActivityCreated{"a" + std::to_string(id), ActivityType::note, "note " + std::to_string(id),
                              "", "", t0};
  return e;
}

// A sink that records what the stream pushes.
class FakeSink final : public StreamSink {
 public:
  bool push(Chunk chunk) override {
    const std::lock_guard lock(mutex_);
    if (aborted_) return false;
    chunks_.push_back(*chunk);
    return true;
  }
  void finish() override {
    const std::lock_guard lock(mutex_);
    finished_ = true;
  }
  void abort() override {
    const std::lock_guard lock(mutex_);
    aborted_ = true;
  }

  // The ids of the frames pushed, in order (a chunk may hold several frames).
  std::vector<std::int64_t> ids() const {
    const std::lock_guard lock(mutex_);
    std::vector<std::int64_t> out;
    for (const auto& chunk : chunks_) {
      for (std::size_t at = 0; at < chunk.size();) {
        const auto end = chunk.find('\n', at);
        const auto line = chunk.substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (line.starts_with("id: ")) out.push_back(std::stoll(line.substr(4)));
        if (end == std::string::npos) break;
        at = end + 1;
      }
    }
    return out;
  }
  std::string text() const {
    const std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& chunk : chunks_) out += chunk;
    return out;
  }
  std::size_t chunk_count() const {
    const std::lock_guard lock(mutex_);
    return chunks_.size();
  }
  bool finished() const {
    const std::lock_guard lock(mutex_);
    return finished_;
  }
  bool aborted() const {
    const std::lock_guard lock(mutex_);
    return aborted_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> chunks_;
  bool finished_ = false;
  bool aborted_ = false;
};

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> out;
  for (auto i = from; i <= to; ++i) out.push_back(i);
  return out;
}

// An event log the fake replay source reads: ids ascending, per tenant.
struct FakeLog {
  std::mutex mutex;
  std::vector<DomainEvent> events;
  int calls = 0;

  Result<std::vector<DomainEvent>> since(std::string_view tenant, std::optional<std::string_view> goal,
                                         std::int64_t after, std::size_t limit) {
    const std::lock_guard lock(mutex);
    std::vector<DomainEvent> out;
    for (const auto& e : events) {
      if (e.tenant != tenant || e.id <= after || (goal && e.goal_id != *goal)) continue;
      if (out.size() == limit) break;
      out.push_back(e);
    }
    return out;
  }
  void commit(const DomainEvent& e) {
    const std::lock_guard lock(mutex);
    events.push_back(e);
  }
};

}  // namespace

TEST_CASE("event JSON per 001", "[sse]") {
  CHECK(json_text(event_json(activity(1))) ==
        R"({"type":"activity.created","goalId":"g1","activity":{"id":"a1","text":"note 1","createdAt":"2025-01-15T10:00:00.000Z"}})");

  DomainEvent decision = activity(2);
  decision.payload = ActivityCreated{"a2", ActivityType::decision, "Go", "Decision", "https://x/y", t0};
  CHECK(json_text(event_json(decision)) ==
        R"({"type":"decision.created","goalId":"g1","activity":{"id":"a2","text":"Go","createdAt":"2025-01-15T10:00:00.000Z","title":"Decision","url":"https://x/y"}})");
  decision.payload = ActivityCreated{"a3", ActivityType::attachment, "File", "", "https://f", t0};
  CHECK(event_json(decision).at("type") == "attachment.created");

  DomainEvent reading = activity(3);
  reading.payload = KpiReadingCreated{"k1", "r1", "2025-01", 42.5, std::nullopt, t0};
  CHECK(json_text(event_json(reading)) ==
        R"({"type":"kpi.reading.created","goalId":"g1","reading":{"id":"r1","kpiId":"k1","period":"2025-01","value":42.5,"adjustedValue":null,"createdAt":"2025-01-15T10:00:00.000Z"}})");
  reading.payload = KpiReadingCreated{"k1", "r1", "2025-01", 40, 41.0, t0};
  CHECK(event_json(reading).at("reading").at("adjustedValue") == 41.0);

  DomainEvent progress = activity(4);
  progress.payload = ProgressChanged{10, 42.5, "kpis"};
  CHECK(json_text(event_json(progress)) ==
        R"({"type":"goal.progress.changed","goalId":"g1","oldProgress":10,"newProgress":42.5,"basis":"kpis"})");

  DomainEvent health = activity(5);
  health.payload = HealthChanged{"on_track", "at_risk"};
  CHECK(json_text(event_json(health)) ==
        R"({"type":"goal.health.changed","goalId":"g1","oldStatus":"on_track","newStatus":"at_risk"})");

  CHECK(sse_frame(progress) ==
        "id: 4\nevent: goal.progress.changed\ndata: "
        R"({"type":"goal.progress.changed","goalId":"g1","oldProgress":10,"newProgress":42.5,"basis":"kpis"})"
        "\n\n");
}

TEST_CASE("hub: publish reaches the tenant's subscribers, filtered by goal", "[sse]") {
  SseHub hub;
  auto all_sink = std::make_shared<FakeSink>();
  auto goal_sink = std::make_shared<FakeSink>();
  auto other_sink = std::make_shared<FakeSink>();
  auto all = hub.open("t1", std::nullopt, std::nullopt);
  auto goal = hub.open("t1", "g1", std::nullopt);
  auto other = hub.open("t2", std::nullopt, std::nullopt);
  all->start(all_sink);
  goal->start(goal_sink);
  other->start(other_sink);
  CHECK(hub.subscriber_count() == 3);

  hub.publish(activity(1, "t1", "g1"));
  hub.publish(activity(2, "t1", "g2"));
  hub.publish(activity(3, "t2", "g1"));
  CHECK(all_sink->ids() == std::vector<std::int64_t>{1, 2});
  CHECK(goal_sink->ids() == std::vector<std::int64_t>{1});
  CHECK(other_sink->ids() == std::vector<std::int64_t>{3});

  all->stop();
  CHECK(hub.subscriber_count() == 2);
  hub.publish(activity(4, "t1", "g1"));
  CHECK(all_sink->ids() == std::vector<std::int64_t>{1, 2});
  CHECK(goal_sink->ids() == std::vector<std::int64_t>{1, 4});

  // A stream stopped before it started never subscribes.
  auto never = hub.open("t1", std::nullopt, std::nullopt);
  never->stop();
  never->start(std::make_shared<FakeSink>());
  CHECK(hub.subscriber_count() == 2);
}

TEST_CASE("hub: a commit's events reach each subscriber in one chunk, filtered by goal and tenant",
          "[sse]") {
  SseHub hub;
  auto all_sink = std::make_shared<FakeSink>();
  auto g1_sink = std::make_shared<FakeSink>();
  auto g2_sink = std::make_shared<FakeSink>();
  auto g9_sink = std::make_shared<FakeSink>();
  auto other_sink = std::make_shared<FakeSink>();
  auto all = hub.open("t1", std::nullopt, std::nullopt);
  auto g1 = hub.open("t1", "g1", std::nullopt);
  auto g2 = hub.open("t1", "g2", std::nullopt);
  auto g9 = hub.open("t1", "g9", std::nullopt);
  auto other = hub.open("t2", std::nullopt, std::nullopt);
  all->start(all_sink);
  g1->start(g1_sink);
  g2->start(g2_sink);
  g9->start(g9_sink);
  other->start(other_sink);

  const std::vector<DomainEvent> commit{activity(1, "t1", "g1"), activity(2, "t1", "g2"),
                                        activity(3, "t1", "g1"), activity(4, "t2", "g1"),
                                        activity(5, "t1", "g2")};
  hub.publish_all(commit);
  CHECK(all_sink->ids() == std::vector<std::int64_t>{1, 2, 3, 5});
  CHECK(g1_sink->ids() == std::vector<std::int64_t>{1, 3});
  CHECK(g2_sink->ids() == std::vector<std::int64_t>{2, 5});
  CHECK(g9_sink->ids().empty());
  CHECK(other_sink->ids() == std::vector<std::int64_t>{4});
  // One write per connection for each run of a tenant's events: t1's events 1-3 and 5 come
  // in two runs around t2's event 4.
  CHECK(all_sink->chunk_count() == 2);
  CHECK(g1_sink->chunk_count() == 1);
  CHECK(g2_sink->chunk_count() == 2);
  CHECK(g9_sink->chunk_count() == 0);
  CHECK(other_sink->chunk_count() == 1);

  // Each frame of a joined chunk is a whole SSE event: the same bytes as published alone.
  SseHub single;
  auto one_sink = std::make_shared<FakeSink>();
  auto one = single.open("t1", "g1", std::nullopt);
  one->start(one_sink);
  single.publish(activity(1, "t1", "g1"));
  single.publish(activity(3, "t1", "g1"));
  CHECK(one_sink->text() == g1_sink->text());
}

TEST_CASE("hub: a commit's events skip what the client already has", "[sse]") {
  FakeLog log;
  for (std::int64_t id = 1; id <= 3; ++id) log.commit(activity(id));
  SseHub hub{[&](std::string_view tenant, std::optional<std::string_view> goal, std::int64_t after,
                 std::size_t limit) { return log.since(tenant, goal, after, limit); }};
  auto sink = std::make_shared<FakeSink>();
  auto stream = hub.open("t1", std::nullopt, 2);  // Last-Event-ID 2: replays 3, then live
  stream->start(sink);
  REQUIRE(sink->ids() == std::vector<std::int64_t>{3});

  // A commit holding an event at or before Last-Event-ID, one the replay sent, and new ones.
  hub.publish_all(std::vector<DomainEvent>{activity(2), activity(3), activity(4), activity(5)});
  CHECK(sink->ids() == std::vector<std::int64_t>{3, 4, 5});
  hub.publish_all(std::vector<DomainEvent>{activity(6), activity(7)});
  CHECK(sink->ids() == std::vector<std::int64_t>{3, 4, 5, 6, 7});
}

TEST_CASE("hub: replay then live, nothing missed or repeated at the switch-over", "[sse]") {
  FakeLog log;
  for (std::int64_t id = 1; id <= 10; ++id) log.commit(activity(id));
  SseHub hub{{}, SseHubOptions{.replay_page = 4, .replay_max = 1000, .pending_max = 100}};
  hub.set_replay_source([&](std::string_view tenant, std::optional<std::string_view> goal,
                            std::int64_t after, std::size_t limit) {
    const int call = ++log.calls;
    // Meanwhile, writers commit and publish: live events arrive during the replay.
    if (call == 1) {
      log.commit(activity(11));
      hub.publish(activity(11));  // also in a later replay page: must not repeat
    }
    if (call == 2) hub.publish(activity(5));  // an old event published late: sent already
    if (call == 3) {
      log.commit(activity(12));
      hub.publish(activity(12));
      hub.publish(activity(2));  // the client had it before it reconnected
    }
    return log.since(tenant, goal, after, limit);
  });

  auto sink = std::make_shared<FakeSink>();
  auto stream = hub.open("t1", std::nullopt, 3);
  stream->start(sink);
  CHECK(sink->ids() == range(4, 12));

  hub.publish(activity(13));
  hub.publish(activity(10));  // replayed, published late after the switch to live: dropped
  CHECK(sink->ids() == range(4, 13));
  CHECK_FALSE(sink->aborted());
  stream->stop();
}

TEST_CASE("hub: live events held during a replay are delivered once it ends", "[sse]") {
  FakeLog log;
  for (std::int64_t id = 1; id <= 3; ++id) log.commit(activity(id));
  SseHub hub;
  hub.set_replay_source([&](std::string_view tenant, std::optional<std::string_view> goal,
                            std::int64_t after, std::size_t limit) {
    auto page = log.since(tenant, goal, after, limit);
    log.commit(activity(4));
    hub.publish(activity(4));        // committed after the page was read: only live has it
    hub.publish(activity(5, "t1", "g2"));  // another goal: filtered out
    return page;
  });
  auto sink = std::make_shared<FakeSink>();
  auto stream = hub.open("t1", "g1", 1);
  stream->start(sink);
  CHECK(sink->ids() == std::vector<std::int64_t>{2, 3, 4});
}

TEST_CASE("hub: bounded buffers and replay budget", "[sse]") {
  SECTION("too many live events during a replay closes the connection") {
    SseHub hub{{}, SseHubOptions{.replay_page = 10, .replay_max = 100, .pending_max = 2}};
    hub.set_replay_source([&](std::string_view, std::optional<std::string_view>, std::int64_t,
                              std::size_t) -> Result<std::vector<DomainEvent>> {
      for (std::int64_t id = 10; id < 13; ++id) hub.publish(activity(id));
      return std::vector<DomainEvent>{};
    });
    auto sink = std::make_shared<FakeSink>();
    auto stream = hub.open("t1", std::nullopt, 0);
    stream->start(sink);
    CHECK(sink->aborted());
    CHECK(hub.subscriber_count() == 0);
  }
  SECTION("a commit's events held during a replay count one by one against the bound") {
    SseHub hub{{}, SseHubOptions{.replay_page = 10, .replay_max = 100, .pending_max = 2}};
    std::vector<DomainEvent> commit{activity(10), activity(11)};
    hub.set_replay_source([&](std::string_view, std::optional<std::string_view>, std::int64_t,
                              std::size_t) -> Result<std::vector<DomainEvent>> {
      hub.publish_all(commit);
      return std::vector<DomainEvent>{};
    });
    auto fits = std::make_shared<FakeSink>();
    hub.open("t1", std::nullopt, 0)->start(fits);
    CHECK_FALSE(fits->aborted());
    CHECK(fits->ids() == std::vector<std::int64_t>{10, 11});  // held, then sent on going live

    commit.push_back(activity(12));  // one more than the room left: the connection closes
    auto overflows = std::make_shared<FakeSink>();
    hub.open("t1", std::nullopt, 0)->start(overflows);
    CHECK(overflows->aborted());
    CHECK(overflows->ids().empty());
  }
  SECTION("a long backlog is sent in parts: the stream ends after replay_max events") {
    FakeLog log;
    for (std::int64_t id = 1; id <= 10; ++id) log.commit(activity(id));
    SseHub hub{[&](auto tenant, auto goal, auto after, auto limit) { return log.since(tenant, goal, after, limit); },
               SseHubOptions{.replay_page = 2, .replay_max = 4, .pending_max = 10}};
    auto sink = std::make_shared<FakeSink>();
    hub.open("t1", std::nullopt, 0)->start(sink);
    CHECK(sink->ids() == range(1, 4));
    CHECK(sink->finished());
    CHECK(hub.subscriber_count() == 0);
    auto next = std::make_shared<FakeSink>();  // the client reconnects from id 4
    hub.open("t1", std::nullopt, 4)->start(next);
    CHECK(next->ids() == range(5, 8));
  }
  SECTION("a failing replay source closes the connection") {
    SseHub hub{[](auto, auto, auto, auto) -> Result<std::vector<DomainEvent>> {
      return fail(ErrorCode::unavailable, "busy");
    }};
    auto sink = std::make_shared<FakeSink>();
    hub.open("t1", std::nullopt, 0)->start(sink);
    CHECK(sink->aborted());
    CHECK(hub.subscriber_count() == 0);
  }
}

// ---- over the wire ------------------------------------------------------------------------

namespace {

// A replay source that reports each call (the subscription is live by then) and replays
// from a fake log.
struct SignallingSource {
  std::shared_ptr<FakeLog> log = std::make_shared<FakeLog>();
  std::shared_ptr<std::promise<void>> called = std::make_shared<std::promise<void>>();
  std::shared_ptr<std::once_flag> once = std::make_shared<std::once_flag>();

  ReplaySource source() const {
    return [log = log, called = called, once = once](std::string_view tenant, std::optional<std::string_view> goal,
                                                   std::int64_t after, std::size_t limit) {
      auto page = log->since(tenant, goal, after, limit);
      std::call_once(*once, [&] { called->set_value(); });
      return page;
    };
  }
};

Goal make_goal(std::string id, std::string tenant, Timestamp now) {
  Goal goal;
  goal.id = std::move(id);
  goal.tenant = std::move(tenant);
  goal.title = "Goal " + goal.id;
  goal.owner_id = "u1";
  goal.owner_name = "User One";
  goal.created_at = now;
  goal.updated_at = now;
  goal.created_by = "u1";
  goal.updated_by = "u1";
  return goal;
}

void commit_event(ports::Store& store, DomainEvent event) {
  REQUIRE(store.write([&](ports::Transaction& tx) { return tx.events().append(event); }).has_value());
}

}  // namespace

TEST_CASE("SSE: an event published to the hub reaches a subscribed client", "[sse][wire]") {
  SignallingSource source;
  test::TestServer server{{.prepare = [&](app::App& app) { app.hub().set_replay_source(source.source()); }}};
  const auto token = server.token("t1");

  test::SseReader reader{server.port(), "/realtime/tenants/t1?lastEventId=0&access_token=" + token};
  REQUIRE(reader.status() == 200);
  CHECK(reader.header("Content-Type") == "text/event-stream");
  CHECK(reader.header("Cache-Control") == "no-cache");
  REQUIRE(source.called->get_future().wait_for(10s) == std::future_status::ready);

  CHECK(server.client().get("/metrics").body.find("traction_sse_connections 1") != std::string::npos);

  server.app().hub().publish(activity(7, "t1", "g1"));
  server.app().hub().publish(activity(8, "t2", "g1"));  // another tenant: not for this client
  server.app().hub().publish(activity(9, "t1", "g2"));
  auto event = reader.next_event();
  REQUIRE(event.has_value());
  CHECK(event->id == "7");
  CHECK(event->event == "activity.created");
  CHECK(event->json().at("goalId") == "g1");
  CHECK(event->json().at("activity").at("text") == "note 7");
  event = reader.next_event();
  REQUIRE(event.has_value());
  CHECK(event->id == "9");

  // Stopping the server ends the stream.
  server.stop();
  CHECK(reader.wait_closed());
}

TEST_CASE("SSE: events larger than the socket's buffer arrive whole and in order", "[sse][wire]") {
  SignallingSource source;
  test::TestServer server{{.prepare = [&](app::App& app) { app.hub().set_replay_source(source.source()); }}};
  const auto token = server.token("t1");
  test::SseReader reader{server.port(), "/realtime/tenants/t1?lastEventId=0&access_token=" + token};
  REQUIRE(reader.status() == 200);
  REQUIRE(source.called->get_future().wait_for(10s) == std::future_status::ready);

  // Each write starts at once and its rest goes on when the client has read: cut anywhere,
  // a frame must still come out whole, and the next one after it.
  const auto text_of = [](std::int64_t id) {
    return std::string(3'000'000 + static_cast<std::size_t>(id), static_cast<char>('a' + id));
  };
  std::vector<DomainEvent> commit;
  for (std::int64_t id = 1; id <= 4; ++id) {
    auto event = activity(id);
    std::get<ActivityCreated>(event.payload).text = text_of(id);
    commit.push_back(event);
  }
  server.app().hub().publish_all(std::span(commit).first(2));
  server.app().hub().publish_all(std::span(commit).subspan(2));
  for (std::int64_t id = 1; id <= 4; ++id) {
    auto event = reader.next_event();
    REQUIRE(event.has_value());
    CHECK(event->id == std::to_string(id));
    CHECK(event->json().at("activity").at("text").as_string() == text_of(id));
  }
}

TEST_CASE("SSE: a subscriber that stops reading is closed once a write waits past the write timeout",
          "[sse][wire]") {
  SignallingSource source;
  test::TestServer server{{.configure =
                               [](app::Config& c) {
                                 c.write_timeout = 300ms;
                                 c.sse_heartbeat = 100ms;
                               },
                           .prepare = [&](app::App& app) { app.hub().set_replay_source(source.source()); }}};
  const auto token = server.token("t1");
  test::SseReader reader{server.port(), "/realtime/tenants/t1?lastEventId=0&access_token=" + token};
  REQUIRE(reader.status() == 200);
  REQUIRE(source.called->get_future().wait_for(10s) == std::future_status::ready);

  // The reader reads nothing more: ~13 MB of events fill both sockets' buffers and leave a
  // write pending (far fewer events than the queue limit, which would close it too).
  for (std::int64_t id = 1; id <= 200; ++id) {
    auto event = activity(id);
    std::get<ActivityCreated>(event.payload).text = std::string(64 * 1024, 'x');
    server.app().hub().publish(event);
  }
  const auto until = std::chrono::steady_clock::now() + 20s;
  bool closed = false;
  while (!closed && std::chrono::steady_clock::now() < until) {
    closed = server.client().get("/metrics").body.find("traction_sse_connections 0") != std::string::npos;
  }
  CHECK(closed);
}

TEST_CASE("SSE: replay after Last-Event-ID, then live, no gap or duplicate", "[sse][wire]") {
  SignallingSource source;
  for (std::int64_t id = 1; id <= 6; ++id) source.log->commit(activity(id));
  test::TestServer server{{.prepare = [&](app::App& app) { app.hub().set_replay_source(source.source()); }}};
  const auto token = server.token("t1");

  test::SseReader reader{server.port(), "/realtime/tenants/t1", {{"Authorization", "Bearer " + token}, {"Last-Event-ID", "2"}}};
  REQUIRE(reader.status() == 200);
  REQUIRE(source.called->get_future().wait_for(10s) == std::future_status::ready);
  server.app().hub().publish(activity(6));  // late publication of a replayed event
  source.log->commit(activity(7));
  server.app().hub().publish(activity(7));

  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    auto event = reader.next_event();
    REQUIRE(event.has_value());
    ids.push_back(event->id);
  }
  CHECK(ids == std::vector<std::string>{"3", "4", "5", "6", "7"});
  server.app().hub().publish(activity(8));
  auto event = reader.next_event();
  REQUIRE(event.has_value());
  CHECK(event->id == "8");

  // lastEventId in the query works the same; a bad one is a 400.
  test::SseReader by_query{server.port(), "/realtime/tenants/t1?lastEventId=6&access_token=" + token};
  REQUIRE(by_query.status() == 200);
  event = by_query.next_event();
  REQUIRE(event.has_value());
  CHECK(event->id == "7");
  test::SseReader bad{server.port(), "/realtime/tenants/t1?lastEventId=x&access_token=" + token};
  CHECK(bad.status() == 400);
  CHECK(boost::json::parse(bad.body()).at("field") == "lastEventId");
}

TEST_CASE("SSE: a goal's stream from the store's event log, filtered to the goal", "[sse][wire]") {
  test::TestServer server;
  auto& store = server.app().store();
  const auto now = server.app().clock().now();
  REQUIRE(store.write([&](ports::Transaction& tx) -> Status {
    for (const auto& [id, tenant] : {std::pair{"g1", "t1"}, std::pair{"g2", "t1"}, std::pair{"g3", "t2"}}) {
      if (auto inserted = tx.goals().insert(make_goal(id, tenant, now)); !inserted) return inserted;
    }
    return {};
  }).has_value());
  commit_event(store, activity(0, "t1", "g1"));
  commit_event(store, activity(0, "t1", "g2"));
  const auto token = server.token("t1");

  test::SseReader reader{server.port(), "/realtime/goals/g1/activity?lastEventId=0&access_token=" + token};
  REQUIRE(reader.status() == 200);
  auto first = reader.next_event();  // replayed from the persisted log
  REQUIRE(first.has_value());
  CHECK(first->json().at("goalId") == "g1");

  // Committed after the client got the replay: sent live, after the commit, g1's only.
  commit_event(store, activity(0, "t1", "g2"));
  commit_event(store, activity(0, "t1", "g1"));
  auto second = reader.next_event();
  REQUIRE(second.has_value());
  CHECK(second->json().at("goalId") == "g1");
  CHECK(std::stoll(second->id) > std::stoll(first->id));

  // A goal that does not exist, or is another tenant's, is a 404 before any streaming.
  test::SseReader missing{server.port(), "/realtime/goals/nope/activity?access_token=" + token};
  CHECK(missing.status() == 404);
  CHECK(boost::json::parse(missing.body()).at("code") == "GOAL_NOT_FOUND");
  test::SseReader foreign{server.port(), "/realtime/goals/g3/activity?access_token=" + token};
  CHECK(foreign.status() == 404);
  CHECK(boost::json::parse(foreign.body()).at("code") == "GOAL_NOT_FOUND");
}

TEST_CASE("SSE: the tenant stream refuses another tenant with 404", "[sse][wire]") {
  test::TestServer server;
  test::SseReader reader{server.port(), "/realtime/tenants/t2?access_token=" + server.token("t1")};
  CHECK(reader.status() == 404);
  CHECK(boost::json::parse(reader.body()).at("code") == "NOT_FOUND");
}

TEST_CASE("SSE: heartbeat comments on the configured interval", "[sse][wire]") {
  test::TestServer server{{.configure = [](app::Config& c) { c.sse_heartbeat = 20ms; }}};
  test::SseReader reader{server.port(), "/realtime/tenants/t1?access_token=" + server.token("t1")};
  REQUIRE(reader.status() == 200);
  CHECK(reader.wait_for_comment("heartbeat"));
}
