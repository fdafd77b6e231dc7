#pragma once
// One SQLite connection with the PRAGMAs every connection of the store sets, and a cache
// of its prepared statements. A connection is used by one thread at a time.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "traction/sqlite/sqlite_store.hpp"

namespace traction::sqlite {

struct ConnectionSettings {
  Synchronous synchronous = Synchronous::full;
  std::chrono::milliseconds busy_timeout{5000};
  bool read_only = false;  // PRAGMA query_only: a backstop for the read pool
};

// The PRAGMA synchronous keyword of a setting.
[[nodiscard]] std::string_view synchronous_keyword(Synchronous s) noexcept;

class Connection;

// A prepared statement lent by a Connection; reset (and its bindings cleared) when the
// lease ends, so a statement never holds a read snapshot or a stale value afterwards.
class StatementLease {
 public:
  StatementLease(SQLite::Statement& statement, bool* in_use) noexcept
      : statement_(&statement), in_use_(in_use) {}
  explicit StatementLease(std::unique_ptr<SQLite::Statement> owned) noexcept
      : owned_(std::move(owned)), statement_(owned_.get()) {}
  StatementLease(StatementLease&& other) noexcept;
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  StatementLease& operator=(StatementLease&&) = delete;
  ~StatementLease();

  SQLite::Statement& operator*() const noexcept { return *statement_; }
  SQLite::Statement* operator->() const noexcept { return statement_; }

 private:
  std::unique_ptr<SQLite::Statement> owned_;
  SQLite::Statement* statement_ = nullptr;
  bool* in_use_ = nullptr;
};

class Connection {
 public:
  // Opens `path` (creating it when `create`) and applies the settings: journal_mode=WAL,
  // foreign_keys=ON, busy_timeout, synchronous. Throws SQLite::Exception or
  // std::runtime_error when the database cannot be used (e.g. WAL is not available).
  Connection(const std::string& path, bool create, const ConnectionSettings& settings);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] SQLite::Database& db() noexcept { return db_; }

  // The prepared statement for `sql`, from the cache when it was prepared before. A
  // statement already lent out (a nested use of the same SQL) is prepared afresh.
  [[nodiscard]] StatementLease statement(std::string_view sql);

  // Runs SQL that binds no value (BEGIN, COMMIT, SAVEPOINT, ...).
  void exec(const char* sql);

  // True while a transaction is open on this connection.
  [[nodiscard]] bool in_transaction() const noexcept;

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  struct Entry {
    std::unique_ptr<SQLite::Statement> statement;
    bool in_use = false;
  };
  static constexpr std::size_t cache_capacity = 512;

  SQLite::Database db_;  // declared first: destroyed after every cached statement
  std::unordered_map<std::string, Entry, StringHash, std::equal_to<>> cache_;
};

}  // namespace traction::sqlite
