// The write lane: requests that change data run on one thread, those queued meanwhile in
// one batch; a batch whose commit fails answers its would-be successes with the error.
// Waits are on sockets, futures and the lane's queue gauge, with deadlines; no sleeps.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/raw_connection.hpp"
#include "support/test_server.hpp"
#include "traction/http/authenticator.hpp"
#include "traction/http/dispatcher.hpp"
#include "traction/http/errors.hpp"
#include "traction/http/json.hpp"
#include "traction/http/server.hpp"
#include "traction/system/system_clock.hpp"

using namespace traction;
using namespace traction::http;
using namespace std::chrono_literals;

namespace {

constexpr auto deadline = 10s;

// A server of a few test routes whose write batches go through `batches`.
class LaneServer {
 public:
  explicit LaneServer(WriteBatches batches, std::function<void(Router&)> routes)
      : authenticator_("write-lane-test-secret", clock_),
        logger_(LogLevel::error),
        dispatcher_(router_, authenticator_, metrics_, logger_) {
    routes(router_);
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.worker_threads = 2;
    options.write_batches = std::move(batches);
    server_ = std::make_unique<Server>(options, dispatcher_);
    auto port = server_->start();
    REQUIRE(port);
    port_ = *port;
  }

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] const Metrics& metrics() const { return metrics_; }
  [[nodiscard]] Server& server() { return *server_; }

 private:
  system::SystemClock clock_;
  Router router_;
  Authenticator authenticator_;
  Metrics metrics_;
  Logger logger_;
  Dispatcher dispatcher_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

// POST /t/slow: answers 201 once released; tells when its handler is running.
class SlowRoute {
 public:
  void add_to(Router& router) {
    router.post("/t/slow", [entered = entered_, released = released_](const Request&) {
      entered->set_value();
      released.wait();
      return created(boost::json::object{{"slow", true}});
    }, public_route());
  }
  [[nodiscard]] bool wait_entered() const {
    return entered_future_.wait_for(deadline) == std::future_status::ready;
  }
  void release() { release_->set_value(); }

