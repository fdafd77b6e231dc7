#pragma once
// The in-memory store: every port of core, for unit tests of use cases and for embedders
// who bring their own persistence. Nothing survives the object.

#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <thread>

#include "traction/memory/memory_job_lock.hpp"
#include "traction/ports/event_publisher.hpp"
#include "traction/ports/store.hpp"

namespace traction::memory {

struct MemoryState;

// Writes are serialized (one at a time, exclusive of reads); reads run side by side.
// A write that returns an error or throws leaves nothing behind: each of its changes is
// undone, newest first, and none of its events is published. A committed write's events
// go to the publisher in append order, after the store's lock is released.
//
// write() or read() inside a write() of the same store is not supported: called from the
// write's own thread it fails with INTERNAL rather than deadlock. read() inside read() on
// one thread is not supported either (it may deadlock while a writer waits).
// A Transaction must not be used after the work it was given to returns.
class MemoryStore final : public ports::Store {
 public:
  explicit MemoryStore(ports::EventPublisher* publisher = nullptr);
  ~MemoryStore() override;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  Status write(const ports::Work& work) override;
  Status read(const ports::Work& work) override;
  ports::JobLock& job_lock() override { return job_lock_; }
  [[nodiscard]] std::uint64_t data_stamp() noexcept override {
    return stamp_.load(std::memory_order_acquire);
  }

 private:
  [[nodiscard]] bool inside_write() const noexcept;

  ports::EventPublisher* publisher_;
  std::unique_ptr<MemoryState> state_;
  std::shared_mutex mutex_;
  std::atomic<std::thread::id> writer_{};  // the thread running a write, if any
  std::atomic<std::uint64_t> stamp_{0};     // counts committed writes (set under mutex_)
  MemoryJobLock job_lock_;
};

}  // namespace traction::memory
