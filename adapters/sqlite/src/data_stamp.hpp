#pragma once
// SqliteStore::data_stamp(): PRAGMA data_version on a connection of its own. SQLite changes
// that value whenever another connection — the store's writer, or any process sharing the
// file — has committed since the last look, so the stamp follows every commit to the file.

#include <cstdint>
#include <memory>
#include <mutex>

#include "connection.hpp"

namespace traction::sqlite {

class DataStamp {
 public:
  explicit DataStamp(std::unique_ptr<Connection> connection) noexcept;

  // Never the same value twice across a commit. When SQLite cannot answer, a value no
  // earlier call returned (a cache keyed by it misses).
  [[nodiscard]] std::uint64_t current() noexcept;

 private:
  std::unique_ptr<Connection> connection_;  // used by one thread at a time: mutex_
  std::mutex mutex_;
  std::uint64_t last_version_ = 0;
  std::uint64_t stamp_ = 0;
};

}  // namespace traction::sqlite
