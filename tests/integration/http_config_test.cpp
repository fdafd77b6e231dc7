// tractiond's configuration: defaults, environment variables, flags winning over them, bad
// values, --help; the token subcommand's arguments.
#include <catch2/catch.hpp>

#include <vector>

#include "traction/app/config.hpp"
#include "traction/http/jwt.hpp"

using namespace traction;
using namespace traction::app;
using namespace std::chrono_literals;

namespace {

Result<Config> parse(std::vector<std::string> args, Environment env = {}) {
  return parse_config(args, env);
}

void check_bad(std::vector<std::string> args, Environment env, std::string_view message) {
  const auto config = parse(std::move(args), std::move(env));
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().code == ErrorCode::validation_error);
  CHECK(config.error().message == message);
  CHECK(config.error().message.find('\n') == std::string::npos);  // one line
}

}  // namespace

TEST_CASE("config defaults", "[config]") {
  const auto config = parse({});
  REQUIRE(config.has_value());
  CHECK(config->port == 8002);
  CHECK(config->bind == "127.0.0.1");
  CHECK(config->db == "./traction.db");
  CHECK(config->threads == 0);
  CHECK(config->log_level == http::LogLevel::info);
  CHECK(config->jwt_secret.empty());
  CHECK(config->max_goals_per_tenant == 0);
  CHECK(config->max_depth == 4);
  CHECK(config->body_limit == 1024 * 1024);
  CHECK(config->sse_heartbeat == 15s);
  CHECK(config->synchronous == SyncMode::full);
  CHECK(config->response_cache_bytes == 32 * 1024 * 1024);
  CHECK_FALSE(config->show_help);
}

TEST_CASE("config: the response cache's size, or 0 to turn it off", "[config]") {
  CHECK(parse({"--response-cache", "0"})->response_cache_bytes == 0);
  CHECK(parse({"--response-cache", "512k"})->response_cache_bytes == 512 * 1024);
  CHECK(parse({}, {{"TRACTION_RESPONSE_CACHE", "64m"}})->response_cache_bytes == 64 * 1024 * 1024);
  check_bad({"--response-cache", "lots"}, {},
            R"(invalid --response-cache "lots": must be 0 or a size up to 4096m (e.g. 33554432, 512k, 32m))");
  check_bad({"--response-cache", "5000m"}, {},
            R"(invalid --response-cache "5000m": must be 0 or a size up to 4096m (e.g. 33554432, 512k, 32m))");
}

TEST_CASE("config from environment variables", "[config]") {
  const Environment env{{"TRACTION_PORT", "9000"},
                        {"TRACTION_BIND", "0.0.0.0"},
                        {"TRACTION_DB", "/var/lib/traction.db"},
                        {"TRACTION_THREADS", "3"},
                        {"TRACTION_WORKER_THREADS", "5"},
                        {"TRACTION_LOG_LEVEL", "debug"},
                        {"TRACTION_JWT_SECRET", "s3cret"},
                        {"TRACTION_MAX_GOALS_PER_TENANT", "100"},
                        {"TRACTION_MAX_DEPTH", "3"},
                        {"TRACTION_BODY_LIMIT", "512k"},
                        {"TRACTION_SSE_HEARTBEAT_SECONDS", "5"},
                        {"TRACTION_SYNCHRONOUS", "normal"},
                        {"UNRELATED", "x"}};
  const auto config = parse({}, env);
  REQUIRE(config.has_value());
  CHECK(config->port == 9000);
  CHECK(config->bind == "0.0.0.0");
  CHECK(config->db == "/var/lib/traction.db");
  CHECK(config->threads == 3);
  CHECK(config->worker_threads == 5);
  CHECK(config->log_level == http::LogLevel::debug);
  CHECK(config->jwt_secret == "s3cret");
  CHECK(config->max_goals_per_tenant == 100);
  CHECK(config->max_depth == 3);
  CHECK(config->body_limit == 512 * 1024);
  CHECK(config->sse_heartbeat == 5s);
  CHECK(config->synchronous == SyncMode::normal);
  // An empty variable is unset.
  CHECK(parse({}, {{"TRACTION_PORT", ""}})->port == 8002);
}

