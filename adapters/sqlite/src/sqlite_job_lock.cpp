#include "sqlite_job_lock.hpp"

#include "sql.hpp"
#include "sqlite_error.hpp"

namespace traction::sqlite {

Result<bool> SqliteJobLock::try_acquire(std::string_view name, std::string_view holder,
                                        std::chrono::milliseconds lease, Timestamp now) {
  bool acquired = false;
  const auto take = [&](SqliteTransaction& tx) -> Status {
    // Inserted when free; taken over when expired; renewed when the holder's own.
    auto st = tx.connection().statement(
        "INSERT INTO job_locks (name, holder, expires_at) VALUES (?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
        "expires_at = excluded.expires_at "
        "WHERE job_locks.holder = excluded.holder OR job_locks.expires_at <= ?");
    Binder(*st).text(name).text(holder).time(now + lease).time(now);
    acquired = st->exec() > 0;
    return {};
  };
  try {
    if (auto status = writer_.submit(GroupCommitWriter::WriteFn(take)); !status) return std::unexpected(status.error());
  } catch (...) {
    return std::unexpected(current_exception_error());
  }
  return acquired;
}

Status SqliteJobLock::release(std::string_view name, std::string_view holder) {
  const auto give_up = [&](SqliteTransaction& tx) -> Status {
    auto st = tx.connection().statement("DELETE FROM job_locks WHERE name = ? AND holder = ?");
    Binder(*st).text(name).text(holder);
    st->exec();
    return {};
  };
  try {
    return writer_.submit(GroupCommitWriter::WriteFn(give_up));
  } catch (...) {
    return std::unexpected(current_exception_error());
  }
}

}  // namespace traction::sqlite
