#pragma once
// Group commit on the store's one write connection.
//
// submit() queues the caller's work. Whoever finds no batch running becomes the leader:
// it takes the queued work (up to max_batch, oldest first), runs BEGIN IMMEDIATE, then each
// item inside its own SAVEPOINT — RELEASE when the item succeeds, ROLLBACK TO + RELEASE
// when it fails, so a failing item rolls back alone and gets its own error — then brings
// the full-text indexes up to date (sync_full_text) and ends the batch with one COMMIT.
// When SQLite gives up the whole transaction (the sync or the COMMIT fails, or an I/O
// error rolls it back) every item of the batch gets the error.
//
// After the commit the leader lets the next batch start, publishes the committed items'
// events in order (batches publish in commit order), and only then answers the batch's
// callers: when write() returns, the commit is durable and its events were handed to the
// publisher. Events of an item that rolled back are never published.
//
// The work of every item runs on the leader's thread. No exception escapes submit().
// write() inside a write's work, or from the publisher, fails with INTERNAL rather than
// deadlock.
//
// run_open_batch() makes its caller the leader of an open batch: it waits for the writer
// to be free, BEGINs, and runs the caller's units on the caller's thread; each submit()
// they make runs at once in its own savepoint of that transaction (and returns that
// item's result, provisionally), and read_in_open_batch() reads through the same
// connection. After the last unit it commits once, publishes the batch's events and frees
// the writer for the queued submit()s. Once SQLite gave the transaction up, every later
// submit() of the batch fails with that error, and so does the batch.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "connection.hpp"
#include "sqlite_transaction.hpp"
#include "traction/ports/event_publisher.hpp"
#include "traction/sqlite/sqlite_store.hpp"

namespace traction::sqlite {

class GroupCommitWriter {
 public:
  using WriteFn = std::function<Status(SqliteTransaction&)>;

  GroupCommitWriter(std::unique_ptr<Connection> connection, ports::EventPublisher* publisher,
                    std::size_t max_batch) noexcept;
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Runs `fn` in the next batch; returns once that batch committed (and the item's events
  // were published) or the item failed.
  [[nodiscard]] Status submit(const WriteFn& fn) noexcept;

  // Runs unit(0) … unit(count - 1) on this thread as one open batch (above); returns the
  // commit's result. A unit must not throw (one that does is stopped there).
  [[nodiscard]] Status run_open_batch(std::size_t count,
                                      const std::function<void(std::size_t)>& unit) noexcept;
  // True on the thread running an open batch of this writer, outside a write's work.
  [[nodiscard]] bool open_on_this_thread() const noexcept;
  // Inside an open batch: `fn` reads through the batch's connection and sees its writes.
  [[nodiscard]] Status read_in_open_batch(const WriteFn& fn) noexcept;

  // True on the thread running a batch of this writer (inside a write's work).
  [[nodiscard]] bool running_on_this_thread() const noexcept;

  [[nodiscard]] WriteStats stats() const;

 private:
  struct Pending {
    const WriteFn* fn = nullptr;
    Status result;
    std::vector<DomainEvent> events;
    Pending* next = nullptr;  // the queue and a batch are intrusive lists: no allocation
    bool taken = false;
    bool done = false;
    // Its owner waits here: woken when its write is done, or when it heads the queue and
    // may lead the next batch. One waiter per wake, not the whole queue.
    std::condition_variable wake;
  };

  // An open batch, on the stack of the thread running it.
  struct OpenBatch {
    const GroupCommitWriter* writer = nullptr;
    std::vector<DomainEvent> events;  // of its writes that were released, in order
    std::optional<Error> lost;        // set once SQLite gave the transaction up
    std::uint64_t writes = 0;
    std::uint64_t failed_writes = 0;
  };

  // Takes a batch off the queue and runs it to the end; called and returning with `lock`
  // held on mutex_.
  void lead(std::unique_lock<std::mutex>& lock) noexcept;
  // BEGIN, the items in savepoints, COMMIT; sets each item's result and events.
  void run_batch(Pending* first) noexcept;
  void fail_all(Pending* first, const Error& error) noexcept;
  // `fn` in a savepoint of the open transaction: released when it succeeds (its events
  // appended to `events`), rolled back to when it fails. Sets `lost` when the transaction
  // is gone (SQLite gave it up, or a savepoint statement failed and it was rolled back).
  Status run_in_savepoint(const WriteFn& fn, std::vector<DomainEvent>& events,
                          std::optional<Error>& lost) noexcept;
  // Brings the full-text indexes up to date and COMMITs; the error when that failed (the
  // transaction is rolled back then).
  std::optional<Error> commit() noexcept;
  // After a batch ended (`lock` on mutex_ not held): counts it and lets the next batch
  // start. Returns holding publish_mutex_, taken before the next batch could start, so the
  // caller publishes this batch's events before any later batch publishes.
  [[nodiscard]] std::unique_lock<std::mutex> hand_over(std::unique_lock<std::mutex>& lock,
                                                       std::uint64_t writes,
                                                       std::uint64_t failed_writes) noexcept;
  // The events of a batch's writes (a list through Pending::next), in one publish_all().
  void publish_batch(Pending* first) noexcept;
  void publish(const std::vector<DomainEvent>& events) noexcept;

  std::unique_ptr<Connection> connection_;
  ports::EventPublisher* publisher_;
  std::size_t max_batch_;

  mutable std::mutex mutex_;  // guards the queue, leader_active_, the flags and stats
  Pending* head_ = nullptr;
  Pending* tail_ = nullptr;
  std::size_t queued_ = 0;
  bool leader_active_ = false;
  std::size_t open_waiting_ = 0;          // run_open_batch() callers waiting to lead
  std::condition_variable leader_free_;  // where they wait
  WriteStats stats_;

  std::mutex publish_mutex_;  // held while a batch publishes: batches publish in order

  // The open batch this thread is running, if any (of whichever writer).
  static thread_local OpenBatch* open_;
  // open_ when it is this writer's.
  [[nodiscard]] OpenBatch* open_batch_here() const noexcept;
};

}  // namespace traction::sqlite
