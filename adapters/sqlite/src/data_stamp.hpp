#pragma once
// SqliteStore::data_stamp(): moves with every commit to the database file, whoever makes it
// — the store's writer or another process sharing the file (e.g. `tractiond jobs run`).
//
// Watch (Linux, the default): every commit writes the database's -wal (or, outside WAL
// mode, the database or its -journal) with write(); an inotify watch on the directory
// holding them queues an event inside that write() call — before the commit completes — so
// a look made after a commit returned always finds it. A look is one read() of the watch:
// no SQLite call, no lock on the database. Events for other files of the directory are
// ignored; a lost event queue (overflow) or a removed watch counts as a change.
//
// Poll (elsewhere, or when the watch cannot be set up): PRAGMA data_version on a connection
// of its own, which SQLite changes whenever another connection has committed since the last
// look. Exact too, but each look is a read transaction (~6 µs).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "connection.hpp"

namespace traction::sqlite {

class DataStamp {
 public:
  enum class Mode { watch, poll };

  // Opens a connection to the database, for polling.
  using ConnectionFactory = std::function<std::unique_ptr<Connection>()>;

  // `database`: the database file's path. Mode::watch falls back to polling when the watch
  // cannot be set up; the polling connection is opened only when first needed.
  DataStamp(const std::string& database, ConnectionFactory open_connection,
            Mode mode = Mode::watch) noexcept;
  ~DataStamp();
  DataStamp(const DataStamp&) = delete;
  DataStamp& operator=(const DataStamp&) = delete;

  // Never the same value twice across a commit. When a change cannot be ruled out (SQLite
  // cannot answer, the watch lost events), a value no earlier call returned.
  [[nodiscard]] std::uint64_t current() noexcept;

  // How changes are seen: watch unless the watch could not be set up.
  [[nodiscard]] Mode mode() const noexcept;

 private:
  // Watch mode: drains the queued events; true when one concerns the database.
  bool drain_watch() noexcept;
  // Poll mode: true when data_version moved (or could not be read).
  bool poll_version() noexcept;

  ConnectionFactory open_connection_;
  std::unique_ptr<Connection> connection_;  // poll mode, opened at the first poll; mutex_
  std::string file_name_;                   // the database's name in its directory
  int watch_fd_ = -1;
  mutable std::mutex mutex_;  // a look and its count are one step: no caller returns a stale stamp
  std::uint64_t last_version_ = 0;
  std::uint64_t stamp_ = 0;
};

}  // namespace traction::sqlite
