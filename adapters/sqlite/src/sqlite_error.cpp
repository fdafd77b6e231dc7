#include "sqlite_error.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <new>
#include <string>

namespace traction::sqlite {
namespace {

bool is_busy(int code) noexcept {
  const int primary = code & 0xFF;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

}  // namespace

Error database_error(std::string_view what, const std::exception& e) {
  std::string message(what);
  if (!message.empty()) message += ": ";
  message += e.what();
  if (const auto* sq = dynamic_cast<const SQLite::Exception*>(&e)) {
    if (is_busy(sq->getErrorCode())) {
      return Error{ErrorCode::unavailable, "the database is busy, try again (" + message + ")", {}};
    }
  }
  return Error{ErrorCode::internal, "database error: " + message, {}};
}

Error database_error(const std::exception& e) { return database_error({}, e); }

Error current_exception_error() noexcept {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::internal, {}, {}};
  } catch (const std::exception& e) {
    try {
      return database_error(e);
    } catch (...) {
      return Error{ErrorCode::internal, {}, {}};
    }
  } catch (...) {
    try {
      return Error{ErrorCode::internal, "unexpected exception in the store", {}};
    } catch (...) {
      return Error{ErrorCode::internal, {}, {}};
    }
  }
}

}  // namespace traction::sqlite
