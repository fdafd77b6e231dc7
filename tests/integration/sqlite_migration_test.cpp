// Schema migrations: applied in order at open and tracked with PRAGMA user_version; an
// older database is upgraded, a newer one refused with a clear message.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <string>

#include "migrations.hpp"
#include "sqlite_test_support.hpp"
#include "traction/ports/store.hpp"

namespace traction::sqlite::test {
namespace {

int user_version(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA user_version").getInt();
}

bool table_exists(const std::string& path, const std::string& name) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.tableExists(name);
}

// A goal row in the columns migration 1 created, written without the adapter.
void insert_v1_goal(SQLite::Database& db, const std::string& tenant, const std::string& id,
                    const std::string& title) {
  SQLite::Statement st(
      db,
      "INSERT INTO goals (tenant, id, title, intent, owner_id, owner_name, level, parent_id, "
      "horizon, start_date, end_date, status, metadata_json, progress, progress_basis, "
      "calculation_source, manual_progress, manual_reason, entered_progress, children_count, "
      "children_progress_sum, last_calculated_at, completed_at, created_at, updated_at, "
      "created_by, updated_by, version, deleted_at) VALUES (?, ?, ?, 'Written by v1', "
      "'owner-1', 'Olive', 'team', NULL, 'quarter', NULL, NULL, 'active', '{}', 40, "
      "'entered', 'auto', NULL, '', 40, 0, 0, NULL, NULL, 1736935200000, 1736935200000, "
      "'user-1', 'user-1', 3, NULL)");
  st.bind(1, tenant);
  st.bind(2, id);
  st.bind(3, title);
  st.exec();
  SQLite::Statement tag(db,
                        "INSERT INTO goal_value_tags (tenant, goal_id, position, tag) "
                        "VALUES (?, ?, 0, 'legacy')");
  tag.bind(1, tenant);
  tag.bind(2, id);
  tag.exec();
}

TEST_CASE("sqlite migrations: a new database gets every migration") {
  TempDatabase db;
  { auto store = open_store(db.options()); }
  CHECK(user_version(db.path()) == schema_version());
  CHECK(schema_version() == latest_schema_version);
  for (const char* table :
       {"goals", "strategies", "goal_kpi_links", "goal_value_tags", "kpis", "kpi_readings",
        "activities", "feed", "audit", "snapshots", "events", "metrics", "job_locks", "actions",
        "action_links", "issues", "issue_links", "issue_tags", "issue_types", "issue_statuses",
        "goals_fts", "kpis_fts", "issues_fts"}) {
    INFO(table);
    CHECK(table_exists(db.path(), table));
  }
}

TEST_CASE("sqlite migrations: a database written by migration 1 is upgraded at open") {
  TempDatabase db;
  {
    SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(migrate(raw, 1));
    insert_v1_goal(raw, "tenant-a", "old-goal", "Quarterly Revenue Target");
  }
  REQUIRE(user_version(db.path()) == 1);
  REQUIRE_FALSE(table_exists(db.path(), "actions"));

  auto store = open_store(db.options());
  CHECK(user_version(db.path()) == schema_version());

  // The old row reads back through the adapter, with its child rows.
  auto goal = read_tx(*store, [](ports::Transaction& tx) {
    return tx.goals().find("tenant-a", "old-goal");
  });
  REQUIRE(goal);
  REQUIRE(goal->has_value());
  CHECK((*goal)->title == "Quarterly Revenue Target");
  CHECK((*goal)->version == 3);
  CHECK((*goal)->level == GoalLevel::team);
  CHECK((*goal)->value_tags == std::vector<std::string>{"legacy"});

  // Search (migration 3) indexed the rows that were already there.
  GoalQuery query;
  query.search = "revenue";
  auto found = read_tx(*store, [&](ports::Transaction& tx) { return tx.goals().list("tenant-a", query); });
  REQUIRE(found);
  CHECK(found->total == 1);

  // The tables of migration 2 are there and work.
  REQUIRE(store->write([](ports::Transaction& tx) -> Status {
    if (auto ok = tx.actions().insert(test_action("tenant-a", "a-1")); !ok) return ok;
    return tx.issues().insert(test_issue("tenant-a", "i-1"));
  }));
  auto action = read_tx(*store, [](ports::Transaction& tx) { return tx.actions().find("tenant-a", "a-1"); });
  REQUIRE(action);
  CHECK(action->has_value());
}

TEST_CASE("sqlite migrations: each migration runs once; reopening changes nothing") {
  TempDatabase db;
  {
    auto store = open_store(db.options());
    REQUIRE(store->write([](ports::Transaction& tx) { return tx.goals().insert(test_goal("t", "g-1")); }));
  }
  {
    auto store = open_store(db.options());
    auto count = read_tx(*store, [](ports::Transaction& tx) { return tx.goals().count("t"); });
    REQUIRE(count);
    CHECK(*count == 1);
  }
  SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE);
  CHECK(migrate(raw));  // already at the latest version: nothing to do
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == latest_schema_version);
}

TEST_CASE("sqlite migrations: a newer database is refused with a clear message") {
  TempDatabase db;
  const int newer = latest_schema_version + 2;
  {
    SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  const auto store = SqliteStore::open(db.options());
  REQUIRE_FALSE(store.has_value());
  const auto expected = "database schema version " + std::to_string(newer) +
                        " is newer than this build supports (" +
                        std::to_string(latest_schema_version) + "); upgrade Traction";
  CHECK_THAT(store.error().message, Catch::Contains(expected));
  CHECK_THAT(store.error().message, Catch::Contains(db.path()));
  CHECK(user_version(db.path()) == newer);  // left as it was
}

TEST_CASE("sqlite migrations: migrate refuses a version this build does not have") {
  TempDatabase db;
  SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  CHECK_FALSE(migrate(raw, latest_schema_version + 1));
  CHECK_FALSE(migrate(raw, -1));
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 0);
}

TEST_CASE("sqlite open: errors come back as values") {
  SECTION("a directory that does not exist") {
    SqliteOptions options;
    options.path = "/nonexistent-traction-dir/sub/traction.db";
    const auto store = SqliteStore::open(options);
    REQUIRE_FALSE(store.has_value());
    CHECK_THAT(store.error().message, Catch::Contains("cannot open database"));
  }
  SECTION("a file that is not a database") {
    TempDatabase db;
    {
      SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    }
    {
      std::FILE* f = std::fopen(db.path().c_str(), "wb");
      REQUIRE(f != nullptr);
      const std::string junk(8192, 'x');
      std::fwrite(junk.data(), 1, junk.size(), f);
      std::fclose(f);
    }
    const auto store = SqliteStore::open(db.options());
    REQUIRE_FALSE(store.has_value());
    CHECK_THAT(store.error().message, Catch::Contains("cannot open database"));
  }
  SECTION("no path, or an in-memory database") {
    SqliteOptions options;
    CHECK_FALSE(SqliteStore::open(options).has_value());
    options.path = ":memory:";
    CHECK_FALSE(SqliteStore::open(options).has_value());
  }
}

}  // namespace
}  // namespace traction::sqlite::test
