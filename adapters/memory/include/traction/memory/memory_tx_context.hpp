#pragma once
// The state of one transaction of a MemoryStore: the store's rows, whether writes are
// allowed, the undo steps of the writes made so far and the events appended so far.
// Every repository of the transaction works through it.

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "traction/domain/event.hpp"
#include "traction/error.hpp"
#include "traction/memory/memory_state.hpp"

namespace traction::memory {

class MemoryTxContext {
 public:
  MemoryTxContext(MemoryState& state, bool read_only) noexcept
      : state_(state), read_only_(read_only) {}
  MemoryTxContext(const MemoryTxContext&) = delete;
  MemoryTxContext& operator=(const MemoryTxContext&) = delete;

  // Fails with INTERNAL ("read-only transaction") when writes are not allowed.
  [[nodiscard]] Status check_writable() const;

  [[nodiscard]] const MemoryState& state() const noexcept { return state_; }
  // The tenant's rows, or null when the tenant has none.
  [[nodiscard]] const TenantState* find_tenant(std::string_view tenant) const;
  [[nodiscard]] TenantState* find_tenant_for_write(std::string_view tenant);
  // The tenant's rows, created when missing (the creation is undone on rollback).
  [[nodiscard]] TenantState& tenant_for_write(std::string_view tenant);
  [[nodiscard]] MemoryState& state_for_write() noexcept { return state_; }

  // Runs `change` (which must change nothing when it throws) and records `undo`, which
  // reverses it. Nothing is changed when this throws.
  template <class Change, class Undo>
  void apply(Change&& change, Undo&& undo) {
    std::function<void()> step(std::forward<Undo>(undo));
    // Room for the step before the change, so recording it cannot fail afterwards; grown
    // geometrically (reserve(size + 1) reallocated the whole log at every change).
    if (undo_.size() == undo_.capacity()) undo_.reserve(std::max<std::size_t>(16, 2 * undo_.capacity()));
    std::forward<Change>(change)();
    undo_.push_back(std::move(step));
  }

  // Reverses every change of this transaction, newest first, and drops its events.
  void rollback() noexcept;

  void add_event(const DomainEvent& event);
  [[nodiscard]] std::vector<DomainEvent> take_events() noexcept { return std::move(events_); }

 private:
  MemoryState& state_;
  bool read_only_;
  std::vector<std::function<void()>> undo_;
  std::vector<DomainEvent> events_;
};

// Undoable changes of the containers of MemoryState.

// Adds `row` under `key` (which must be free).
template <class T>
void insert_row(MemoryTxContext& tx, StringMap<T>& rows, const std::string& key, T row) {
  tx.apply([&] { rows.emplace(key, std::move(row)); }, [&rows, key] { rows.erase(key); });
}

// Overwrites `slot` with `value`. The old row moves into the undo step, not a copy of it
// (a goal is dozens of strings).
template <class T>
void replace_row(MemoryTxContext& tx, T& slot, T value) {
  static_assert(std::is_nothrow_swappable_v<T>);
  auto held = std::make_shared<T>(std::move(value));  // the new row, then the old one
  tx.apply([&slot, &held] { std::swap(slot, *held); },
           [&slot, held] { slot = std::move(*held); });
}

template <class T>
void append_row(MemoryTxContext& tx, std::vector<T>& rows, T row) {
  tx.apply([&] { rows.push_back(std::move(row)); }, [&rows] { rows.pop_back(); });
}

void insert_key(MemoryTxContext& tx, StringSet& keys, const std::string& key);

// The row of `table` (a member of TenantState) under (tenant, key), or null.
template <class T>
[[nodiscard]] const T* find_row(const MemoryTxContext& tx, StringMap<T> TenantState::*table,
                                std::string_view tenant, std::string_view key) {
  const auto* state = tx.find_tenant(tenant);
  if (state == nullptr) return nullptr;
  const auto& rows = state->*table;
  const auto it = rows.find(key);
  return it == rows.end() ? nullptr : &it->second;
}

template <class T>
[[nodiscard]] T* find_row_for_write(MemoryTxContext& tx, StringMap<T> TenantState::*table,
                                    std::string_view tenant, std::string_view key) {
  auto* state = tx.find_tenant_for_write(tenant);
  if (state == nullptr) return nullptr;
  auto& rows = state->*table;
  const auto it = rows.find(key);
  return it == rows.end() ? nullptr : &it->second;
}

// The entry of `rows` under `key`, created empty when missing.
template <class T>
T& entry_for_write(MemoryTxContext& tx, StringMap<T>& rows, std::string_view key) {
  if (auto it = rows.find(key); it != rows.end()) return it->second;
  insert_row(tx, rows, std::string(key), T{});
  return rows.find(key)->second;
}

}  // namespace traction::memory
