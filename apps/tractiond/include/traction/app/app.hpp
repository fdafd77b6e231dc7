#pragma once
// The tractiond application: owns the clock, id generator, SSE hub, store, use cases,
// background jobs, router and server, wired from a Config. main() is make_app(config) then run(); the HTTP integration
// tests start the same App in-process.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "traction/app/config.hpp"
#include "traction/app/services.hpp"
#include "traction/auth.hpp"
#include "traction/error.hpp"
#include "traction/http/logger.hpp"
#include "traction/http/metrics.hpp"
#include "traction/http/router.hpp"
#include "traction/http/sse_hub.hpp"
#include "traction/ports/clock.hpp"
#include "traction/ports/id_generator.hpp"
#include "traction/ports/store.hpp"

namespace traction::app {

// What route registration needs from the application.
struct AppContext {
  const Config& config;
  ports::Store& store;
  Services& services;
  const ports::Clock& clock;
  ports::IdGenerator& ids;
  http::SseHub& hub;
  http::Metrics& metrics;
  const http::Logger& logger;
};

// Every route of the server: health, metrics, the live feed, and the domain route modules.
// (apps/tractiond/src/routes.cpp)
void register_routes(http::Router& router, AppContext& context);

class App {
 public:
  struct Parts;

  explicit App(std::unique_ptr<Parts> parts);
  // Stops the server gracefully and waits for it.
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Binds and serves in the background; returns the bound port. Prints nothing.
  [[nodiscard]] Result<std::uint16_t> start();
  // Graceful stop from any thread; returns at once. wait() blocks until it completed.
  void stop() noexcept;
  void wait();

  // start(); print the admin token (when the secret was generated) and "listening on
  // http://<bind>:<port>"; serve until SIGINT or SIGTERM; stop gracefully. The exit code.
  [[nodiscard]] int run();

  // Routes may be added until start() (tests add test-only routes).
  [[nodiscard]] http::Router& router();
  [[nodiscard]] http::SseHub& hub();
  [[nodiscard]] ports::Store& store();
  [[nodiscard]] Services& services();
  [[nodiscard]] const ports::Clock& clock() const;
  [[nodiscard]] http::Metrics& metrics();
  [[nodiscard]] const Config& config() const;
  [[nodiscard]] std::uint16_t port() const;

  // A token signed with the server's secret.
  [[nodiscard]] std::string mint_token(const std::string& tenant, const std::string& user,
                                       Role role, const std::string& name = {},
                                       std::chrono::hours ttl = std::chrono::hours{24}) const;
  // The admin token printed at start when no secret was configured; empty otherwise.
  [[nodiscard]] const std::string& admin_token() const;

 private:
  std::unique_ptr<Parts> parts_;
};

// Opens the store and wires everything; binds nothing yet. Fails when the store cannot be
// opened or the random secret cannot be generated.
[[nodiscard]] Result<std::unique_ptr<App>> make_app(const Config& config);

// `tractiond jobs run ...`: runs one job on the database now. Returns the exit code.
[[nodiscard]] int run_jobs_command(std::span<const std::string> args, const Environment& env);

// `tractiond token ...`: prints a token for TRACTION_JWT_SECRET. Returns the exit code.
[[nodiscard]] int run_token_command(std::span<const std::string> args, const Environment& env);

}  // namespace traction::app
