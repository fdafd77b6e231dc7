#include "group_commit_writer.hpp"

#include <utility>

#include "full_text_sync.hpp"
#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

// The writer whose batch this thread is running, if any.
thread_local const GroupCommitWriter* running_writer = nullptr;
// The writer whose events this thread is publishing, if any.
thread_local const GroupCommitWriter* publishing_writer = nullptr;

class RunningMark {
 public:
  explicit RunningMark(const GroupCommitWriter* writer) noexcept
      : previous_(std::exchange(running_writer, writer)) {}
  ~RunningMark() { running_writer = previous_; }
  RunningMark(const RunningMark&) = delete;
  RunningMark& operator=(const RunningMark&) = delete;

 private:
  const GroupCommitWriter* previous_;
};

Error rolled_back_error() {
  return Error{ErrorCode::internal, "the database rolled the write transaction back", {}};
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection,
                                     ports::EventPublisher* publisher,
                                     std::size_t max_batch) noexcept
    : connection_(std::move(connection)),
      publisher_(publisher),
      max_batch_(max_batch == 0 ? 1 : max_batch) {}

bool GroupCommitWriter::running_on_this_thread() const noexcept { return running_writer == this; }

WriteStats GroupCommitWriter::stats() const {
  const std::lock_guard lock(mutex_);
  WriteStats out = stats_;
  out.queued = queued_;
  return out;
}

Status GroupCommitWriter::submit(const WriteFn& fn) noexcept {
  if (running_on_this_thread()) {
    return fail(ErrorCode::internal, "write() inside a write of the same store is not supported");
  }
  if (publishing_writer == this) {
    return fail(ErrorCode::internal, "write() from the store's event publisher is not supported");
  }
  Pending me;
  me.fn = &fn;
  std::unique_lock lock(mutex_);
  if (tail_ == nullptr) {
    head_ = &me;
  } else {
    tail_->next = &me;
  }
  tail_ = &me;
  ++queued_;
  while (!me.done) {
    if (!leader_active_ && !me.taken) {
      lead(lock);
      continue;
    }
    me.wake.wait(lock);
  }
  return std::move(me.result);
}

void GroupCommitWriter::lead(std::unique_lock<std::mutex>& lock) noexcept {
  leader_active_ = true;
  // A leader always has at least its own write queued: head_ is not null here.
  Pending* first = head_;
  Pending* last = head_;
  last->taken = true;
  std::size_t count = 1;
  while (last->next != nullptr && count < max_batch_) {
    last = last->next;
    last->taken = true;
    ++count;
  }
  head_ = last->next;
  if (head_ == nullptr) tail_ = nullptr;
  last->next = nullptr;
  queued_ -= count;
  lock.unlock();

  run_batch(first);

  // Publishing is ordered by publish_mutex_, taken before the next batch may start.
  std::unique_lock publishing(publish_mutex_);
  lock.lock();
  leader_active_ = false;
  ++stats_.batches;
  for (Pending* p = first; p != nullptr; p = p->next) {
    ++stats_.writes;
    if (!p->result) ++stats_.failed_writes;
  }
  if (head_ != nullptr) head_->wake.notify_one();  // the oldest queued write leads next
  lock.unlock();

  if (publisher_ != nullptr) {
    const auto* previous = std::exchange(publishing_writer, this);
    for (Pending* p = first; p != nullptr; p = p->next) {
      for (const auto& event : p->events) publisher_->publish(event);
    }
    publishing_writer = previous;
  }
  publishing.unlock();

  lock.lock();
  for (Pending* p = first; p != nullptr;) {
    Pending* next = p->next;
    p->done = true;
    // Notified under mutex_: its owner cannot see done and destroy it before this returns.
    p->wake.notify_one();
    p = next;
  }
}

void GroupCommitWriter::fail_all(Pending* first, const Error& error) noexcept {
  for (Pending* p = first; p != nullptr; p = p->next) {
    p->events.clear();
    if (!p->result) continue;  // keeps its own error
    try {
      p->result = std::unexpected(error);
    } catch (...) {
      p->result = std::unexpected(Error{ErrorCode::internal, {}, {}});
    }
  }
}

void GroupCommitWriter::run_batch(Pending* first) noexcept {
  const RunningMark mark(this);
  auto& connection = *connection_;
  try {
    connection.exec("BEGIN IMMEDIATE");
  } catch (...) {
    fail_all(first, current_exception_error());
    return;
  }

  for (Pending* p = first; p != nullptr; p = p->next) {
    try {
      connection.exec("SAVEPOINT traction_write");
    } catch (...) {
      const auto error = current_exception_error();
      connection.db().tryExec("ROLLBACK");
      fail_all(first, error);
      return;
    }
    Status status;
    std::vector<DomainEvent> events;
    {
      SqliteTransaction tx(connection, true);
      status = guarded([&]() -> Status { return (*p->fn)(tx); });
      events = tx.take_events();
    }
    if (!connection.in_transaction()) {
      // SQLite abandoned the whole transaction (I/O error, disk full, ...).
      const auto error = status ? rolled_back_error() : status.error();
      p->result = std::move(status);
      fail_all(first, error);
      return;
    }
    try {
      if (status) {
        connection.exec("RELEASE traction_write");
        p->events = std::move(events);
      } else {
        connection.exec("ROLLBACK TO traction_write");
        connection.exec("RELEASE traction_write");
      }
      p->result = std::move(status);
    } catch (...) {
      const auto error = current_exception_error();
      connection.db().tryExec("ROLLBACK");
      fail_all(first, error);
      return;
    }
  }

  try {
    sync_full_text(connection);
    connection.exec("COMMIT");
  } catch (...) {
    const auto error = current_exception_error();
    if (connection.in_transaction()) connection.db().tryExec("ROLLBACK");
    // Nothing of the batch landed: every item gets the error (a failed one keeps its own).
    fail_all(first, error);
  }
}

}  // namespace traction::sqlite
