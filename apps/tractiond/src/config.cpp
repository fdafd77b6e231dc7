#include "traction/app/config.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <optional>
#include <vector>

namespace traction::app {
namespace {

// Where a value came from, for messages: "--port" or "TRACTION_PORT".
using Setter = Status (*)(Config&, std::string_view value, std::string_view source);

struct Option {
  std::string_view flag;
  std::string_view env;
  std::string_view value_name;
  std::string_view help;
  std::string_view default_text;
  Setter set;
};

std::unexpected<Error> bad(std::string_view source, std::string_view value, std::string_view why) {
  return invalid(std::string{source}, fmt::format("invalid {} \"{}\": {}", source, value, why));
}

std::optional<std::int64_t> to_int(std::string_view text) {
  std::int64_t n = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return n;
}

Result<std::int64_t> int_in(std::string_view value, std::string_view source, std::int64_t min,
                            std::int64_t max) {
  const auto n = to_int(value);
  if (!n || *n < min || *n > max) {
    return bad(source, value, fmt::format("must be an integer from {} to {}", min, max));
  }
  return *n;
}

bool is_ip_address(std::string_view text) {
  const std::string s{text};
  std::array<unsigned char, 16> buffer{};
  return inet_pton(AF_INET, s.c_str(), buffer.data()) == 1 ||
         inet_pton(AF_INET6, s.c_str(), buffer.data()) == 1;
}

// 1048576, 512k, 1m (binary multiples).
std::optional<std::int64_t> to_bytes(std::string_view text) {
  std::int64_t scale = 1;
  if (!text.empty() && (text.back() == 'k' || text.back() == 'K')) {
    scale = 1024;
    text.remove_suffix(1);
  } else if (!text.empty() && (text.back() == 'm' || text.back() == 'M')) {
    scale = 1024 * 1024;
    text.remove_suffix(1);
  }
  const auto n = to_int(text);
  if (!n || *n < 0 || *n > std::numeric_limits<std::int64_t>::max() / scale) return std::nullopt;
  return *n * scale;
}

const std::array<Option, 17> options{{
    {"--port", "TRACTION_PORT", "N", "TCP port to listen on (0: any free port)", "8002",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       auto n = int_in(v, source, 0, 65535);
       if (!n) return std::unexpected(n.error());
       c.port = static_cast<std::uint16_t>(*n);
       return {};
     }},
    {"--bind", "TRACTION_BIND", "ADDRESS", "IP address to listen on", "127.0.0.1",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       if (!is_ip_address(v)) return bad(source, v, "must be an IPv4 or IPv6 address");
       c.bind = std::string{v};
       return {};
     }},
    {"--db", "TRACTION_DB", "PATH", "SQLite database file (created when missing)",
     "./traction.db",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       if (v.empty()) return bad(source, v, "must be a file path");
       c.db = std::string{v};
       return {};
     }},
    {"--threads", "TRACTION_THREADS", "N", "I/O threads (0: one per hardware thread)", "0",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       auto n = int_in(v, source, 0, 1024);
       if (!n) return std::unexpected(n.error());
       c.threads = static_cast<unsigned>(*n);
       return {};
     }},
    {"--worker-threads", "TRACTION_WORKER_THREADS", "N",
     "request handler threads (0: max(4, hardware threads))", "0",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       auto n = int_in(v, source, 0, 1024);
       if (!n) return std::unexpected(n.error());
       c.worker_threads = static_cast<unsigned>(*n);
       return {};
     }},
    {"--log-level", "TRACTION_LOG_LEVEL", "LEVEL", "debug, info, warn or error", "info",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       const auto level = http::log_level_text.parse(v);
       if (!level) return bad(source, v, "must be one of " + http::log_level_text.choices());
       c.log_level = *level;
       return {};
     }},
    {"--max-goals-per-tenant", "TRACTION_MAX_GOALS_PER_TENANT", "N",
     "goals a tenant may hold (0: unlimited)", "0",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       auto n = int_in(v, source, 0, 1'000'000'000);
       if (!n) return std::unexpected(n.error());
       c.max_goals_per_tenant = *n;
       return {};
     }},
    {"--max-depth", "TRACTION_MAX_DEPTH", "N", "deepest goal hierarchy (levels)", "4",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       auto n = int_in(v, source, 1, 32);
       if (!n) return std::unexpected(n.error());
       c.max_depth = static_cast<int>(*n);
       return {};
     }},
    {"--body-limit", "TRACTION_BODY_LIMIT", "BYTES",
     "largest request body, bytes or with a k/m suffix", "1m",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       const auto n = to_bytes(v);
       if (!n || *n < 1024 || *n > 1024LL * 1024 * 1024) {
         return bad(source, v, "must be a size from 1k to 1024m (e.g. 1048576, 512k, 2m)");
       }
       c.body_limit = static_cast<std::size_t>(*n);
       return {};
     }},
    {"--response-cache", "TRACTION_RESPONSE_CACHE", "BYTES",
     "memory for answers of GET /goals/{id} kept until the data changes (0: off)", "32m",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       const auto n = to_bytes(v);
       if (!n || *n > 4096LL * 1024 * 1024) {
         return bad(source, v, "must be 0 or a size up to 4096m (e.g. 33554432, 512k, 32m)");
       }
       c.response_cache_bytes = static_cast<std::size_t>(*n);
       return {};
     }},
    {"--sse-heartbeat-seconds", "TRACTION_SSE_HEARTBEAT_SECONDS", "N",
     "seconds between SSE heartbeat comments", "15",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       auto n = int_in(v, source, 1, 3600);
       if (!n) return std::unexpected(n.error());
       c.sse_heartbeat = std::chrono::seconds{*n};
       return {};
     }},
    {"--synchronous", "TRACTION_SYNCHRONOUS", "MODE",
     "SQLite synchronous: full (survives power loss) or normal (faster)", "full",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       const auto mode = sync_mode_text.parse(v);
       if (!mode) return bad(source, v, "must be one of " + sync_mode_text.choices());
       c.synchronous = *mode;
       return {};
     }},
    {"--cors-origin", "TRACTION_CORS_ORIGIN", "ORIGIN",
     "the web origin allowed to call the API from a browser (\"*\": any)", "none",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       const bool ok = v == "*" || ((v.starts_with("http://") || v.starts_with("https://")) &&
                                    v.find('/', 8) == std::string_view::npos);
       if (!ok) return bad(source, v, "must be * or an origin like https://app.example.com");
       c.cors_origin = std::string{v};
       return {};
     }},
    {"--jobs", "TRACTION_JOBS", "on|off",
     "run the background jobs (daily snapshot, periodic recalculation)", "on",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       if (v != "on" && v != "off") return bad(source, v, "must be on or off");
       c.run_jobs = v == "on";
       return {};
     }},
    {"--snapshot-at", "TRACTION_SNAPSHOT_AT", "HH:MM",
     "UTC time of day of the daily progress snapshot", "00:00",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       const auto hours = v.size() == 5 && v[2] == ':' ? to_int(v.substr(0, 2)) : std::nullopt;
       const auto minutes = v.size() == 5 && v[2] == ':' ? to_int(v.substr(3, 2)) : std::nullopt;
       if (!hours || !minutes || *hours < 0 || *hours > 23 || *minutes < 0 || *minutes > 59) {
         return bad(source, v, "must be a UTC time HH:MM from 00:00 to 23:59");
       }
       c.snapshot_at = std::chrono::hours{*hours} + std::chrono::minutes{*minutes};
       return {};
     }},
    {"--recalculate-minutes", "TRACTION_RECALCULATE_MINUTES", "N",
     "minutes between recalculations of every auto-calculated goal (0: never)", "15",
     [](Config& c, std::string_view v, std::string_view source) -> Status {
       auto n = int_in(v, source, 0, 7 * 24 * 60);
       if (!n) return std::unexpected(n.error());
       c.recalculate_every = std::chrono::minutes{*n};
       return {};
     }},
    {"", "TRACTION_JWT_SECRET", "", "", "",
     [](Config& c, std::string_view v, std::string_view) -> Status {
       c.jwt_secret = std::string{v};
       return {};
     }},
}};

