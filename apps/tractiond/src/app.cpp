#include "traction/app/app.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <optional>

#include "job_scheduler.hpp"
#include "signals.hpp"
#include "traction/http/authenticator.hpp"
#include "traction/http/dispatcher.hpp"
#include "traction/http/jwt.hpp"
#include "traction/http/server.hpp"
#include "traction/system/system_clock.hpp"
#include "traction/system/uuid_generator.hpp"

#if defined(TRACTION_APP_SQLITE)
#include "traction/sqlite/sqlite_store.hpp"
#elif defined(TRACTION_APP_MEMORY)
#include "traction/memory/memory_store.hpp"
#else
#error "tractiond needs a store: build adapters/sqlite or adapters/memory"
#endif

namespace traction::app {

// Declared in the order they are built; destroyed in reverse: the server first (its
// connections end), then the store (it publishes to the hub), then the hub.
struct App::Parts {
  explicit Parts(const Config& c) : config(c), logger(c.log_level) {}

  Config config;
  http::Logger logger;
  system::SystemClock clock;
  system::UuidGenerator ids;
  http::Metrics metrics;
  http::SseHub hub;
  std::unique_ptr<ports::Store> store;
  std::optional<Services> services;
  std::optional<JobService> jobs;
  std::optional<JobScheduler> scheduler;
  std::string secret;
  std::string admin_token;
  std::optional<http::Authenticator> authenticator;
  http::Router router;
  std::optional<http::ResponseCache> response_cache;
  std::optional<http::Dispatcher> dispatcher;
  std::unique_ptr<http::Server> server;
};

namespace {

constexpr std::string_view default_tenant = "default";

Result<std::unique_ptr<ports::Store>> open_store(const Config& config, http::SseHub& hub) {
#if defined(TRACTION_APP_SQLITE)
  sqlite::tune_sqlite_process();  // before the first connection opens
  sqlite::SqliteOptions options;
  options.path = config.db;
  options.synchronous =
      config.synchronous == SyncMode::normal ? sqlite::Synchronous::normal : sqlite::Synchronous::full;
  auto store = sqlite::SqliteStore::open(options, &hub);
  if (!store) {
    auto error = std::move(store.error());
    error.message = fmt::format("cannot open database {}: {}", config.db, error.message);
    return std::unexpected(std::move(error));
  }
  return std::unique_ptr<ports::Store>{std::move(*store)};
#else
  (void)config;
  return std::unique_ptr<ports::Store>{std::make_unique<memory::MemoryStore>(&hub)};
#endif
}

Dependencies dependencies(const Config& config, ports::Store& store, const ports::Clock& clock,
                          ports::IdGenerator& ids) {
  Settings settings;
  settings.max_goals_per_tenant = config.max_goals_per_tenant;
  settings.hierarchy.max_depth = config.max_depth;
  return Dependencies{store, clock, ids, settings};
}

http::ServerOptions server_options(const Config& config, ports::Store& store) {
  http::ServerOptions options;
  options.bind = config.bind;
  options.port = config.port;
  options.threads = config.threads;
  options.worker_threads = config.worker_threads;
  options.body_limit = config.body_limit;
  options.header_timeout = config.header_timeout;
  options.body_timeout = config.body_timeout;
  options.idle_timeout = config.idle_timeout;
  options.write_timeout = config.write_timeout;
  options.sse_heartbeat = config.sse_heartbeat;
  // Writes that arrive together share one transaction and one durable commit.
  options.write_batches = [&store](std::size_t count, const std::function<void(std::size_t)>& unit) {
    return store.write_batch(count, unit);
  };
  return options;
}

}  // namespace

Result<std::unique_ptr<App>> make_app(const Config& config) {
  auto parts = std::make_unique<App::Parts>(config);

  auto store = open_store(config, parts->hub);
  if (!store) return std::unexpected(std::move(store.error()));
  parts->store = std::move(*store);
  parts->hub.set_replay_source([log = parts->store.get()](std::string_view tenant,
                                                         std::optional<std::string_view> goal_id,
                                                         std::int64_t after_id, std::size_t limit) {
    return read_tx(*log, [&](ports::Transaction& tx) {
      return tx.events().since(tenant, goal_id, after_id, limit);
    });
  });

  const auto deps = dependencies(config, *parts->store, parts->clock, parts->ids);
  parts->services.emplace(deps);
  if (config.run_jobs) {
    parts->jobs.emplace(deps, job_holder_name(parts->ids));
    parts->scheduler.emplace(*parts->jobs, parts->clock, parts->logger, config.snapshot_at,
                             config.recalculate_every);
  }

  parts->secret = config.jwt_secret;
  if (parts->secret.empty()) {
    // A first run works and is still closed to strangers: a random secret, and an admin
    // token printed at start.
    auto secret = http::random_bytes(32);
    if (!secret) return std::unexpected(std::move(secret.error()));
    parts->secret = std::move(*secret);
    parts->admin_token = http::mint_jwt(
        {"admin", std::string{default_tenant}, Role::admin, "Administrator",
         parts->clock.now() + std::chrono::hours{24 * 365}},
        parts->secret);
  }
  parts->authenticator.emplace(parts->secret, parts->clock);
  parts->dispatcher.emplace(parts->router, *parts->authenticator, parts->metrics, parts->logger);
  parts->dispatcher->set_cors_origin(config.cors_origin);
  if (config.response_cache_bytes > 0) {
    parts->response_cache.emplace([store = parts->store.get()] { return store->data_stamp(); },
                                  config.response_cache_bytes);
    parts->dispatcher->set_response_cache(&*parts->response_cache);
    parts->metrics.attach_response_cache(&*parts->response_cache);
  }

  AppContext context{parts->config, *parts->store,  *parts->services, parts->clock,
                     parts->ids,    parts->hub,     parts->metrics,   parts->logger};
  register_routes(parts->router, context);

  parts->server = std::make_unique<http::Server>(server_options(config, *parts->store),
                                                 *parts->dispatcher);
  return std::make_unique<App>(std::move(parts));
}

App::App(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

App::~App() {
  if (!parts_) return;
  stop();
  parts_->server->wait();
}

Result<std::uint16_t> App::start() {
  auto port = parts_->server->start();
  if (port && parts_->scheduler) parts_->scheduler->start();
  return port;
}

void App::stop() noexcept {
  if (parts_->scheduler) parts_->scheduler->stop();
  parts_->server->stop();
}

void App::wait() { parts_->server->wait(); }

int App::run() {
  auto port = start();
  if (!port) {
    std::fprintf(stderr, "tractiond: %s\n", port.error().message.c_str());
    return 1;
  }
  if (!parts_->admin_token.empty()) {
    std::printf("Admin token (tenant \"%s\"): %s\n", std::string{default_tenant}.c_str(),
                parts_->admin_token.c_str());
  }
  const auto& bind = parts_->config.bind;
  const bool v6 = bind.find(':') != std::string::npos;
  std::printf("listening on http://%s%s%s:%u\n", v6 ? "[" : "", bind.c_str(), v6 ? "]" : "",
              static_cast<unsigned>(*port));
  std::fflush(stdout);
  parts_->logger.log(http::LogLevel::info, "started",
                     {{"bind", bind}, {"port", std::to_string(*port)}, {"db", parts_->config.db}});

  wait_for_stop_signal();
  parts_->logger.log(http::LogLevel::info, "stopping");
  stop();
  wait();
  parts_->logger.log(http::LogLevel::info, "stopped");
  return 0;
}

http::Router& App::router() { return parts_->router; }
http::SseHub& App::hub() { return parts_->hub; }
ports::Store& App::store() { return *parts_->store; }
Services& App::services() { return *parts_->services; }
const ports::Clock& App::clock() const { return parts_->clock; }
http::Metrics& App::metrics() { return parts_->metrics; }
const Config& App::config() const { return parts_->config; }
std::uint16_t App::port() const { return parts_->server->port(); }
const std::string& App::admin_token() const { return parts_->admin_token; }

std::string App::mint_token(const std::string& tenant, const std::string& user, Role role,
                            const std::string& name, std::chrono::hours ttl) const {
  return http::mint_jwt({user, tenant, role, name, parts_->clock.now() + ttl}, parts_->secret);
}

int run_jobs_command(std::span<const std::string> args, const Environment& env) {
  for (const auto& arg : args) {
    if (arg == "--help" || arg == "-h") {
      std::fputs(jobs_help_text().c_str(), stdout);
      return 0;
    }
  }
  auto command = parse_jobs_command(args, env);
  if (!command) {
    std::fprintf(stderr, "tractiond jobs: %s\n", command.error().message.c_str());
    return 2;
  }
  http::SseHub hub;  // nobody listens: the events go to the store's log for the server's replay
  auto store = open_store(command->config, hub);
  if (!store) {
    std::fprintf(stderr, "tractiond jobs: %s\n", store.error().message.c_str());
    return 1;
  }
  const system::SystemClock clock;
  system::UuidGenerator ids;
  JobService jobs(dependencies(command->config, **store, clock, ids), job_holder_name(ids));
  const auto report =
      command->job == "snapshot" ? jobs.run_snapshot(command->force) : jobs.run_recalculate();
  if (!report) {
    std::fprintf(stderr, "tractiond jobs: %s failed: %s\n", command->job.c_str(),
                 report.error().message.c_str());
    return 1;
  }
  if (report->ran) {
    std::printf("%s: ran, %zu goals looked at, %zu changed\n", report->job.c_str(), report->goals,
                report->changed);
  } else {
    std::printf("%s: skipped, %s\n", report->job.c_str(), report->skipped_because.c_str());
  }
  return 0;
}

int run_token_command(std::span<const std::string> args, const Environment& env) {
  for (const auto& arg : args) {
    if (arg == "--help" || arg == "-h") {
      std::fputs(token_help_text().c_str(), stdout);
      return 0;
    }
  }
  auto command = parse_token_command(args);
  if (!command) {
    std::fprintf(stderr, "tractiond token: %s\n", command.error().message.c_str());
    return 2;
  }
  const auto secret = env.find("TRACTION_JWT_SECRET");
  if (secret == env.end() || secret->second.empty()) {
    std::fprintf(stderr,
                 "tractiond token: TRACTION_JWT_SECRET is not set (tokens are signed with the "
                 "server's configured secret)\n");
    return 2;
  }
  const system::SystemClock clock;
  const auto token = http::mint_jwt(
      {command->user, command->tenant, command->role, command->name, clock.now() + command->ttl},
      secret->second);
  std::printf("%s\n", token.c_str());
  return 0;
}

}  // namespace traction::app
