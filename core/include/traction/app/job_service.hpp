#pragma once
// Background jobs (002): the daily snapshot of every open goal's progress and the periodic
// recalculation of every automatically calculated goal. Each takes the store's JobLock, so
// two processes on one database never run the same job at once; the lease expires, so a
// crashed holder does not block it for ever.

#include <chrono>
#include <cstddef>
#include <string>

#include "traction/app/dependencies.hpp"

namespace traction {

inline constexpr std::string_view snapshot_job_name = "goal-snapshot";
inline constexpr std::string_view recalculate_job_name = "goal-recalculate";

struct JobReport {
  std::string job;
  bool ran = false;
  std::string skipped_because;  // when it did not run
  std::size_t goals = 0;        // goals looked at
  std::size_t changed = 0;      // snapshots written / goals whose progress moved
};

class JobService {
 public:
  // `holder` names this process in the lock (unique per process).
  JobService(Dependencies deps, std::string holder,
             std::chrono::milliseconds lease = std::chrono::minutes(10))
      : deps_(deps), holder_(std::move(holder)), lease_(lease) {}

  // One daily snapshot per open goal; a second run on the same UTC day does nothing unless forced.
  [[nodiscard]] Result<JobReport> run_snapshot(bool force = false);
  [[nodiscard]] Result<JobReport> run_recalculate();

 private:
  Dependencies deps_;
  std::string holder_;
  std::chrono::milliseconds lease_;
};

}  // namespace traction
