#include "traction/memory/memory_store.hpp"

#include <exception>
#include <mutex>
#include <string>

#include "traction/memory/memory_state.hpp"
#include "traction/memory/memory_transaction.hpp"
#include "traction/memory/memory_tx_context.hpp"

namespace traction::memory {
namespace {

// Runs the work; an exception becomes an INTERNAL error.
Status run(const ports::Work& work, ports::Transaction& tx) noexcept {
  try {
    return work(tx);
  } catch (const std::exception& e) {
    return fail(ErrorCode::internal, std::string("unexpected error in a transaction: ") + e.what());
  } catch (...) {
    return fail(ErrorCode::internal, "unexpected error in a transaction");
  }
}

// Marks the current thread as the writer for the scope.
class WriterMark {
 public:
  explicit WriterMark(std::atomic<std::thread::id>& writer) noexcept : writer_(writer) {
    writer_.store(std::this_thread::get_id());
  }
  ~WriterMark() { writer_.store(std::thread::id{}); }
  WriterMark(const WriterMark&) = delete;
  WriterMark& operator=(const WriterMark&) = delete;

 private:
  std::atomic<std::thread::id>& writer_;
};

}  // namespace

MemoryStore::MemoryStore(ports::EventPublisher* publisher)
    : publisher_(publisher), state_(std::make_unique<MemoryState>()) {}

MemoryStore::~MemoryStore() = default;

bool MemoryStore::inside_write() const noexcept {
  return writer_.load() == std::this_thread::get_id();
}

Status MemoryStore::write(const ports::Work& work) {
  if (inside_write()) return fail(ErrorCode::internal, "write() inside write() is not supported");
  std::vector<DomainEvent> events;
  try {
    const std::unique_lock lock(mutex_);
    const WriterMark mark(writer_);
    MemoryTxContext context(*state_, false);
    MemoryTransaction tx(context);
    auto status = run(work, tx);
    if (!status) {
      context.rollback();
      return status;
    }
    events = context.take_events();
    // Before the lock is released: no reader can see the write under the old stamp.
    stamp_.fetch_add(1, std::memory_order_release);
  } catch (const std::exception& e) {
    // Only the lock or the transaction's set-up can get here, before any change.
    return fail(ErrorCode::internal, std::string("write failed: ") + e.what());
  }
  if (publisher_ == nullptr) return {};
  publisher_->publish_all(events);
  return {};
}

Status MemoryStore::read(const ports::Work& work) {
  if (inside_write()) return fail(ErrorCode::internal, "read() inside write() is not supported");
  try {
    const std::shared_lock lock(mutex_);
    MemoryTxContext context(*state_, true);
    MemoryTransaction tx(context);
    return run(work, tx);
  } catch (const std::exception& e) {
    return fail(ErrorCode::internal, std::string("read failed: ") + e.what());
  }
}

}  // namespace traction::memory
