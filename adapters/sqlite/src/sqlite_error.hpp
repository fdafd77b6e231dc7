#pragma once
// The adapter's edge: SQLite::Exception and std::exception become Errors here, so no
// exception leaves the store.

#include <exception>
#include <string_view>

#include "traction/error.hpp"

namespace traction::sqlite {

// UNAVAILABLE for SQLITE_BUSY / SQLITE_LOCKED (try again), INTERNAL otherwise.
[[nodiscard]] Error database_error(const std::exception& e);
[[nodiscard]] Error database_error(std::string_view what, const std::exception& e);
// The error for the exception in flight (call inside a catch block).
[[nodiscard]] Error current_exception_error() noexcept;

// Runs `f` (returning a Result) and turns any exception it throws into an Error.
template <class F>
[[nodiscard]] auto guarded(F&& f) noexcept -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    return std::unexpected(current_exception_error());
  }
}

}  // namespace traction::sqlite
