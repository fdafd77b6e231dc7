#pragma once
// The server's background job thread: runs the daily snapshot and the periodic
// recalculation on their schedule until stopped. Each run goes through JobService, which
// takes the store's JobLock, so two servers on one database never run a job at once.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "traction/app/config.hpp"
#include "traction/app/job_service.hpp"
#include "traction/http/logger.hpp"

namespace traction::app {

class JobScheduler {
 public:
  JobScheduler(JobService& jobs, const ports::Clock& clock, const http::Logger& logger,
               std::chrono::minutes snapshot_at, std::chrono::minutes recalculate_every);
  // Stops and joins the thread.
  ~JobScheduler();
  JobScheduler(const JobScheduler&) = delete;
  JobScheduler& operator=(const JobScheduler&) = delete;

  void start();
  void stop() noexcept;

 private:
  void loop();
  void log_report(const Result<JobReport>& report) const;

  JobService& jobs_;
  const ports::Clock& clock_;
  const http::Logger& logger_;
  std::chrono::minutes snapshot_at_;
  std::chrono::minutes recalculate_every_;  // 0: never
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// A name for this process in the job lock: host, pid and a random suffix.
[[nodiscard]] std::string job_holder_name(ports::IdGenerator& ids);

}  // namespace traction::app
