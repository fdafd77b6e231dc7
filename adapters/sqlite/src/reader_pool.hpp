#pragma once
// The store's read connections. read() takes a free one (waiting when all are busy), runs
// the work inside BEGIN ... COMMIT so it sees one consistent snapshot, and gives it back.
// In WAL mode readers run in parallel with the writer and never block it.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "connection.hpp"
#include "sqlite_transaction.hpp"

namespace traction::sqlite {

class ReaderPool {
 public:
  using ReadFn = std::function<Status(SqliteTransaction&)>;

  explicit ReaderPool(std::vector<std::unique_ptr<Connection>> connections);
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // No exception escapes.
  [[nodiscard]] Status run(const ReadFn& fn) noexcept;

 private:
  Connection* acquire();
  void release(Connection* connection) noexcept;

  std::vector<std::unique_ptr<Connection>> connections_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Connection*> free_;  // capacity reserved for all: release never allocates
};

}  // namespace traction::sqlite