const Option* find_flag(std::string_view flag) {
  for (const auto& option : options) {
    if (!option.flag.empty() && option.flag == flag) return &option;
  }
  return nullptr;
}

bool is_help(std::string_view arg) { return arg == "--help" || arg == "-h"; }

// Splits "--name=value" / "--name value"; advances i past a separate value.
struct FlagValue {
  std::string_view name;
  std::optional<std::string_view> value;
};

FlagValue split_flag(std::span<const std::string> args, std::size_t& i) {
  std::string_view arg = args[i];
  if (const auto eq = arg.find('='); eq != std::string_view::npos) {
    return {arg.substr(0, eq), arg.substr(eq + 1)};
  }
  if (i + 1 < args.size()) {
    ++i;
    return {arg, std::string_view{args[i]}};
  }
  return {arg, std::nullopt};
}

}  // namespace

Environment process_environment() {
  Environment env;
  for (const auto& option : options) {
    const std::string name{option.env};
    if (const char* value = std::getenv(name.c_str())) env.emplace(name, value);
  }
  return env;
}

Result<Config> parse_config(std::span<const std::string> args, const Environment& env) {
  Config config;
  for (const auto& arg : args) {
    if (is_help(arg)) {
      config.show_help = true;
      return config;
    }
  }
  for (const auto& option : options) {
    const auto it = env.find(option.env);
    if (it == env.end() || it->second.empty()) continue;
    if (auto set = option.set(config, it->second, option.env); !set) {
      return std::unexpected(std::move(set.error()));
    }
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (!arg.starts_with("--")) {
      return invalid("", fmt::format("unexpected argument \"{}\" (see --help)", arg));
    }
    const auto [name, value] = split_flag(args, i);
    const auto* option = find_flag(name);
    if (option == nullptr) return invalid("", fmt::format("unknown option {} (see --help)", name));
    if (!value) return invalid(std::string{name}, fmt::format("{} needs a value", name));
    if (auto set = option->set(config, *value, option->flag); !set) {
      return std::unexpected(std::move(set.error()));
    }
  }
  return config;
}

