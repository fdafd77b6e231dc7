#pragma once
// tractiond's configuration: flags, each with an environment variable; a flag wins over its
// variable, a variable over the default. Parsing is a pure function of (args, env).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "traction/auth.hpp"
#include "traction/enum_text.hpp"
#include "traction/error.hpp"
#include "traction/http/logger.hpp"

namespace traction::app {

// PRAGMA synchronous of the SQLite store.
enum class SyncMode { full, normal };
inline constexpr EnumText<SyncMode, 2> sync_mode_text{{{
    {SyncMode::full, "full"},
    {SyncMode::normal, "normal"},
}}};

struct Config {
  std::string bind = "127.0.0.1";                 // --bind, TRACTION_BIND
  std::uint16_t port = 8002;                      // --port, TRACTION_PORT (0: any free port)
  std::string db = "./traction.db";               // --db, TRACTION_DB
  unsigned threads = 0;                           // --threads, TRACTION_THREADS (0: hardware)
  unsigned worker_threads = 0;                    // --worker-threads, TRACTION_WORKER_THREADS
  http::LogLevel log_level = http::LogLevel::info;  // --log-level, TRACTION_LOG_LEVEL
  std::string jwt_secret;                         // TRACTION_JWT_SECRET only (no flag: ps shows flags)
  std::int64_t max_goals_per_tenant = 0;          // --max-goals-per-tenant (0: unlimited)
  int max_depth = 4;                              // --max-depth, TRACTION_MAX_DEPTH
  std::size_t body_limit = 1024 * 1024;           // --body-limit, TRACTION_BODY_LIMIT
  std::size_t response_cache_bytes = 32 * 1024 * 1024;  // --response-cache (0: off)
  std::chrono::milliseconds sse_heartbeat{15'000};  // --sse-heartbeat-seconds
  SyncMode synchronous = SyncMode::full;          // --synchronous, TRACTION_SYNCHRONOUS
  std::string cors_origin;                        // --cors-origin, TRACTION_CORS_ORIGIN ("": off)
  bool run_jobs = true;                           // --jobs on|off, TRACTION_JOBS
  std::chrono::minutes snapshot_at{0};            // --snapshot-at HH:MM (UTC), TRACTION_SNAPSHOT_AT
  std::chrono::minutes recalculate_every{15};     // --recalculate-minutes (0: never)

  // Not flags: the server's timeouts (tests shorten them).
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds write_timeout{30'000};

  bool show_help = false;  // --help / -h
};

// The variables parse_config reads (a test passes a map; main reads the process's).
using Environment = std::map<std::string, std::string, std::less<>>;

// The TRACTION_* variables of this process.
[[nodiscard]] Environment process_environment();

// `args` without the program name. A bad or unknown flag, a missing value or a bad
// variable is a VALIDATION_ERROR whose message is one line naming the flag or variable.
[[nodiscard]] Result<Config> parse_config(std::span<const std::string> args, const Environment& env);

// The --help text: every flag with its variable and default.
[[nodiscard]] std::string help_text();

// `tractiond token --tenant T --user U --role R [--name N] [--ttl-hours H]`
struct TokenCommand {
  std::string tenant;
  std::string user;
  Role role = Role::employee;
  std::string name;
  std::chrono::hours ttl{24};
};

// `tractiond jobs run snapshot|recalculate [--force] [server options]`
struct JobsCommand {
  std::string job;     // "snapshot" or "recalculate"
  bool force = false;  // snapshot again even when today's exists
  Config config;       // --db and the other server options
};

// `args` after "jobs".
[[nodiscard]] Result<JobsCommand> parse_jobs_command(std::span<const std::string> args,
                                                     const Environment& env);
[[nodiscard]] std::string jobs_help_text();

// `args` after "token".
[[nodiscard]] Result<TokenCommand> parse_token_command(std::span<const std::string> args);
[[nodiscard]] std::string token_help_text();

}  // namespace traction::app
