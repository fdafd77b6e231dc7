#pragma once
// The velocity forecast of a goal (002 "Velocity-based Forecasting", DESIGN.md "History
// and forecast"). Pure: "today" and the history are inputs.
//
// Method
// - History basis. The snapshots dated today − window_days .. today (UTC dates, both
//   inclusive; later ones and non-finite values are ignored) are collapsed to one point per
//   day, the day's last snapshot (latest `at`; for equal times the later in the input).
//   With at least min_points such days spanning at least one day, progress y is fitted
//   against the day number x by ordinary least squares:
//       x̄ = Σx/n, ȳ = Σy/n, Sxx = Σ(x−x̄)², Sxy = Σ(x−x̄)(y−ȳ), Syy = Σ(y−ȳ)²
//       velocity b = Sxy / Sxx                       (progress points per day)
//   (sums accumulated in one pass with Welford's updates, which stay exact to rounding).
// - Start-date basis (otherwise). With s = start_date, or created_date when there is none,
//   and d = today − s in days: when d ≥ 1 and progress > 0, velocity = progress / d.
// - Otherwise there is no basis: insufficient_data.
//
// Projection (anchored at the goal's current progress, for both bases)
//       remaining = 100 − progress
//       projected = today + ⌈remaining / velocity⌉ days, days_to_go = projected − today
//   No projection when velocity ≤ 0 or it lies more than max_projection_days ahead.
//
// Range (history basis only), from the standard error of the slope:
//       s² = (Syy − Sxy²/Sxx) / (n − 2)      (0 when n = 2)
//       SE(b) = √(s² / Sxx)
//       earliest = today + ⌈remaining / (b + z·SE)⌉
//       latest   = today + ⌈remaining / (b − z·SE)⌉, none (open-ended) when b − z·SE ≤ 0
//   with z = settings.range_std_errors (1 by default: one standard error either side).
//
// Status
//   progress ≥ 100                     → on_track (projected = today, days_to_go 0)
//   no basis                           → insufficient_data
//   no projection (velocity ≤ 0, or too far ahead)
//                                      → off_track with an end date, else insufficient_data
//   no end date                        → on_track, with the projection
//   projected ≤ end                    → on_track
//   projected − end ≤ margin·span      → at_risk,  span = end − (start_date or created_date)
//   otherwise                          → off_track
//   `sufficient` is status ≠ insufficient_data; `message` says why when it is not (and why
//   nothing can be projected when the goal is off track for lack of progress).
//
// data_points is the number of days with a snapshot inside the window, whatever the basis.
// Cost: one pass over the history, no allocation, when it is ordered by time (as the
// repository returns it); an unordered history is copied and sorted first.

#include <optional>
#include <span>
#include <string>

#include "traction/domain/audit.hpp"
#include "traction/enum_text.hpp"
#include "traction/time.hpp"

namespace traction {

struct ForecastSettings {
  int window_days = 90;
  int min_points = 3;
  double at_risk_margin = 0.10;   // a share of the goal's total span (start → end)
  double range_std_errors = 1.0;  // z of the early/late range
  int max_projection_days = 36'525;
};

struct ForecastInput {
  double current_progress = 0;
  std::optional<Date> start_date;
  std::optional<Date> end_date;
  Date created_date{};
  Date today{};
  std::span<const ProgressPoint> history;
  ForecastSettings settings{};
};

enum class ForecastStatus { on_track, at_risk, off_track, insufficient_data };
inline constexpr EnumText<ForecastStatus, 4> forecast_status_text{{{
    {ForecastStatus::on_track, "on_track"},
    {ForecastStatus::at_risk, "at_risk"},
    {ForecastStatus::off_track, "off_track"},
    {ForecastStatus::insufficient_data, "insufficient_data"},
}}};

enum class ForecastBasis { history, start_date };
inline constexpr EnumText<ForecastBasis, 2> forecast_basis_text{{{
    {ForecastBasis::history, "history"},
    {ForecastBasis::start_date, "start_date"},
}}};

struct Forecast {
  ForecastStatus status = ForecastStatus::insufficient_data;
  std::optional<ForecastBasis> basis;  // none when no velocity could be measured
  double velocity_per_day = 0;         // progress points per day; 0 without a basis
  std::optional<Date> projected_completion;
  std::optional<long> days_to_go;      // projected − today
  std::optional<Date> earliest_completion;
  std::optional<Date> latest_completion;
  int data_points = 0;
  bool sufficient = false;
  std::string message;

  friend bool operator==(const Forecast&, const Forecast&) = default;
};

[[nodiscard]] Forecast forecast(const ForecastInput& input);

}  // namespace traction
