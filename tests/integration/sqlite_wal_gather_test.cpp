// The WAL-gathering VFS (coalescing_vfs.hpp): a write-ahead log's appended frames reach the
// file in one write per 124 KiB instead of two writes per frame. Checked with SQLite alone,
// through the paths where SQLite writes the log out of order or reads it back: transactions
// larger than one gathered write, checkpoints and log restarts, pages spilled before the
// commit (frames rewritten in place), a rolled-back spill, and a rolled-back spill followed
// by another writer's commit at the same offsets. Another connection on SQLite's default VFS
// reads every commit as soon as it returns. (That a commit is in the file when
// it returns, even if the process dies right after, is the crash test's job: the store's
// writer uses this VFS under synchronous=FULL.)
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>

#include "coalescing_vfs.hpp"
#include "sqlite_test_support.hpp"

namespace traction::sqlite::test {
namespace {

struct Writer {
  explicit Writer(const std::string& path) : db(open_like_the_store(path)) {
    db.exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }
  SQLite::Database db;
};

// 3 KB of text that differs from row to row.
std::string body(int id) {
  std::string out;
  while (out.size() < 3000) out += "row " + std::to_string(id) + " of the gathered log; ";
  return out;
}

void insert_rows(SQLite::Database& db, int from, int count) {
  SQLite::Statement insert(db, "INSERT INTO rows (id, body) VALUES (?, ?)");
  for (int id = from; id < from + count; ++id) {
    insert.bind(1, id);
    insert.bind(2, body(id));
    insert.exec();
    insert.reset();
  }
}

// The count of rows and the total length of their text, as another connection sees them.
std::pair<int, std::int64_t> seen_by_reader(const std::string& path) {
  SQLite::Database reader(path, SQLite::OPEN_READONLY);
  SQLite::Statement q(reader, "SELECT count(*), total(length(body)) FROM rows");
  REQUIRE(q.executeStep());
  return {q.getColumn(0).getInt(), static_cast<std::int64_t>(q.getColumn(1).getDouble())};
}

std::int64_t length_of_rows(int count) {
  std::int64_t total = 0;
  for (int id = 0; id < count; ++id) total += static_cast<std::int64_t>(body(id).size());
  return total;
}

TEST_CASE("sqlite WAL gathering: the VFS is registered") {
  REQUIRE(coalescing_vfs_name() != nullptr);
  CHECK(sqlite3_vfs_find(coalescing_vfs_name()) != nullptr);
  CHECK(sqlite3_vfs_find(nullptr) != sqlite3_vfs_find(coalescing_vfs_name()));  // not the default
}

// The frames in the log, as SQLite counts them.
int log_frames(SQLite::Database& db) {
  SQLite::Statement q(db, "PRAGMA wal_checkpoint(PASSIVE)");
  REQUIRE(q.executeStep());
  return q.getColumn(1).getInt();
}

TEST_CASE("sqlite WAL gathering: a commit's frames reach the log in a few writes") {
  TempDatabase file;
  Writer writer(file.path());
  writer.db.exec("PRAGMA wal_autocheckpoint=0");
  const int frames_before = log_frames(writer.db);
  const auto writes_before = coalescing_vfs_writes();
  writer.db.exec("BEGIN IMMEDIATE");
  insert_rows(writer.db, 0, 100);
  writer.db.exec("COMMIT");
  const int frames = log_frames(writer.db) - frames_before;
  const auto writes = coalescing_vfs_writes() - writes_before;
  INFO(frames << " frames in " << writes << " writes");
  REQUIRE(frames >= 70);  // 100 rows of 3 KB
  // Two writes a frame without the VFS; one per 30 frames (124 KiB) with it.
  CHECK(writes >= 1);
  CHECK(writes <= static_cast<std::uint64_t>(frames / 30 + 2));
  CHECK(seen_by_reader(file.path()).first == 100);
}

TEST_CASE("sqlite WAL gathering: the store gathers under synchronous FULL only") {
  // Without a sync per commit (NORMAL), gathered frames could still be in memory when the
  // commit is published: the store must use SQLite's default VFS there.
  const auto writes_of_a_commit = [](Synchronous synchronous) {
    TempDatabase file;
    auto options = file.options();
    options.synchronous = synchronous;
    auto store = open_store(options);
    const auto before = coalescing_vfs_writes();
    REQUIRE(store->write([](ports::Transaction& tx) { return tx.goals().insert(test_goal("t", "g-1")); }));
    return coalescing_vfs_writes() - before;
  };
  CHECK(writes_of_a_commit(Synchronous::full) >= 1);
  CHECK(writes_of_a_commit(Synchronous::normal) == 0);
}

TEST_CASE("sqlite WAL gathering: large commits, checkpoints and log restarts read back") {
  TempDatabase file;
  Writer writer(file.path());
  int rows = 0;
  for (int round = 0; round < 12; ++round) {
    INFO("round " << round);
    writer.db.exec("BEGIN IMMEDIATE");
    insert_rows(writer.db, rows, 60);  // ~180 KB: more than one gathered write
    writer.db.exec("COMMIT");
    rows += 60;
    CHECK(seen_by_reader(file.path()) == std::pair{rows, length_of_rows(rows)});
    if (round % 4 == 3) {
      // Copies the log into the file and empties it: the next commit writes the log from
      // its start again, below what was gathered before.
      writer.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } else if (round % 4 == 1) {
      writer.db.exec("PRAGMA wal_checkpoint(RESTART)");
    }
  }
  CHECK(writer.db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(seen_by_reader(file.path()) == std::pair{rows, length_of_rows(rows)});
}

TEST_CASE("sqlite WAL gathering: pages spilled before the commit, rewritten, rolled back") {
  TempDatabase file;
  Writer writer(file.path());
  // A page cache of 8 pages: a transaction of ~45 pages writes frames to the log before it
  // commits, and pages it changes again are written over their own frames.
  writer.db.exec("PRAGMA cache_size=8");
  insert_rows(writer.db, 0, 10);

  writer.db.exec("BEGIN IMMEDIATE");
  insert_rows(writer.db, 10, 60);
  // Rows written a few pages ago: out of the cache, their frames just written.
  for (int id = 50; id < 70; ++id) {
    SQLite::Statement q(writer.db, "SELECT body FROM rows WHERE id = ?");
    q.bind(1, id);
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == body(id));
  }
  writer.db.exec("UPDATE rows SET body = body || '!' WHERE id % 2 = 0");
  writer.db.exec("COMMIT");
  const auto expected = length_of_rows(70) + 35;
  CHECK(seen_by_reader(file.path()) == std::pair{70, expected});

  writer.db.exec("BEGIN IMMEDIATE");
  insert_rows(writer.db, 70, 60);
  writer.db.exec("UPDATE rows SET body = '' WHERE id < 70");
  writer.db.exec("ROLLBACK");
  CHECK(seen_by_reader(file.path()) == std::pair{70, expected});

  writer.db.exec("BEGIN IMMEDIATE");
  insert_rows(writer.db, 70, 5);
  writer.db.exec("COMMIT");
  CHECK(seen_by_reader(file.path()).first == 75);
  CHECK(writer.db.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("sqlite WAL gathering: a rolled-back spill never overwrites another writer's commit") {
  TempDatabase file;
  Writer first(file.path());
  Writer second(file.path());
  first.db.exec("PRAGMA cache_size=8");
  // An empty log: rolling back reads the pages it reloads from the database file, not
  // from the log (which would write out what was gathered first).
  first.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  // The first connection's transaction writes frames before it ends (a spill), then rolls
  // back: the log's write lock goes to the second, whose commit lands at the same offsets.
  first.db.exec("BEGIN IMMEDIATE");
  insert_rows(first.db, 0, 60);
  first.db.exec("ROLLBACK");
  second.db.exec("BEGIN IMMEDIATE");
  insert_rows(second.db, 100, 60);
  second.db.exec("COMMIT");
  // The first writes again (after the second's frames): nothing of its rolled-back
  // transaction may reach the file now.
  first.db.exec("BEGIN IMMEDIATE");
  insert_rows(first.db, 200, 1);
  first.db.exec("COMMIT");

  CHECK(seen_by_reader(file.path()).first == 61);
  SQLite::Database check(file.path(), SQLite::OPEN_READONLY);
  CHECK(check.execAndGet("PRAGMA integrity_check").getString() == "ok");
  SQLite::Statement q(check, "SELECT body FROM rows WHERE id = ?");
  for (int id : {100, 120, 140, 159, 200}) {
    q.bind(1, id);
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == body(id));
    q.reset();
  }
}

}  // namespace
}  // namespace traction::sqlite::test
