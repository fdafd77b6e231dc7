#include "traction/domain/forecast.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace traction {
namespace {

// Least-squares accumulator (Welford): means and centred sums of squares and products.
struct Fit {
  long n = 0;
  double mean_x = 0;
  double mean_y = 0;
  double sxx = 0;
  double sxy = 0;
  double syy = 0;

  void add(double x, double y) {
    ++n;
    const double inv = 1.0 / static_cast<double>(n);
    const double dx = x - mean_x;
    mean_x += dx * inv;
    const double dy = y - mean_y;
    mean_y += dy * inv;
    sxx += dx * (x - mean_x);
    sxy += dx * (y - mean_y);
    syy += dy * (y - mean_y);
  }

  [[nodiscard]] double slope() const { return sxx > 0 ? sxy / sxx : 0; }

  [[nodiscard]] double slope_std_error() const {
    if (n <= 2 || sxx <= 0) return 0;
    const double sse = std::max(0.0, syy - sxy * sxy / sxx);
    return std::sqrt(sse / static_cast<double>(n - 2) / sxx);
  }
};

// Feeds points in time order, keeps each day's last one, adds one point per day. Days are
// whole day numbers counted from the window's first day.
class DayCollapser {
 public:
  void push(std::int64_t day, double progress) {
    if (has_day_ && day == day_) {
      value_ = progress;  // later in time (or equal and later in the input): it wins
      return;
    }
    flush();
    if (fit_.n == 0) first_ = day;
    has_day_ = true;
    day_ = day;
    value_ = progress;
  }

  void finish() {
    flush();
    has_day_ = false;
  }

  [[nodiscard]] const Fit& fit() const { return fit_; }
  [[nodiscard]] std::int64_t span_days() const { return fit_.n > 0 ? last_ - first_ : 0; }

 private:
  void flush() {
    if (!has_day_) return;
    fit_.add(static_cast<double>(day_), value_);
    last_ = day_;
  }

  bool has_day_ = false;
  std::int64_t day_ = 0;
  std::int64_t first_ = 0;
  std::int64_t last_ = 0;
  double value_ = 0;
  Fit fit_;
};

// The window as raw milliseconds since the epoch: [from, to), so that the loop over the
// history is integer arithmetic only.
struct Window {
  std::int64_t from_ms;
  std::int64_t to_ms;
  [[nodiscard]] bool contains(std::int64_t ms) const { return ms >= from_ms && ms < to_ms; }
  [[nodiscard]] std::int64_t day(std::int64_t ms) const { return (ms - from_ms) / ms_per_day; }
  static constexpr std::int64_t ms_per_day = 86'400'000;
};

std::int64_t ms_of(Timestamp t) { return static_cast<std::int64_t>(t.time_since_epoch().count()); }

// The day-collapsed fit of the snapshots inside the window.
DayCollapser collapse(std::span<const ProgressPoint> history, const Window& w) {
  DayCollapser days;
  std::int64_t previous = std::numeric_limits<std::int64_t>::min();
  bool ordered = true;
  for (const auto& s : history) {
    const auto ms = ms_of(s.at);
    if (!w.contains(ms) || !std::isfinite(s.progress)) continue;
    if (ms < previous) {
      ordered = false;
      break;
    }
    previous = ms;
    days.push(w.day(ms), s.progress);
  }
  if (ordered) {
    days.finish();
    return days;
  }

  struct Point {
    std::int64_t ms;
    double progress;
  };
  std::vector<Point> points;
  for (const auto& s : history) {
    const auto ms = ms_of(s.at);
    if (w.contains(ms) && std::isfinite(s.progress)) points.push_back({ms, s.progress});
  }
  std::stable_sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.ms < b.ms; });
  DayCollapser sorted;
  for (const auto& p : points) sorted.push(w.day(p.ms), p.progress);
  sorted.finish();
  return sorted;
}

// Whole days needed to cover `remaining` at `velocity`, if that is a finite, bounded number.
std::optional<long> days_needed(double remaining, double velocity, int max_days) {
  if (!(velocity > 0)) return std::nullopt;
  // The epsilon keeps an exact quotient exact: 89.6 / 0.2 is 448.00000000000006 in binary.
  const double days = std::ceil(remaining / velocity - 1e-9);
  if (!std::isfinite(days) || days > static_cast<double>(max_days)) return std::nullopt;
  return static_cast<long>(days);
}

Date plus_days(Date d, long n) { return d + std::chrono::days{n}; }

std::string insufficient_message(const ForecastSettings& s) {
  return fmt::format(
      "Not enough data to forecast: it needs progress snapshots on at least {} days of the last {} "
      "days, or some progress and at least one day since the goal started.",
      s.min_points, s.window_days);
}

}  // namespace

Forecast forecast(const ForecastInput& in) {
  const auto& settings = in.settings;
  Forecast out;

  const Date first_day = in.today - std::chrono::days{std::max(settings.window_days, 0)};
  const Window window{ms_of(start_of(first_day)), ms_of(start_of(in.today + std::chrono::days{1}))};
  const auto days = collapse(in.history, window);
  const auto& fit = days.fit();
  out.data_points = static_cast<int>(fit.n);

  const double progress = in.current_progress;
  const Date started = in.start_date.value_or(in.created_date);
  double std_error = 0;
  if (fit.n >= std::max(settings.min_points, 2) && days.span_days() >= 1) {
    out.basis = ForecastBasis::history;
    out.velocity_per_day = fit.slope();
    std_error = fit.slope_std_error();
  } else if (const long since = days_between(started, in.today); since >= 1 && progress > 0) {
    out.basis = ForecastBasis::start_date;
    out.velocity_per_day = progress / static_cast<double>(since);
  }

  if (progress >= 100) {
    out.status = ForecastStatus::on_track;
    out.sufficient = true;
    out.projected_completion = in.today;
    out.days_to_go = 0;
    return out;
  }
  if (!out.basis) {
    out.message = insufficient_message(settings);
    return out;
  }

  const double remaining = 100 - std::max(progress, 0.0);
  const auto needed = days_needed(remaining, out.velocity_per_day, settings.max_projection_days);
  if (!needed) {
    if (in.end_date) {
      out.status = ForecastStatus::off_track;
      out.sufficient = true;
      out.message = "Progress is not increasing fast enough for any completion date to be projected.";
    } else {
      out.message = "Progress is not increasing, so no completion date can be projected.";
    }
    return out;
  }

  out.sufficient = true;
  out.projected_completion = plus_days(in.today, *needed);
  out.days_to_go = *needed;
  if (out.basis == ForecastBasis::history) {
    const double spread = settings.range_std_errors * std_error;
    if (const auto early = days_needed(remaining, out.velocity_per_day + spread, settings.max_projection_days)) {
      out.earliest_completion = plus_days(in.today, *early);
    }
    if (const auto late = days_needed(remaining, out.velocity_per_day - spread, settings.max_projection_days)) {
      out.latest_completion = plus_days(in.today, *late);
    }
  }

  if (!in.end_date) {
    out.status = ForecastStatus::on_track;
    return out;
  }
  const long late_days = days_between(*in.end_date, *out.projected_completion);
  const double span = static_cast<double>(std::max(days_between(started, *in.end_date), 0L));
  if (late_days <= 0) {
    out.status = ForecastStatus::on_track;
  } else if (static_cast<double>(late_days) <= settings.at_risk_margin * span) {
    out.status = ForecastStatus::at_risk;
  } else {
    out.status = ForecastStatus::off_track;
  }
  return out;
}

}  // namespace traction
