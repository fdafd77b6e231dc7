#pragma once
// SqliteStore::data_stamp(): moves with every commit to the database file, whoever makes it
// — the store's writer or another process sharing the file (e.g. `tractiond jobs run`).
//
// Map (POSIX, the default): in WAL mode every connection to the file shares its wal-index,
// the `-shm` file, whose header (https://sqlite.org/walformat.html, "The WAL-Index
// Header": the frame count, salts and checksums of the last commit, stored twice) a
// committing connection rewrites before its commit returns. The stamp maps the first page
// of that file read-only and compares the header's first copy with the one it saw last: a
// look is a memory read, no system call. A look racing a commit may see a half-written
// header: that counts as a change (the commit is under way), never as no change after the
// commit returned. The mapping stays valid while the store is open: SQLite truncates the
// file only when it opens it with no other connection using it, and the store's own
// connections use it until the store closes.
//
// Watch (Linux, where the -shm cannot be mapped): every commit writes the database's -wal
// (or, outside WAL mode, the database or its -journal) with write(); an inotify watch on the
// directory holding them queues an event inside that write() call — before the commit
// completes — so a look made after a commit returned always finds it. A look is one read() of the watch:
// no SQLite call, no lock on the database. Events for other files of the directory are
// ignored; a lost event queue (overflow) or a removed watch counts as a change.
//
// Poll (elsewhere, or when neither can be set up): PRAGMA data_version on a connection
// of its own, which SQLite changes whenever another connection has committed since the last
// look. Exact too, but each look is a read transaction (~6 µs).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "connection.hpp"

namespace traction::sqlite {

class DataStamp {
 public:
  enum class Mode { map, watch, poll };

  // Opens a connection to the database, for polling.
  using ConnectionFactory = std::function<std::unique_ptr<Connection>()>;

  // `database`: the database file's path, open in WAL mode by the store. Mode::map falls
  // back to watching when the -shm cannot be mapped, Mode::watch to polling when the watch
  // cannot be set up; the polling connection is opened only when first needed.
  DataStamp(const std::string& database, ConnectionFactory open_connection,
            Mode mode = Mode::map) noexcept;
  ~DataStamp();
  DataStamp(const DataStamp&) = delete;
  DataStamp& operator=(const DataStamp&) = delete;

  // Never the same value twice across a commit. When a change cannot be ruled out (SQLite
  // cannot answer, the watch lost events), a value no earlier call returned.
  [[nodiscard]] std::uint64_t current() noexcept;

  // How changes are seen: the mode asked for unless it could not be set up.
  [[nodiscard]] Mode mode() const noexcept;

 private:
  static constexpr std::size_t header_words = 6;  // the wal-index header's first copy: 48 bytes

  // Map mode: true when the header moved since the last look.
  bool header_moved() noexcept;
  // Watch mode: drains the queued events; true when one concerns the database.
  bool drain_watch() noexcept;
  // Poll mode: true when data_version moved (or could not be read).
  bool poll_version() noexcept;

  ConnectionFactory open_connection_;
  std::unique_ptr<Connection> connection_;  // poll mode, opened at the first poll; mutex_
  std::string file_name_;                   // the database's name in its directory
  const void* shm_ = nullptr;  // map mode: the -shm file's first page
  std::uint64_t header_[header_words] = {};
  int watch_fd_ = -1;
  mutable std::mutex mutex_;  // a look and its count are one step: no caller returns a stale stamp
  std::uint64_t last_version_ = 0;
  std::uint64_t stamp_ = 0;
};

}  // namespace traction::sqlite