std::string help_text() {
  std::string out =
      "Usage: tractiond [OPTIONS]\n"
      "       tractiond token --tenant T --user U --role R [--name N] [--ttl-hours H]\n"
      "       tractiond jobs run snapshot|recalculate [--force] [--db PATH]\n"
      "\n"
      "Traction goal-execution engine: the HTTP API server.\n"
      "\n"
      "Options (a flag wins over its environment variable):\n";
  for (const auto& option : options) {
    if (option.flag.empty()) continue;
    out += fmt::format("  {} {}\n      {} [env {}, default {}]\n", option.flag, option.value_name,
                       option.help, option.env, option.default_text);
  }
  out +=
      "  -h, --help\n      print this help\n"
      "\n"
      "Environment:\n"
      "  TRACTION_JWT_SECRET  HS256 secret of the bearer tokens. When unset the server makes a\n"
      "                       random one at start and prints an admin token (tenant \"default\").\n";
  return out;
}

std::string token_help_text() {
  return "Usage: tractiond token --tenant T --user U --role R [--name N] [--ttl-hours H]\n"
         "\n"
         "Prints a bearer token signed with TRACTION_JWT_SECRET (which must be set).\n"
         "  --tenant T      the tenant (claim \"tenant\")\n"
         "  --user U        the user id (claim \"sub\")\n"
         "  --role R        admin, manager or employee\n"
         "  --name N        the user's display name (optional)\n"
         "  --ttl-hours H   hours until it expires, 1 to 8760 [default 24]\n";
}

std::string jobs_help_text() {
  return "Usage: tractiond jobs run snapshot|recalculate [--force] [OPTIONS]\n"
         "\n"
         "Runs one background job now on the database and exits; prints what it did.\n"
         "It takes the same job lock as the server, so it does nothing while a server runs it.\n"
         "  snapshot      the daily progress snapshot of every open goal\n"
         "  recalculate   re-computes every automatically calculated goal\n"
         "  --force       snapshot again even when today's snapshot exists\n"
         "  OPTIONS       the server's options (--db, --max-depth, ...; see tractiond --help)\n";
}

Result<JobsCommand> parse_jobs_command(std::span<const std::string> args, const Environment& env) {
  if (args.size() < 2 || args[0] != "run") {
    return invalid("", "expected: jobs run snapshot|recalculate (see jobs --help)");
  }
  JobsCommand command;
  command.job = args[1];
  if (command.job != "snapshot" && command.job != "recalculate") {
    return invalid("job", fmt::format("unknown job \"{}\": must be snapshot or recalculate",
                                      command.job));
  }
  std::vector<std::string> rest;
  for (const auto& arg : args.subspan(2)) {
    if (arg == "--force") {
      command.force = true;
    } else {
      rest.push_back(arg);
    }
  }
  auto config = parse_config(rest, env);
  if (!config) return std::unexpected(std::move(config.error()));
  command.config = std::move(*config);
  return command;
}

Result<TokenCommand> parse_token_command(std::span<const std::string> args) {
  TokenCommand command;
  bool has_tenant = false;
  bool has_user = false;
  bool has_role = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (!arg.starts_with("--")) {
      return invalid("", fmt::format("unexpected argument \"{}\" (see token --help)", arg));
    }
    const auto [name, value] = split_flag(args, i);
    if (!value) return invalid(std::string{name}, fmt::format("{} needs a value", name));
    if (name == "--tenant" && !value->empty()) {
      command.tenant = std::string{*value};
      has_tenant = true;
    } else if (name == "--user" && !value->empty()) {
      command.user = std::string{*value};
      has_user = true;
    } else if (name == "--role") {
      const auto role = role_text.parse(*value);
      if (!role) return bad("--role", *value, "must be one of " + role_text.choices());
      command.role = *role;
      has_role = true;
    } else if (name == "--name") {
      command.name = std::string{*value};
    } else if (name == "--ttl-hours") {
      auto hours = int_in(*value, "--ttl-hours", 1, 8760);
      if (!hours) return std::unexpected(hours.error());
      command.ttl = std::chrono::hours{*hours};
    } else if (name == "--tenant" || name == "--user") {
      return invalid(std::string{name}, fmt::format("{} must not be empty", name));
    } else {
      return invalid("", fmt::format("unknown option {} (see token --help)", name));
    }
  }
  if (!has_tenant) return invalid("--tenant", "--tenant is required");
  if (!has_user) return invalid("--user", "--user is required");
  if (!has_role) return invalid("--role", "--role is required (admin, manager or employee)");
  return command;
}

}  // namespace traction::app
