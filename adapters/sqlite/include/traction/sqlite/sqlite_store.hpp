#pragma once
// The embedded default store: every repository port of core on one SQLite file.
//
// One writer connection with group commit: concurrent write() calls are gathered into one
// SQLite transaction (each in its own savepoint, so a failing one rolls back alone), and
// every caller returns once that transaction is durable. Several read connections serve
// read() in parallel with the writer (WAL). Events appended in a write are published to
// the EventPublisher after the commit, in order, never for a write that rolled back.
// write_batch() runs a caller's units inside one such transaction on the caller's thread
// (the HTTP server's write lane), with no hand-off per write.
//
// This header names only core: SQLiteCpp stays inside the library.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "traction/error.hpp"
#include "traction/ports/event_publisher.hpp"
#include "traction/ports/job_lock.hpp"
#include "traction/ports/store.hpp"

namespace traction::sqlite {

// PRAGMA synchronous. `full` (the default) makes a committed write survive a crash and a
// power cut; `normal` in WAL mode survives a crash of the process but may lose the last
// commits on a power cut.
enum class Synchronous { off, normal, full, extra };

struct SqliteOptions {
  std::string path;  // file path
  Synchronous synchronous = Synchronous::full;
  std::chrono::milliseconds busy_timeout{5000};
  int read_connections = 4;
  std::size_t max_batch = 256;  // group commit: most write use cases in one transaction
};

// The schema version this build creates and upgrades to (PRAGMA user_version).
[[nodiscard]] int schema_version() noexcept;

// What the writer has done since the store opened (for metrics and tests).
struct WriteStats {
  std::uint64_t batches = 0;       // SQLite write transactions run (group commits)
  std::uint64_t writes = 0;        // write() calls run
  std::uint64_t failed_writes = 0; // of which rolled back
  std::size_t queued = 0;          // write() calls waiting for a batch right now
};

// For a process whose SQLite is used through this library (tractiond), before any store
// opens: turns SQLite's memory statistics off — they take one process-wide mutex on every
// allocation and free SQLite makes (~5% of a durable write's CPU). Nothing else changes.
// Once SQLite is initialised it has no effect (and does no harm); an embedder whose own code
// reads sqlite3_memory_used() should not call it.
void tune_sqlite_process() noexcept;

class SqliteStore final : public ports::Store {
 public:
  // Opens (creating when missing) and upgrades the database at options.path. Fails with an
  // Error, never an exception: unwritable path, a schema newer than this build, ...
  [[nodiscard]] static Result<std::unique_ptr<SqliteStore>> open(
      const SqliteOptions& options, ports::EventPublisher* publisher = nullptr);

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;
  // Every write() and read() must have returned.
  ~SqliteStore() override;

  Status write(const ports::Work& work) override;
  Status read(const ports::Work& work) override;
  // One open transaction on the writer connection for all the units (see ports::Store):
  // it waits for the batch under way, then the queued write() calls of other threads wait
  // for it.
  Status write_batch(std::size_t count, const std::function<void(std::size_t)>& unit) override;
  ports::JobLock& job_lock() override;
  // PRAGMA data_version on a connection of its own: follows commits of other processes too.
  [[nodiscard]] std::uint64_t data_stamp() noexcept override;

  [[nodiscard]] const SqliteOptions& options() const noexcept;
  [[nodiscard]] WriteStats write_stats() const;

  struct Impl;

 private:
  explicit SqliteStore(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace traction::sqlite
