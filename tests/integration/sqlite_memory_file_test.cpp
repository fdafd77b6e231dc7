// Temporary files in memory (memory_file.hpp): through the store's VFS, with temp_store=FILE
// as the store sets it, a savepoint journal past 64 KiB, a temporary database larger than
// its page cache and a sort's spill files live in buffers of the process. Checked with
// SQLite alone: nested savepoints rolled back to the exact rows they started from, the
// journal reused by the next savepoints of the same transaction, a temporary table read
// back after its pages left the cache, a sort spilled past the page cache; and through a
// store: a failing write use case that changed many pages rolls back alone in its batch.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <string>

#include "memory_file.hpp"
#include "sqlite_test_support.hpp"
#include "traction/error.hpp"

namespace traction::sqlite::test {
namespace {

struct Connection {
  explicit Connection(const std::string& path) : db(open_like_the_store(path)) {
    db.exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    db.exec("CREATE INDEX IF NOT EXISTS rows_by_body ON rows (body)");
  }
  SQLite::Database db;
};

// 2 KB of text, different for each row and each generation of it.
std::string body(int id, int generation) {
  std::string out;
  while (out.size() < 2000) {
    out += "row " + std::to_string(id) + " generation " + std::to_string(generation) + "; ";
  }
  return out;
}

void write_rows(SQLite::Database& db, int count, int generation) {
  SQLite::Statement upsert(db, "INSERT OR REPLACE INTO rows (id, body) VALUES (?, ?)");
  for (int id = 0; id < count; ++id) {
    upsert.bind(1, id);
    upsert.bind(2, body(id, generation));
    upsert.exec();
    upsert.reset();
  }
}

// Whether the table holds exactly `count` rows, each of `generation`.
bool rows_are(SQLite::Database& db, int count, int generation) {
  SQLite::Statement q(db, "SELECT id, body FROM rows ORDER BY id");
  int seen = 0;
  while (q.executeStep()) {
    if (q.getColumn(0).getInt() != seen) return false;
    if (q.getColumn(1).getString() != body(seen, generation)) return false;
    ++seen;
  }
  return seen == count;
}

std::string integrity(SQLite::Database& db) {
  return db.execAndGet("PRAGMA integrity_check").getString();
}

TEST_CASE("sqlite memory files: savepoint journals past 64 KiB roll back exactly") {
  TempDatabase file;
  Connection c(file.path());
  write_rows(c.db, 300, 0);  // ~600 KB of rows and as much index: far past 64 KiB of pages
  const auto opened_before = memory_files_opened();

  c.db.exec("BEGIN");
  c.db.exec("SAVEPOINT outer_change");
  write_rows(c.db, 300, 1);
  c.db.exec("SAVEPOINT inner_change");
  write_rows(c.db, 300, 2);
  c.db.exec("DELETE FROM rows WHERE id % 3 = 0");
  c.db.exec("ROLLBACK TO inner_change");
  c.db.exec("RELEASE inner_change");
  CHECK(rows_are(c.db, 300, 1));
  c.db.exec("ROLLBACK TO outer_change");
  c.db.exec("RELEASE outer_change");
  CHECK(rows_are(c.db, 300, 0));

  // The next savepoints of the same transaction reuse the journal from its start.
  for (int round = 0; round < 3; ++round) {
    c.db.exec("SAVEPOINT again");
    write_rows(c.db, 300, 10 + round);
    c.db.exec("ROLLBACK TO again");
    c.db.exec("RELEASE again");
    CHECK(rows_are(c.db, 300, 0));
  }
  c.db.exec("SAVEPOINT kept");
  write_rows(c.db, 300, 3);
  c.db.exec("RELEASE kept");
  c.db.exec("COMMIT");

  // The journal went to a memory file of the VFS (SQLite's own keeps the first 64 KiB).
  CHECK(memory_files_opened() > opened_before);
  CHECK(rows_are(c.db, 300, 3));
  CHECK(integrity(c.db) == "ok");
  SQLite::Database reader(file.path(), SQLite::OPEN_READONLY);
  CHECK(rows_are(reader, 300, 3));
}

TEST_CASE("sqlite memory files: a temporary table larger than its cache reads back whole") {
  TempDatabase file;
  Connection c(file.path());
  const auto opened_before = memory_files_opened();
  c.db.exec("PRAGMA temp.cache_size=8");  // 8 pages: the rest goes to the temporary file
  c.db.exec("CREATE TEMP TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  SQLite::Statement insert(c.db, "INSERT INTO scratch (id, body) VALUES (?, ?)");
  std::int64_t length = 0;
  for (int id = 0; id < 500; ++id) {
    insert.bind(1, id);
    insert.bind(2, body(id, 7));
    insert.exec();
    insert.reset();
    length += static_cast<std::int64_t>(body(id, 7).size());
  }
  CHECK(memory_files_opened() > opened_before);
  SQLite::Statement q(c.db, "SELECT count(*), sum(length(body)) FROM scratch");
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getInt() == 500);
  CHECK(q.getColumn(1).getInt64() == length);
  c.db.exec("DELETE FROM scratch WHERE id >= 100");
  CHECK(c.db.execAndGet("SELECT count(*) FROM scratch").getInt() == 100);
  CHECK(c.db.execAndGet("PRAGMA temp.integrity_check").getString() == "ok");
}

TEST_CASE("sqlite memory files: a sort larger than the page cache spills to memory and comes back in order") {
  TempDatabase file;
  Connection c(file.path());
  write_rows(c.db, 1500, 4);  // ~3 MB of text
  c.db.exec("PRAGMA cache_size=16");  // the sorter spills past max(cache, 250 pages)
  const auto opened_before = memory_files_opened();
  // Sorted by the text from its 5th character on: no index serves it, the sorter does.
  SQLite::Statement q(c.db, "SELECT id, substr(body, 5) AS tail FROM rows ORDER BY tail, id");
  std::string previous;
  int seen = 0;
  bool ordered = true;
  while (q.executeStep()) {
    auto tail = q.getColumn(1).getString();
    if (seen > 0 && tail < previous) ordered = false;
    previous = std::move(tail);
    ++seen;
  }
  CHECK(seen == 1500);
  CHECK(ordered);
  CHECK(memory_files_opened() > opened_before);
}

TEST_CASE("sqlite memory files: in a store's batch, a failing write that changed many pages rolls back alone") {
  // Under FULL through the gathering VFS, under NORMAL through the one without gathering.
  const auto synchronous = GENERATE(Synchronous::full, Synchronous::normal);
  TempDatabase file;
  auto options = file.options();
  options.synchronous = synchronous;
  auto store = open_store(options);
  const auto opened_before = memory_files_opened();
  int failures = 0;
  auto committed = store->write_batch(3, [&](std::size_t unit) {
    auto status = store->write([&](ports::Transaction& tx) -> Status {
      // 60 goals a unit: well past 64 KiB of pages in each unit's savepoint.
      for (int i = 0; i < 60; ++i) {
        auto goal = test_goal("t1", "u" + std::to_string(unit) + "-g" + std::to_string(i));
        if (auto inserted = tx.goals().insert(goal); !inserted) return fail(inserted.error());
      }
      if (unit == 1) return fail(ErrorCode::validation_error, "the second unit fails after its writes");
      return {};
    });
    if (!status) ++failures;
  });
  REQUIRE(committed);
  CHECK(failures == 1);
  CHECK(memory_files_opened() > opened_before);
  auto counted = store->read([&](ports::Transaction& tx) -> Status {
    for (int unit = 0; unit < 3; ++unit) {
      for (int i = 0; i < 60; ++i) {
        const auto id = "u" + std::to_string(unit) + "-g" + std::to_string(i);
        auto found_goal = tx.goals().find("t1", id);
        REQUIRE(found_goal);
        const bool found = found_goal->has_value();
        CHECK(found == (unit != 1));
      }
    }
    return {};
  });
  CHECK(counted);
}

}  // namespace
}  // namespace traction::sqlite::test
