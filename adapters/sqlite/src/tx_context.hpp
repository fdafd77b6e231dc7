#pragma once
// The state of one transaction of a SqliteStore, shared by its repositories: the
// connection it runs on, whether writes are allowed, and the events appended so far
// (published by the store after the commit).

#include <string_view>
#include <utility>
#include <vector>

#include "connection.hpp"
#include "traction/domain/event.hpp"
#include "traction/error.hpp"

namespace traction::sqlite {

class TxContext {
 public:
  TxContext(Connection& connection, bool writable) noexcept
      : connection_(connection), writable_(writable) {}
  TxContext(const TxContext&) = delete;
  TxContext& operator=(const TxContext&) = delete;

  [[nodiscard]] Connection& connection() noexcept { return connection_; }
  [[nodiscard]] StatementLease statement(std::string_view sql) { return connection_.statement(sql); }

  // Fails with INTERNAL ("read-only transaction") in a read().
  [[nodiscard]] Status check_writable() const {
    if (!writable_) return fail(ErrorCode::internal, "read-only transaction");
    return {};
  }

  void add_event(const DomainEvent& event) { events_.push_back(event); }
  [[nodiscard]] std::vector<DomainEvent> take_events() noexcept { return std::move(events_); }

 private:
  Connection& connection_;
  bool writable_;
  std::vector<DomainEvent> events_;
};

}  // namespace traction::sqlite
