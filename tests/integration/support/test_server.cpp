#include "support/test_server.hpp"

#include <random>
#include <stdexcept>
#include <system_error>

namespace traction::test {
namespace {

std::filesystem::path fresh_directory() {
  std::random_device random;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto dir = base / ("traction-http-" + std::to_string(random()));
    if (std::filesystem::create_directory(dir)) return dir;
  }
  throw std::runtime_error("cannot create a temp directory");
}

}  // namespace

TestServer::TestServer(TestServerOptions options) : dir_(fresh_directory()) {
  app::Config config;
  config.bind = "127.0.0.1";
  config.port = 0;
  config.db = options.db.empty() ? (dir_ / "traction.db").string() : options.db.string();
  config.jwt_secret = std::string{secret};
  config.threads = 2;
  config.worker_threads = 2;
  config.log_level = http::LogLevel::warn;
  config.synchronous = app::SyncMode::normal;
  config.run_jobs = false;  // a test runs a job itself, never by the wall clock
  if (options.configure) options.configure(config);

  auto made = app::make_app(config);
  if (!made) throw std::runtime_error("make_app failed: " + made.error().message);
  app_ = std::move(*made);
  if (options.prepare) options.prepare(*app_);
  auto port = app_->start();
  if (!port) throw std::runtime_error("start failed: " + port.error().message);
  port_ = *port;
}

TestServer::~TestServer() {
  stop();
  app_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string TestServer::token(std::string_view tenant, std::string_view user, Role role) const {
  return app_->mint_token(std::string{tenant}, std::string{user}, role, "Test User");
}

void TestServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  app_->stop();
  app_->wait();
}

}  // namespace traction::test
