#pragma once
// The real App, in-process, on 127.0.0.1 and a free port, with a fresh database in a temp
// directory and a known token secret. Stopped (gracefully) and cleaned up by its destructor.
//
//   TestServer server;                                  // or TestServer{{.configure = ...}}
//   auto client = server.client();
//   auto res = client.get("/goals", server.token("acme", "u1", Role::manager));

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "support/http_client.hpp"
#include "traction/app/app.hpp"

namespace traction::test {

struct TestServerOptions {
  // Adjusts the configuration before the app is made (timeouts, heartbeat, body limit).
  std::function<void(app::Config&)> configure = {};
  // Runs after the app is made, before it starts (test-only routes, a fake replay source).
  std::function<void(app::App&)> prepare = {};
  // The database file to open instead of a fresh one in the temp directory. The file is the
  // caller's: it is left in place when the server stops (a restart test opens it again).
  std::filesystem::path db = {};
};

class TestServer {
 public:
  static constexpr std::string_view secret = "http-integration-test-secret";

  explicit TestServer(TestServerOptions options = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  [[nodiscard]] app::App& app() { return *app_; }
  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] HttpClient client() const { return HttpClient{port_}; }
  // A valid token for this server.
  [[nodiscard]] std::string token(std::string_view tenant = "t1", std::string_view user = "u1",
                                  Role role = Role::admin) const;

  // Graceful stop; returns once every connection closed. Idempotent.
  void stop();

 private:
  std::filesystem::path dir_;
  std::unique_ptr<app::App> app_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

}  // namespace traction::test
