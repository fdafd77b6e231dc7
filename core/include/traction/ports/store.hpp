#pragma once
// The unit of work: every use case runs its reads and writes in one transaction of the
// store. Either all of a write lands or none of it does. Events appended to the
// transaction's event log are published after it commits, never before.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "traction/error.hpp"
#include "traction/ports/job_lock.hpp"
#include "traction/ports/repositories.hpp"

namespace traction::ports {

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual GoalRepository& goals() = 0;
  virtual KpiRepository& kpis() = 0;
  virtual ActivityRepository& activities() = 0;
  virtual FeedRepository& feed() = 0;
  virtual AuditRepository& audit() = 0;
  virtual SnapshotRepository& snapshots() = 0;
  virtual ActionRepository& actions() = 0;
  virtual IssueRepository& issues() = 0;
  virtual IssueTypeRepository& issue_types() = 0;
  virtual IssueStatusRepository& issue_statuses() = 0;
  virtual EventLog& events() = 0;
  virtual MetricHistory& metrics() = 0;
};

using Work = std::function<Status(Transaction&)>;

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in a write transaction; commits when it returns success (the commit is
  // durable before write() returns), rolls everything back when it returns an error.
  virtual Status write(const Work& work) = 0;
  // Runs `work` on a consistent read-only view; writes through it fail.
  virtual Status read(const Work& work) = 0;
  // Runs unit(0) … unit(count - 1) one after another on the calling thread as one batch:
  // every write() they make joins one transaction of the store, each in a savepoint of its
  // own (a failing write rolls back alone and returns its error), and a read() sees the
  // batch's writes so far. After the last unit the batch commits once — durable before
  // this returns — and its events are published. The result is the commit's: an error
  // means no write of the batch landed (each write() returned success provisionally).
  // The default, for a store without batches: each write() commits on its own and the
  // result is success. A unit must not throw.
  virtual Status write_batch(std::size_t count, const std::function<void(std::size_t)>& unit) {
    for (std::size_t i = 0; i < count; ++i) unit(i);
    return {};
  }
  virtual JobLock& job_lock() = 0;
  // A stamp of the stored data: it grows once a write commits — through this store, or,
  // for a database another process shares, through that one — and never goes back. Read
  // before a read() begins, a stamp still current afterwards means the data that read()
  // saw is still the stored data (answer caches are kept by it). Cheap: no transaction of
  // the caller's.
  [[nodiscard]] virtual std::uint64_t data_stamp() noexcept = 0;
};

}  // namespace traction::ports

namespace traction {

// write()/read() returning a value: `f(tx)` returns Result<T>.
template <class F>
auto write_tx(ports::Store& store, F&& f) -> std::invoke_result_t<F&, ports::Transaction&> {
  using R = std::invoke_result_t<F&, ports::Transaction&>;
  using T = typename R::value_type;
  if constexpr (std::is_void_v<T>) {
    return store.write(std::forward<F>(f));
  } else {
    std::optional<T> out;
    auto status = store.write([&](ports::Transaction& tx) -> Status {
      auto r = f(tx);
      if (!r) return std::unexpected(std::move(r.error()));
      out.emplace(std::move(*r));
      return {};
    });
    if (!status) return std::unexpected(std::move(status.error()));
    return std::move(*out);
  }
}

template <class F>
auto read_tx(ports::Store& store, F&& f) -> std::invoke_result_t<F&, ports::Transaction&> {
  using R = std::invoke_result_t<F&, ports::Transaction&>;
  using T = typename R::value_type;
  if constexpr (std::is_void_v<T>) {
    return store.read(std::forward<F>(f));
  } else {
    std::optional<T> out;
    auto status = store.read([&](ports::Transaction& tx) -> Status {
      auto r = f(tx);
      if (!r) return std::unexpected(std::move(r.error()));
      out.emplace(std::move(*r));
      return {};
    });
    if (!status) return std::unexpected(std::move(status.error()));
    return std::move(*out);
  }
}

}  // namespace traction