 private:
  std::shared_ptr<std::promise<void>> entered_ = std::make_shared<std::promise<void>>();
  std::shared_future<void> entered_future_ = entered_->get_future().share();
  std::shared_ptr<std::promise<void>> release_ = std::make_shared<std::promise<void>>();
  std::shared_future<void> released_ = release_->get_future().share();
};

std::string request(std::string_view method, std::string_view target) {
  return std::string(method) + " " + std::string(target) +
         " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}

// The whole answer to one request on a connection of its own.
std::string exchange(std::uint16_t port, std::string_view method, std::string_view target) {
  test::RawConnection connection{port};
  connection.send(request(method, target));
  std::string answer;
  REQUIRE(connection.read_until_closed(answer, deadline));
  return answer;
}

}  // namespace

TEST_CASE("write lane: a failed commit turns the batch's successes into its error", "[server][lane]") {
  int batches = 0;
  LaneServer server(
      [&](std::size_t count, const std::function<void(std::size_t)>& unit) -> Status {
        for (std::size_t i = 0; i < count; ++i) unit(i);
        ++batches;
        return fail(ErrorCode::unavailable, "the disk is full");
      },
      [](Router& router) {
        router.post("/t/ok", [](const Request&) { return created(boost::json::object{{"made", true}}); },
                    public_route());
        router.post("/t/bad", [](const Request&) { return error_response(ErrorCode::validation_error, "no", "x"); },
                    public_route());
        router.get("/t/read", [](const Request&) { return ok(boost::json::object{{"read", true}}); },
                   public_route());
      });

  const auto lost = exchange(server.port(), "POST", "/t/ok");
  CHECK(lost.starts_with("HTTP/1.1 503"));
  CHECK(lost.find("SERVICE_UNAVAILABLE") != std::string::npos);
  CHECK(lost.find("the disk is full") != std::string::npos);
  CHECK(lost.find("\"made\"") == std::string::npos);

  const auto refused = exchange(server.port(), "POST", "/t/bad");
  CHECK(refused.starts_with("HTTP/1.1 400"));  // its own error stands
  CHECK(refused.find("VALIDATION_ERROR") != std::string::npos);

  const auto read = exchange(server.port(), "GET", "/t/read");
  CHECK(read.starts_with("HTTP/1.1 200"));  // reads never go through the lane
  CHECK(batches == 2);
}

TEST_CASE("write lane: an answer leaves only after its batch's commit", "[server][lane]") {
  test::RawConnection* client = nullptr;
  bool answered_before_commit = true;
  std::promise<void> checked;
  LaneServer server(
      [&](std::size_t count, const std::function<void(std::size_t)>& unit) -> Status {
        for (std::size_t i = 0; i < count; ++i) unit(i);
        // The handlers ran; the commit is this moment: nothing may have reached the client.
        answered_before_commit = client->read_some(200ms).has_value();
        checked.set_value();
        return {};
      },
      [](Router& router) {
        router.post("/t/ok", [](const Request&) { return created(boost::json::object{{"made", true}}); },
                    public_route());
      });
  test::RawConnection connection{server.port()};
  client = &connection;
  connection.send(request("POST", "/t/ok"));
  // The connection is read by the batch first, then here (it is not shared between threads).
  REQUIRE(checked.get_future().wait_for(deadline) == std::future_status::ready);
  std::string answer;
  REQUIRE(connection.read_until_closed(answer, deadline));
  CHECK_FALSE(answered_before_commit);
  CHECK(answer.starts_with("HTTP/1.1 201"));
}

TEST_CASE("write lane: writes that arrive while a batch runs go together into the next", "[server][lane]") {
  std::mutex mutex;
  std::vector<std::size_t> sizes;
  SlowRoute slow_route;
  LaneServer server(
      [&](std::size_t count, const std::function<void(std::size_t)>& unit) -> Status {
        for (std::size_t i = 0; i < count; ++i) unit(i);
        const std::lock_guard lock(mutex);
        sizes.push_back(count);
        return {};
      },
      [&](Router& router) {
        slow_route.add_to(router);
        router.del("/t/item", [](const Request&) { return ok(boost::json::object{{"gone", true}}); },
                   public_route());
      });

  test::RawConnection slow{server.port()};
  slow.send(request("POST", "/t/slow"));
  REQUIRE(slow_route.wait_entered());

  std::vector<test::RawConnection> others;
  for (int i = 0; i < 3; ++i) {
    others.emplace_back(server.port());
    others.back().send(request("DELETE", "/t/item"));
  }
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (server.metrics().write_lane_queued() < 3 && std::chrono::steady_clock::now() < until) {
    std::this_thread::yield();
  }
  REQUIRE(server.metrics().write_lane_queued() == 3);
  slow_route.release();

  std::string answer;
  REQUIRE(slow.read_until_closed(answer, deadline));
  CHECK(answer.starts_with("HTTP/1.1 201"));
  for (auto& other : others) {
    std::string gone;
    REQUIRE(other.read_until_closed(gone, deadline));
    CHECK(gone.starts_with("HTTP/1.1 200"));
  }
  const std::lock_guard lock(mutex);
  CHECK(sizes == std::vector<std::size_t>{1, 3});
  CHECK(server.metrics().write_lane_queued() == 0);
}

TEST_CASE("write lane: concurrent writes through the store all land, every one through the lane",
          "[server][lane]") {
  test::TestServer server;
  const auto token = server.token();
  constexpr int clients = 8;
  constexpr int per_client = 6;
  std::vector<std::thread> threads;
  std::vector<int> created_count(clients, 0);
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto client = server.client();
      for (int n = 0; n < per_client; ++n) {
        const auto body = boost::json::serialize(boost::json::object{
            {"title", "Lane goal " + std::to_string(c) + "-" + std::to_string(n)},
            {"horizon", "month"}});
        if (client.post("/goals", body, token).status == 201) ++created_count[static_cast<std::size_t>(c)];
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int c = 0; c < clients; ++c) CHECK(created_count[static_cast<std::size_t>(c)] == per_client);

  const auto list = server.client().get("/goals?size=100", token);
  REQUIRE(list.status == 200);
  const auto json = boost::json::parse(list.body);
  CHECK(json.at("data").as_array().size() == clients * per_client);
  const auto metrics = server.client().get("/metrics").body;
  CHECK(metrics.find("traction_write_batch_requests_total " + std::to_string(clients * per_client)) !=
        std::string::npos);
  CHECK(metrics.find("traction_write_lane_queued 0") != std::string::npos);
}

TEST_CASE("write lane: a graceful stop answers the writes in flight, then ends", "[server][lane]") {
  SlowRoute slow_route;
  int batches = 0;
  LaneServer server(
      [&](std::size_t count, const std::function<void(std::size_t)>& unit) -> Status {
        for (std::size_t i = 0; i < count; ++i) unit(i);
        ++batches;
        return {};
      },
      [&](Router& router) { slow_route.add_to(router); });

  test::RawConnection busy{server.port()};
  busy.send("POST /t/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(slow_route.wait_entered());
  server.server().stop();  // returns at once; the write is still running on the lane
  slow_route.release();
  std::string answer;
  REQUIRE(busy.read_until_closed(answer, deadline));
  // Answered, then closed (whether the answer itself says "Connection: close" depends on
  // which the connection's thread saw first, the answer or the stop).
  CHECK(answer.starts_with("HTTP/1.1 201"));
  CHECK(answer.find(R"({"success":true,"data":{"slow":true}})") != std::string::npos);
  server.server().wait();
  CHECK(batches == 1);
}
