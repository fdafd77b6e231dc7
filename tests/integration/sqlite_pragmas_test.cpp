// Connection set-up: every connection (the writer and each reader) runs in WAL mode with
// foreign keys on, the configured busy timeout and the configured synchronous level.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "sqlite_test_support.hpp"
#include "sqlite_transaction.hpp"

namespace traction::sqlite::test {
namespace {

struct Pragmas {
  std::string journal_mode;
  int foreign_keys = -1;
  int synchronous = -1;
  int busy_timeout = -1;
  int query_only = -1;
};

Pragmas pragmas_of(ports::Transaction& tx) {
  auto& db = dynamic_cast<SqliteTransaction&>(tx).connection().db();
  Pragmas p;
  p.journal_mode = db.execAndGet("PRAGMA journal_mode").getString();
  p.foreign_keys = db.execAndGet("PRAGMA foreign_keys").getInt();
  p.synchronous = db.execAndGet("PRAGMA synchronous").getInt();
  p.busy_timeout = db.execAndGet("PRAGMA busy_timeout").getInt();
  p.query_only = db.execAndGet("PRAGMA query_only").getInt();
  return p;
}

TEST_CASE("sqlite pragmas: set on the writer and on every reader as configured") {
  const auto [setting, level] = GENERATE(table<Synchronous, int>({
      {Synchronous::off, 0},
      {Synchronous::normal, 1},
      {Synchronous::full, 2},
      {Synchronous::extra, 3},
  }));
  TempDatabase db;
  auto options = db.options();
  options.synchronous = setting;
  options.busy_timeout = std::chrono::milliseconds{1234};
  options.read_connections = 3;
  auto store = open_store(options);

  Pragmas writer;
  REQUIRE(store->write([&](ports::Transaction& tx) -> Status {
    writer = pragmas_of(tx);
    return {};
  }));
  CHECK(writer.journal_mode == "wal");
  CHECK(writer.foreign_keys == 1);
  CHECK(writer.synchronous == level);
  CHECK(writer.busy_timeout == 1234);
  CHECK(writer.query_only == 0);

  // Three reads at once hold all three readers.
  std::vector<Pragmas> readers(3);
  std::vector<Status> statuses(3);
  std::latch all_in(3);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < readers.size(); ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = store->read([&](ports::Transaction& tx) -> Status {
        readers[i] = pragmas_of(tx);
        all_in.arrive_and_wait();
        return {};
      });
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& s : statuses) CHECK(s.has_value());
  for (const auto& r : readers) {
    CHECK(r.journal_mode == "wal");
    CHECK(r.foreign_keys == 1);
    CHECK(r.synchronous == level);
    CHECK(r.busy_timeout == 1234);
    CHECK(r.query_only == 1);
  }
}

TEST_CASE("sqlite pragmas: the default is synchronous=FULL with a 5 s busy timeout") {
  TempDatabase db;
  auto store = open_store(db.options());
  CHECK(store->options().synchronous == Synchronous::full);
  Pragmas writer;
  REQUIRE(store->write([&](ports::Transaction& tx) -> Status {
    writer = pragmas_of(tx);
    return {};
  }));
  CHECK(writer.synchronous == 2);
  CHECK(writer.busy_timeout == 5000);
  // The file itself is in WAL mode, for every later connection too.
  SQLite::Database raw(db.path(), SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

}  // namespace
}  // namespace traction::sqlite::test