TEST_CASE("flags win over environment variables", "[config]") {
  const Environment env{{"TRACTION_PORT", "9000"}, {"TRACTION_LOG_LEVEL", "debug"}, {"TRACTION_DB", "env.db"}};
  const auto config = parse({"--port", "9100", "--log-level=warn", "--bind", "::1"}, env);
  REQUIRE(config.has_value());
  CHECK(config->port == 9100);
  CHECK(config->log_level == http::LogLevel::warn);
  CHECK(config->bind == "::1");
  CHECK(config->db == "env.db");  // no flag: the variable stands
  const auto all = parse({"--db", "f.db", "--threads", "2", "--worker-threads", "3", "--max-goals-per-tenant", "7",
                          "--max-depth", "6", "--body-limit", "2m", "--sse-heartbeat-seconds", "30",
                          "--synchronous", "normal"});
  REQUIRE(all.has_value());
  CHECK(all->db == "f.db");
  CHECK(all->threads == 2);
  CHECK(all->worker_threads == 3);
  CHECK(all->max_goals_per_tenant == 7);
  CHECK(all->max_depth == 6);
  CHECK(all->body_limit == 2 * 1024 * 1024);
  CHECK(all->sse_heartbeat == 30s);
  CHECK(all->synchronous == SyncMode::normal);
  CHECK(parse({"--port", "0"})->port == 0);
}

TEST_CASE("bad values are one clear line naming the flag or variable", "[config]") {
  check_bad({"--port", "abc"}, {}, R"(invalid --port "abc": must be an integer from 0 to 65535)");
  check_bad({"--port=70000"}, {}, R"(invalid --port "70000": must be an integer from 0 to 65535)");
  check_bad({}, {{"TRACTION_PORT", "-1"}},
            R"(invalid TRACTION_PORT "-1": must be an integer from 0 to 65535)");
  check_bad({"--bind", "localhost"}, {}, R"(invalid --bind "localhost": must be an IPv4 or IPv6 address)");
  check_bad({"--log-level", "loud"}, {}, R"(invalid --log-level "loud": must be one of debug, info, warn, error)");
  check_bad({}, {{"TRACTION_SYNCHRONOUS", "off"}},
            R"(invalid TRACTION_SYNCHRONOUS "off": must be one of full, normal)");
  check_bad({"--max-depth", "0"}, {}, R"(invalid --max-depth "0": must be an integer from 1 to 32)");
  check_bad({"--body-limit", "huge"}, {},
            R"(invalid --body-limit "huge": must be a size from 1k to 1024m (e.g. 1048576, 512k, 2m))");
  check_bad({"--sse-heartbeat-seconds", "0"}, {},
            R"(invalid --sse-heartbeat-seconds "0": must be an integer from 1 to 3600)");
  check_bad({"--threads", "2x"}, {}, R"(invalid --threads "2x": must be an integer from 0 to 1024)");
  check_bad({"--max-goals-per-tenant", "-5"}, {},
            R"(invalid --max-goals-per-tenant "-5": must be an integer from 0 to 1000000000)");
  check_bad({"--db="}, {}, R"(invalid --db "": must be a file path)");
  check_bad({"--nope", "1"}, {}, "unknown option --nope (see --help)");
  check_bad({"serve"}, {}, R"(unexpected argument "serve" (see --help))");
  check_bad({"--port"}, {}, "--port needs a value");
  // A bad variable is reported even when a flag would override another one.
  check_bad({"--port", "1"}, {{"TRACTION_MAX_DEPTH", "x"}},
            R"(invalid TRACTION_MAX_DEPTH "x": must be an integer from 1 to 32)");
}

