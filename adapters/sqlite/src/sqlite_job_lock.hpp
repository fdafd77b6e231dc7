#pragma once

#include "group_commit_writer.hpp"
#include "traction/ports/job_lock.hpp"

namespace traction::sqlite {

// Named leases in `job_locks`, shared by every process on the database file. Each call is
// a write of its own through the group commit, so a taken lease is durable. A lease is
// free again at its expiry instant.
class SqliteJobLock final : public ports::JobLock {
 public:
  explicit SqliteJobLock(GroupCommitWriter& writer) noexcept : writer_(writer) {}

  Result<bool> try_acquire(std::string_view name, std::string_view holder,
                           std::chrono::milliseconds lease, Timestamp now) override;
  Status release(std::string_view name, std::string_view holder) override;

 private:
  GroupCommitWriter& writer_;
};

}  // namespace traction::sqlite
