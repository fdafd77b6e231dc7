#include "reader_pool.hpp"

#include "sqlite_error.hpp"

namespace traction::sqlite {

ReaderPool::ReaderPool(std::vector<std::unique_ptr<Connection>> connections)
    : connections_(std::move(connections)) {
  free_.reserve(connections_.size());
  for (auto& c : connections_) free_.push_back(c.get());
}

Connection* ReaderPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !free_.empty(); });
  Connection* c = free_.back();
  free_.pop_back();
  return c;
}

void ReaderPool::release(Connection* connection) noexcept {
  {
    const std::lock_guard lock(mutex_);
    free_.push_back(connection);
  }
  available_.notify_one();
}

Status ReaderPool::run(const ReadFn& fn) noexcept {
  Connection* connection = nullptr;
  try {
    connection = acquire();
  } catch (...) {
    return std::unexpected(current_exception_error());
  }
  Status status;
  try {
    connection->exec("BEGIN");
  } catch (...) {
    release(connection);
    return std::unexpected(current_exception_error());
  }
  {
    SqliteTransaction tx(*connection, false);
    status = guarded([&]() -> Status { return fn(tx); });
  }
  if (connection->in_transaction()) {
    try {
      connection->exec("COMMIT");
    } catch (...) {
      auto error = current_exception_error();
      connection->db().tryExec("ROLLBACK");
      if (status) status = std::unexpected(std::move(error));
    }
  }
  release(connection);
  return status;
}

}  // namespace traction::sqlite
