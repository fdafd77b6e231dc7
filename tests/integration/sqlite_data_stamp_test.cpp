// The SQLite store's data stamp in both of its modes: it moves with every commit to the
// file — made through the store or by another connection, as another process would — and
// with nothing else: not with reads, not with other files of the same directory.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "connection.hpp"
#include "data_stamp.hpp"
#include "sqlite_test_support.hpp"

namespace traction::sqlite::test {
namespace {

DataStamp::ConnectionFactory poll_connection(const std::string& path) {
  return [path] {
    ConnectionSettings settings;
    settings.read_only = true;
    return std::make_unique<Connection>(path, false, settings);
  };
}

}  // namespace

TEST_CASE("sqlite data stamp: moves with every commit, by the store or another connection") {
  const auto mode = GENERATE(DataStamp::Mode::map, DataStamp::Mode::watch, DataStamp::Mode::poll);
  CAPTURE(mode == DataStamp::Mode::map ? "map" : mode == DataStamp::Mode::watch ? "watch" : "poll");
  TempDatabase db;
  auto store = open_store(db.options());
  DataStamp stamp(db.path(), poll_connection(db.path()), mode);
#if defined(__linux__)
  CHECK(stamp.mode() == mode);
#endif

  const auto first = stamp.current();
  CHECK(stamp.current() == first);
  SQLite::Database other(db.path(), SQLite::OPEN_READWRITE);
  other.setBusyTimeout(5000);
  CHECK(other.execAndGet("SELECT count(*) FROM goals").getInt() == 0);
  CHECK(stamp.current() == first);  // a read by anyone changes nothing

  REQUIRE(store->write([](ports::Transaction& tx) { return tx.goals().insert(test_goal("t1", "g-1")); }));
  const auto second = stamp.current();
  CHECK(second > first);
  CHECK(stamp.current() == second);

  // Another connection's commit, looked at right after it returned: no waiting.
  other.exec("UPDATE goals SET title = 'Changed elsewhere'");
  const auto third = stamp.current();
  CHECK(third > second);
  CHECK(stamp.current() == third);

  for (int i = 0; i < 20; ++i) {
    other.exec("UPDATE goals SET title = 'Change " + std::to_string(i) + "'");
    const auto next = stamp.current();
    CHECK(next > third + static_cast<std::uint64_t>(i));
  }

  // A checkpoint moves no data: it may count as a change (a cache miss), never hide one.
  other.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const auto checkpointed = stamp.current();
  other.exec("UPDATE goals SET title = 'After the checkpoint'");
  CHECK(stamp.current() > checkpointed);

  // Another file of the same directory is not the database.
  const auto before = stamp.current();
  const auto neighbour = db.path() + ".notes";
  std::ofstream(neighbour) << "not the database";
  CHECK(stamp.current() == before);
  std::filesystem::remove(neighbour);
}

#if defined(__linux__)
TEST_CASE("sqlite data stamp: a database reached through a symbolic link is watched where it lives") {
  TempDatabase db;
  auto store = open_store(db.options());
  const auto link = db.path() + ".link";
  std::filesystem::create_symlink(db.path(), link);
  const auto mode = GENERATE(DataStamp::Mode::map, DataStamp::Mode::watch);
  CAPTURE(mode == DataStamp::Mode::map ? "map" : "watch");
  DataStamp stamp(link, poll_connection(db.path()), mode);
  CHECK(stamp.mode() == mode);
  const auto first = stamp.current();
  REQUIRE(store->write([](ports::Transaction& tx) { return tx.goals().insert(test_goal("t1", "g-1")); }));
  CHECK(stamp.current() > first);
  std::filesystem::remove(link);
}

TEST_CASE("sqlite data stamp: when its watch dies it asks SQLite, and a look it cannot answer is a change") {
  namespace fs = std::filesystem;
  TempDatabase db;
  const fs::path dir = db.path() + ".dir";
  fs::create_directories(dir);
  auto options = db.options();
  options.path = (dir / "traction.db").string();
  open_store(options).reset();  // a database, then no connection to it
  DataStamp stamp(options.path, poll_connection(options.path), DataStamp::Mode::watch);
  REQUIRE(stamp.mode() == DataStamp::Mode::watch);
  const auto first = stamp.current();
  CHECK(stamp.current() == first);

  fs::remove_all(dir);  // the watched directory goes, and the database with it
  const auto gone = stamp.current();
  CHECK(gone > first);
  CHECK(stamp.mode() == DataStamp::Mode::poll);
  CHECK(stamp.current() > gone);  // SQLite cannot answer either: never "unchanged"
}

TEST_CASE("sqlite data stamp: without a wal-index to map it watches the directory") {
  TempDatabase db;
  {
    auto store = open_store(db.options());
    REQUIRE(store->write([](ports::Transaction& tx) { return tx.goals().insert(test_goal("t1", "g-1")); }));
  }  // the last connection closed: SQLite checkpoints and removes the -wal and -shm files
  std::filesystem::remove(db.path() + "-shm");
  DataStamp stamp(db.path(), poll_connection(db.path()));
  CHECK(stamp.mode() == DataStamp::Mode::watch);
  const auto first = stamp.current();
  SQLite::Database other(db.path(), SQLite::OPEN_READWRITE);
  other.exec("UPDATE goals SET title = 'Changed'");
  CHECK(stamp.current() > first);
}
#endif

}  // namespace traction::sqlite::test
