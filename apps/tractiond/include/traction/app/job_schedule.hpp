#pragma once
// When tractiond runs its background jobs (002): the daily snapshot at a time of day (UTC)
// and the recalculation every N minutes. Pure functions of the clock, so they are tested
// without waiting.

#include <chrono>

#include "traction/time.hpp"

namespace traction::app {

// The first moment strictly after `now` whose UTC time of day is `at` (0 <= at < 24 h).
[[nodiscard]] Timestamp next_daily_run(Timestamp now, std::chrono::minutes at);

// The first multiple of `every` since `after` that is strictly after `now` (every > 0).
[[nodiscard]] Timestamp next_periodic_run(Timestamp after, Timestamp now,
                                          std::chrono::minutes every);

}  // namespace traction::app
