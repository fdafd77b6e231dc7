#pragma once
// Shared pieces of the SQLite integration tests: temporary database files, opening a
// store on them, valid domain values.

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "traction/ports/event_publisher.hpp"
#include "traction/sqlite/sqlite_store.hpp"

namespace traction::sqlite::test {

// A unique database path in the temporary directory; the file and its -wal / -shm
// companions are removed when the object goes away.
class TempDatabase {
 public:
  TempDatabase();
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  ~TempDatabase();

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] SqliteOptions options() const;

 private:
  std::string path_;
};

// A bare SQLite connection set up as the store's writer is: through the store's VFS (WAL
// gathering, temporary files in memory), synchronous=FULL, WAL, temp_store=FILE.
SQLite::Database open_like_the_store(const std::string& path);

// Opens a store; REQUIREs success.
std::unique_ptr<SqliteStore> open_store(const SqliteOptions& options,
                                        ports::EventPublisher* publisher = nullptr);

Timestamp test_time(int minutes_after = 0);
Goal test_goal(std::string_view tenant, std::string_view id);
Kpi test_kpi(std::string_view tenant, std::string_view id);
Action test_action(std::string_view tenant, std::string_view id);
Issue test_issue(std::string_view tenant, std::string_view id);

}  // namespace traction::sqlite::test