TEST_CASE("--help lists every flag with its variable and default", "[config]") {
  CHECK(parse({"--help"})->show_help);
  CHECK(parse({"--port", "x", "-h"})->show_help);  // help wins over errors
  const auto text = help_text();
  for (const auto* expected :
       {"--port", "TRACTION_PORT", "default 8002", "--bind", "TRACTION_BIND", "default 127.0.0.1", "--db",
        "TRACTION_DB", "default ./traction.db", "--threads", "TRACTION_THREADS", "--log-level",
        "TRACTION_LOG_LEVEL", "default info", "--max-goals-per-tenant", "TRACTION_MAX_GOALS_PER_TENANT",
        "--max-depth", "TRACTION_MAX_DEPTH", "default 4", "--body-limit", "TRACTION_BODY_LIMIT",
        "--sse-heartbeat-seconds", "TRACTION_SSE_HEARTBEAT_SECONDS", "default 15", "--synchronous",
        "TRACTION_SYNCHRONOUS", "default full", "TRACTION_JWT_SECRET", "tractiond token"}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
}

TEST_CASE("token subcommand arguments", "[config][jwt]") {
  const std::vector<std::string> args{"--tenant", "acme", "--user", "u1", "--role", "manager", "--name",
                                      "Ann Smith", "--ttl-hours=48"};
  const auto command = parse_token_command(args);
  REQUIRE(command.has_value());
  CHECK(command->tenant == "acme");
  CHECK(command->user == "u1");
  CHECK(command->role == Role::manager);
  CHECK(command->name == "Ann Smith");
  CHECK(command->ttl == 48h);

  const auto check_error = [](std::vector<std::string> bad, std::string_view message) {
    const auto result = parse_token_command(bad);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message == message);
  };
  check_error({"--user", "u1", "--role", "admin"}, "--tenant is required");
  check_error({"--tenant", "t", "--role", "admin"}, "--user is required");
  check_error({"--tenant", "t", "--user", "u"}, "--role is required (admin, manager or employee)");
  check_error({"--tenant", "t", "--user", "u", "--role", "owner"},
              R"(invalid --role "owner": must be one of admin, manager, employee)");
  check_error({"--tenant", "t", "--user", "u", "--role", "admin", "--ttl-hours", "0"},
              R"(invalid --ttl-hours "0": must be an integer from 1 to 8760)");
  check_error({"--tenant", "t", "--user", "u", "--role", "admin", "--color", "red"},
              "unknown option --color (see token --help)");
}

TEST_CASE("job schedule, CORS origin and the jobs subcommand", "[config][jobs]") {
  const auto defaults = parse({});
  REQUIRE(defaults);
  CHECK(defaults->run_jobs);
  CHECK(defaults->snapshot_at == 0min);
  CHECK(defaults->recalculate_every == 15min);
  CHECK(defaults->cors_origin.empty());

  const auto set = parse({"--jobs", "off", "--snapshot-at", "02:30", "--recalculate-minutes=0",
                          "--cors-origin", "https://app.example.com"},
                         {{"TRACTION_SNAPSHOT_AT", "23:59"}});
  REQUIRE(set);
  CHECK_FALSE(set->run_jobs);
  CHECK(set->snapshot_at == 150min);  // the flag won over the variable
  CHECK(set->recalculate_every == 0min);
  CHECK(set->cors_origin == "https://app.example.com");
  CHECK(parse({}, {{"TRACTION_CORS_ORIGIN", "*"}})->cors_origin == "*");

  check_bad({"--jobs", "maybe"}, {}, R"(invalid --jobs "maybe": must be on or off)");
  check_bad({"--snapshot-at", "24:00"}, {},
            R"(invalid --snapshot-at "24:00": must be a UTC time HH:MM from 00:00 to 23:59)");
  check_bad({"--snapshot-at", "7:00"}, {},
            R"(invalid --snapshot-at "7:00": must be a UTC time HH:MM from 00:00 to 23:59)");
  check_bad({"--recalculate-minutes", "-1"}, {},
            R"(invalid --recalculate-minutes "-1": must be an integer from 0 to 10080)");
  check_bad({"--cors-origin", "app.example.com"}, {},
            R"(invalid --cors-origin "app.example.com": must be * or an origin like https://app.example.com)");
  check_bad({"--cors-origin", "https://app.example.com/path"}, {},
            R"(invalid --cors-origin "https://app.example.com/path": must be * or an origin like https://app.example.com)");

  const std::vector<std::string> run{"run", "snapshot", "--force", "--db", "/tmp/x.db"};
  const auto jobs = parse_jobs_command(run, {});
  REQUIRE(jobs);
  CHECK(jobs->job == "snapshot");
  CHECK(jobs->force);
  CHECK(jobs->config.db == "/tmp/x.db");
  const std::vector<std::string> recalc{"run", "recalculate"};
  CHECK(parse_jobs_command(recalc, {{"TRACTION_DB", "/tmp/y.db"}})->config.db == "/tmp/y.db");
  const std::vector<std::string> unknown{"run", "vacuum"};
  CHECK(parse_jobs_command(unknown, {}).error().message ==
        R"(unknown job "vacuum": must be snapshot or recalculate)");
  const std::vector<std::string> missing{"snapshot"};
  CHECK_FALSE(parse_jobs_command(missing, {}));
  CHECK(help_text().find("--snapshot-at") != std::string::npos);
  CHECK(help_text().find("tractiond jobs run") != std::string::npos);
}
