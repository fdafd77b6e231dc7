#include "job_scheduler.hpp"

#include <unistd.h>

#include <array>
#include <string>

#include "traction/app/job_schedule.hpp"

namespace traction::app {

JobScheduler::JobScheduler(JobService& jobs, const ports::Clock& clock, const http::Logger& logger,
                           std::chrono::minutes snapshot_at, std::chrono::minutes recalculate_every)
    : jobs_(jobs),
      clock_(clock),
      logger_(logger),
      snapshot_at_(snapshot_at),
      recalculate_every_(recalculate_every) {}

JobScheduler::~JobScheduler() { stop(); }

void JobScheduler::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void JobScheduler::stop() noexcept {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobScheduler::loop() {
  const auto started = clock_.now();
  auto next_snapshot = next_daily_run(started, snapshot_at_);
  auto next_recalculate = recalculate_every_.count() > 0
                              ? next_periodic_run(started, started, recalculate_every_)
                              : Timestamp::max();
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const auto due = std::min(next_snapshot, next_recalculate);
    // The wait is on the system clock: the schedule is wall-clock time of day.
    wake_.wait_until(lock, std::chrono::system_clock::time_point{due.time_since_epoch()},
                     [this] { return stopping_; });
    if (stopping_) break;
    const auto now = clock_.now();
    lock.unlock();
    if (now >= next_snapshot) {
      log_report(jobs_.run_snapshot());
      next_snapshot = next_daily_run(now, snapshot_at_);
    }
    if (now >= next_recalculate) {
      log_report(jobs_.run_recalculate());
      next_recalculate = next_periodic_run(started, now, recalculate_every_);
    }
    lock.lock();
  }
}

void JobScheduler::log_report(const Result<JobReport>& report) const {
  if (!report) {
    logger_.log(http::LogLevel::error, "job failed", {{"error", report.error().message}});
    return;
  }
  if (!report->ran) {
    logger_.log(http::LogLevel::info, "job skipped",
                {{"job", report->job}, {"reason", report->skipped_because}});
    return;
  }
  logger_.log(http::LogLevel::info, "job ran",
              {{"job", report->job},
               {"goals", std::to_string(report->goals)},
               {"changed", std::to_string(report->changed)}});
}

std::string job_holder_name(ports::IdGenerator& ids) {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return std::string{host.data()} + ":" + std::to_string(getpid()) + ":" + ids.next();
}

}  // namespace traction::app
