#include "sqlite_test_support.hpp"

#include "coalescing_vfs.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <system_error>

namespace traction::sqlite::test {

TempDatabase::TempDatabase() {
  static std::atomic<int> counter{0};
  const auto name = "traction-sqlite-test-" + std::to_string(::getpid()) + "-" +
                    std::to_string(counter.fetch_add(1)) + ".db";
  path_ = (std::filesystem::temp_directory_path() / name).string();
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path_ + suffix, ignored);
  }
}

TempDatabase::~TempDatabase() {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path_ + suffix, ignored);
  }
}

SQLite::Database open_like_the_store(const std::string& path) {
  SQLite::Database db(path.c_str(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 0,
                      coalescing_vfs_name());
  db.exec("PRAGMA synchronous=FULL");
  REQUIRE(db.execAndGet("PRAGMA journal_mode=WAL").getString() == "wal");
  db.exec("PRAGMA temp_store=FILE");
  return db;
}

SqliteOptions TempDatabase::options() const {
  SqliteOptions o;
  o.path = path_;
  return o;
}

std::unique_ptr<SqliteStore> open_store(const SqliteOptions& options,
                                        ports::EventPublisher* publisher) {
  auto store = SqliteStore::open(options, publisher);
  INFO("open failed: " << (store ? std::string() : store.error().message));
  REQUIRE(store.has_value());
  return std::move(*store);
}

Timestamp test_time(int minutes_after) {
  return Timestamp{std::chrono::sys_days{std::chrono::year{2025} / 1 / 15}} +
         std::chrono::hours{10} + std::chrono::minutes{minutes_after};
}

Goal test_goal(std::string_view tenant, std::string_view id) {
  Goal g;
  g.id = std::string(id);
  g.tenant = std::string(tenant);
  g.title = "Goal " + std::string(id);
  g.intent = "Intent of " + std::string(id);
  g.owner_id = "owner-1";
  g.owner_name = "Olive Owner";
  g.level = GoalLevel::team;
  g.horizon = Horizon::quarter;
  g.start_date = std::chrono::sys_days{std::chrono::year{2025} / 1 / 1};
  g.end_date = std::chrono::sys_days{std::chrono::year{2025} / 3 / 31};
  g.status = GoalStatus::active;
  g.value_tags = {"growth", "focus"};
  g.metadata_json = R"({"source":"test"})";
  g.progress = 12.5;
  g.entered_progress = 12.5;
  g.created_at = test_time();
  g.updated_at = test_time();
  g.created_by = "user-1";
  g.updated_by = "user-1";
  Strategy s;
  s.id = std::string(id) + "-s1";
  s.goal_id = std::string(id);
  s.description = "Strategy of " + std::string(id);
  s.created_at = test_time();
  s.updated_at = test_time();
  g.strategies.push_back(s);
  return g;
}

Kpi test_kpi(std::string_view tenant, std::string_view id) {
  Kpi k;
  k.id = std::string(id);
  k.tenant = std::string(tenant);
  k.name = "KPI " + std::string(id);
  k.description = "Measures " + std::string(id);
  k.category = "sales";
  k.unit = "EUR";
  k.owner_id = "owner-1";
  k.created_at = test_time();
  k.updated_at = test_time();
  k.created_by = "user-1";
  return k;
}

Action test_action(std::string_view tenant, std::string_view id) {
  Action a;
  a.id = std::string(id);
  a.tenant = std::string(tenant);
  a.title = "Action " + std::string(id);
  a.description = "Do " + std::string(id);
  a.start_date = test_time();
  a.due_date = test_time(60 * 24);
  a.assigned_person_id = "person-1";
  a.assigned_person_name = "Pat Person";
  a.created_at = test_time();
  a.updated_at = test_time();
  a.created_by = "user-1";
  a.updated_by = "user-1";
  return a;
}

Issue test_issue(std::string_view tenant, std::string_view id) {
  Issue i;
  i.id = std::string(id);
  i.tenant = std::string(tenant);
  i.title = "Issue " + std::string(id);
  i.description = "Description of " + std::string(id);
  i.reporter_id = "reporter-1";
  i.reporter_name = "Rita Reporter";
  i.assigned_person_id = "person-1";
  i.assigned_person_name = "Pat Person";
  i.tags = {"ops"};
  i.created_at = test_time();
  i.updated_at = test_time();
  i.created_by = "user-1";
  i.updated_by = "user-1";
  return i;
}

}  // namespace traction::sqlite::test
