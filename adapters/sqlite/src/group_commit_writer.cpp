#include "group_commit_writer.hpp"

#include <iterator>
#include <type_traits>
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

thread_local GroupCommitWriter::OpenBatch* GroupCommitWriter::open_ = nullptr;

GroupCommitWriter::OpenBatch* GroupCommitWriter::open_batch_here() const noexcept {
  return open_ != nullptr && open_->writer == this ? open_ : nullptr;
}

bool GroupCommitWriter::open_on_this_thread() const noexcept {
  return open_batch_here() != nullptr && running_writer != this;
}

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
  if (auto* open = open_batch_here()) {
    auto& batch = *open;
    ++batch.writes;
    Status status = batch.lost ? Status(std::unexpected(*batch.lost))
                               : run_in_savepoint(fn, batch.events, batch.lost);
    if (!status) ++batch.failed_writes;
    return status;
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

  std::uint64_t writes = 0;
  std::uint64_t failed = 0;
  for (Pending* p = first; p != nullptr; p = p->next) {
    ++writes;
    if (!p->result) ++failed;
  }
  auto publishing = hand_over(lock, writes, failed);
  publish_batch(first);
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

std::unique_lock<std::mutex> GroupCommitWriter::hand_over(std::unique_lock<std::mutex>& lock,
                                                         std::uint64_t writes,
                                                         std::uint64_t failed_writes) noexcept {
  std::unique_lock publishing(publish_mutex_);
  lock.lock();
  leader_active_ = false;
  ++stats_.batches;
  stats_.writes += writes;
  stats_.failed_writes += failed_writes;
  if (head_ != nullptr) head_->wake.notify_one();  // the oldest queued write leads next
  if (open_waiting_ != 0) leader_free_.notify_one();
  lock.unlock();
  return publishing;
}

void GroupCommitWriter::publish_batch(Pending* first) noexcept {
  std::vector<DomainEvent> events;  // the batch's, in commit order, handed over at once
  if (first->next != nullptr) {
    std::size_t count = 0;
    for (const Pending* p = first; p != nullptr; p = p->next) count += p->events.size();
    try {
      events.reserve(count);
    } catch (...) {
      // Out of memory: each write's events go on their own, nothing was moved yet.
      for (const Pending* p = first; p != nullptr; p = p->next) publish(p->events);
      return;
    }
    static_assert(std::is_nothrow_move_constructible_v<DomainEvent>);
    for (Pending* p = first; p != nullptr; p = p->next) {
      std::move(p->events.begin(), p->events.end(), std::back_inserter(events));
    }
  }
  publish(first->next != nullptr ? events : first->events);
}

void GroupCommitWriter::publish(const std::vector<DomainEvent>& events) noexcept {
  if (publisher_ == nullptr || events.empty()) return;
  const auto* previous = std::exchange(publishing_writer, this);
  publisher_->publish_all(events);
  publishing_writer = previous;
}

Status GroupCommitWriter::run_open_batch(std::size_t count,
                                         const std::function<void(std::size_t)>& unit) noexcept {
  if (running_on_this_thread() || open_batch_here() != nullptr) {
    return fail(ErrorCode::internal, "write_batch() inside a write of the same store is not supported");
  }
  if (publishing_writer == this) {
    return fail(ErrorCode::internal, "write_batch() from the store's event publisher is not supported");
  }
  std::unique_lock lock(mutex_);
  ++open_waiting_;
  leader_free_.wait(lock, [&] { return !leader_active_; });
  --open_waiting_;
  leader_active_ = true;
  lock.unlock();

  OpenBatch batch;
  batch.writer = this;
  try {
    connection_->exec("BEGIN IMMEDIATE");
  } catch (...) {
    batch.lost = current_exception_error();  // every write of the batch fails with it
  }
  {
    auto* previous = std::exchange(open_, &batch);
    try {
      for (std::size_t i = 0; i < count; ++i) unit(i);
    } catch (...) {
      // A unit broke its promise not to throw: the rest of the batch is not run.
    }
    open_ = previous;
  }
  if (!batch.lost) batch.lost = commit();
  Status result;
  if (batch.lost) {
    batch.events.clear();
    result = std::unexpected(*batch.lost);
  }
  auto publishing = hand_over(lock, batch.writes, batch.failed_writes);
  publish(batch.events);
  return result;
}

Status GroupCommitWriter::read_in_open_batch(const WriteFn& fn) noexcept {
  if (!open_on_this_thread()) return fail(ErrorCode::internal, "no open batch on this thread");
  const auto& batch = *open_;
  if (batch.lost) return std::unexpected(*batch.lost);
  const RunningMark mark(this);  // a write() inside the read fails, as inside a write
  SqliteTransaction tx(*connection_, false);
  return guarded([&]() -> Status { return fn(tx); });
}

Status GroupCommitWriter::run_in_savepoint(const WriteFn& fn, std::vector<DomainEvent>& events,
                                           std::optional<Error>& lost) noexcept {
  auto& connection = *connection_;
  try {
    connection.exec("SAVEPOINT traction_write");
  } catch (...) {
    lost = current_exception_error();
    connection.db().tryExec("ROLLBACK");
    return std::unexpected(*lost);
  }
  Status status;
  std::vector<DomainEvent> produced;
  {
    const RunningMark mark(this);
    SqliteTransaction tx(connection, true);
    status = guarded([&]() -> Status { return fn(tx); });
    produced = tx.take_events();
  }
  if (!connection.in_transaction()) {
    // SQLite abandoned the whole transaction (I/O error, disk full, ...).
    lost = status ? rolled_back_error() : status.error();
    return status ? Status(std::unexpected(*lost)) : status;
  }
  try {
    if (status) {
      connection.exec("RELEASE traction_write");
      events.insert(events.end(), std::make_move_iterator(produced.begin()),
                    std::make_move_iterator(produced.end()));
    } else {
      connection.exec("ROLLBACK TO traction_write");
      connection.exec("RELEASE traction_write");
    }
  } catch (...) {
    lost = current_exception_error();
    connection.db().tryExec("ROLLBACK");
    return status ? Status(std::unexpected(*lost)) : status;
  }
  return status;
}

std::optional<Error> GroupCommitWriter::commit() noexcept {
  auto& connection = *connection_;
  try {
    sync_full_text(connection);
    connection.exec("COMMIT");
    return std::nullopt;
  } catch (...) {
    auto error = current_exception_error();
    if (connection.in_transaction()) connection.db().tryExec("ROLLBACK");
    return error;
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
  try {
    connection_->exec("BEGIN IMMEDIATE");
  } catch (...) {
    fail_all(first, current_exception_error());
    return;
  }
  for (Pending* p = first; p != nullptr; p = p->next) {
    std::optional<Error> lost;
    p->result = run_in_savepoint(*p->fn, p->events, lost);
    if (lost) {
      fail_all(first, *lost);
      return;
    }
  }
  // Nothing of the batch landed when the commit failed: every item gets the error (a
  // failed one keeps its own).
  if (auto error = commit()) fail_all(first, *error);
}

}  // namespace traction::sqlite
