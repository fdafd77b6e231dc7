#include "traction/app/job_schedule.hpp"

namespace traction::app {

Timestamp next_daily_run(Timestamp now, std::chrono::minutes at) {
  auto candidate = start_of(date_of(now)) + at;
  if (candidate <= now) candidate += std::chrono::days{1};
  return candidate;
}

Timestamp next_periodic_run(Timestamp after, Timestamp now, std::chrono::minutes every) {
  if (now < after) return after + every;
  const auto periods = (now - after) / every + 1;
  return after + periods * every;
}

}  // namespace traction::app
