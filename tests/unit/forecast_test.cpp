#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <limits>
#include <vector>

#include "traction/domain/forecast.hpp"

using namespace traction;
using std::chrono::days;
using std::chrono::hours;

namespace {

Date d(const char* text) { return *parse_date(text); }

ProgressPoint snap(const char* at, double progress) { return ProgressPoint{*parse_timestamp(at), progress}; }

// The worked example: the day's last snapshot counts (03-08: 11 then 13).
//   points (x, y): (0, 10) (1, 13) (2, 16) (3, 18)
//   x̄ = 1.5, ȳ = 14.25, Sxx = 5, Sxy = 13.5, Syy = 36.75
//   b = 13.5 / 5 = 2.7 per day
//   SSE = 36.75 − 13.5²/5 = 0.3, s² = 0.15, SE = √(0.15/5) = √0.03 = 0.1732
//   remaining = 100 − 18 = 82
//   projected = today + ⌈82 / 2.7⌉ = today + ⌈30.37⌉ = 2025-03-10 + 31 = 2025-04-10
//   earliest  = today + ⌈82 / 2.8732⌉ = + ⌈28.54⌉ = + 29 = 2025-04-08
//   latest    = today + ⌈82 / 2.5268⌉ = + ⌈32.45⌉ = + 33 = 2025-04-12
std::vector<ProgressPoint> example_history() {
  return {snap("2025-03-07T00:00:00Z", 10), snap("2025-03-08T09:00:00Z", 11),
          snap("2025-03-08T17:00:00Z", 13), snap("2025-03-09T00:00:00Z", 16),
          snap("2025-03-10T08:00:00Z", 18)};
}

ForecastInput example_input(const std::vector<ProgressPoint>& history) {
  ForecastInput in;
  in.current_progress = 18;
  in.start_date = d("2025-01-01");
  in.created_date = d("2024-12-20");
  in.today = d("2025-03-10");
  in.history = history;
  return in;
}

}  // namespace

TEST_CASE("forecast status and basis names") {
  CHECK(forecast_status_text.name(ForecastStatus::on_track) == "on_track");
  CHECK(forecast_status_text.name(ForecastStatus::at_risk) == "at_risk");
  CHECK(forecast_status_text.name(ForecastStatus::off_track) == "off_track");
  CHECK(forecast_status_text.name(ForecastStatus::insufficient_data) == "insufficient_data");
  CHECK(forecast_basis_text.name(ForecastBasis::history) == "history");
  CHECK(forecast_basis_text.name(ForecastBasis::start_date) == "start_date");
}

TEST_CASE("forecast fits the history by least squares (worked example)") {
  const auto history = example_history();
  auto in = example_input(history);
  in.end_date = d("2025-04-15");
  const auto f = forecast(in);
  CHECK(f.basis == ForecastBasis::history);
  CHECK(f.data_points == 4);
  CHECK(f.velocity_per_day == Approx(2.7));
  CHECK(f.projected_completion == d("2025-04-10"));
  CHECK(f.days_to_go == 31);
  CHECK(f.earliest_completion == d("2025-04-08"));
  CHECK(f.latest_completion == d("2025-04-12"));
  CHECK(f.status == ForecastStatus::on_track);
  CHECK(f.sufficient);
  CHECK(f.message.empty());
}

TEST_CASE("forecast status against the end date, with the at-risk margin") {
  const auto history = example_history();
  auto in = example_input(history);
  SECTION("projected on the end date is on track") {
    in.end_date = d("2025-04-10");
    CHECK(forecast(in).status == ForecastStatus::on_track);
  }
  SECTION("late within 10% of the span is at risk") {
    // span 2025-01-01 → 2025-04-05 = 94 days, margin 9.4 days; late by 5 days.
    in.end_date = d("2025-04-05");
    CHECK(forecast(in).status == ForecastStatus::at_risk);
  }
  SECTION("late beyond the margin is off track") {
    // span 2025-01-01 → 2025-03-25 = 83 days, margin 8.3 days; late by 16 days.
    in.end_date = d("2025-03-25");
    CHECK(forecast(in).status == ForecastStatus::off_track);
    in.settings.at_risk_margin = 0.2;  // margin 16.6 days
    CHECK(forecast(in).status == ForecastStatus::at_risk);
  }
  SECTION("the span starts at the created date when there is no start date") {
    // created 2024-12-20 → 2025-03-25 = 95 days, margin 9.5; late by 16 → off track;
    // with a margin of 0.17: 16.15 days → at risk.
    in.start_date.reset();
    in.end_date = d("2025-03-25");
    in.settings.at_risk_margin = 0.17;
    CHECK(forecast(in).status == ForecastStatus::at_risk);
  }
  SECTION("no end date: on track with a projection") {
    const auto f = forecast(in);
    CHECK(f.status == ForecastStatus::on_track);
    CHECK(f.projected_completion == d("2025-04-10"));
  }
}

TEST_CASE("forecast ignores snapshots outside the window and order of input") {
  auto history = example_history();
  // A steep old climb, 100 days ago, and a snapshot from the future: both ignored.
  history.insert(history.begin(), snap("2024-11-30T00:00:00Z", 0));
  history.insert(history.begin() + 1, snap("2024-12-01T00:00:00Z", 90));
  history.push_back(snap("2025-03-11T00:00:00Z", 99));
  const auto in = example_input(history);
  const auto f = forecast(in);
  CHECK(f.data_points == 4);
  CHECK(f.velocity_per_day == Approx(2.7));

  auto shuffled = history;
  std::reverse(shuffled.begin(), shuffled.end());
  // Two snapshots of 03-08 in reverse order: the later time still wins.
  const auto g = forecast(example_input(shuffled));
  CHECK(g == f);

  SECTION("the window is today − window_days .. today") {
    auto wide = example_input(history);
    wide.settings.window_days = 100;  // now 2024-11-30 is in (and 2024-12-01 too)
    CHECK(forecast(wide).data_points == 6);
  }
}

TEST_CASE("too few history points fall back to progress over days since start") {
  // Two days of history (min 3): fallback. 30 points in 68 days (2025-01-01 → 03-10):
  //   v = 30/68 = 0.4412 per day, ⌈70 / 0.4412⌉ = ⌈158.67⌉ = 159 days → 2025-08-16.
  const std::vector<ProgressPoint> history{snap("2025-03-09T00:00:00Z", 25), snap("2025-03-10T00:00:00Z", 30)};
  auto in = example_input(history);
  in.current_progress = 30;
  const auto f = forecast(in);
  CHECK(f.basis == ForecastBasis::start_date);
  CHECK(f.data_points == 2);
  CHECK(f.velocity_per_day == Approx(30.0 / 68.0));
  CHECK(f.projected_completion == d("2025-08-16"));
  CHECK(f.days_to_go == 159);
  CHECK_FALSE(f.earliest_completion);  // no range without a fit
  CHECK(f.status == ForecastStatus::on_track);

  SECTION("several snapshots on one day are one point") {
    const std::vector<ProgressPoint> same_day{snap("2025-03-10T01:00:00Z", 10), snap("2025-03-10T02:00:00Z", 20),
                                                 snap("2025-03-10T03:00:00Z", 30)};
    in.history = same_day;
    const auto g = forecast(in);
    CHECK(g.basis == ForecastBasis::start_date);
    CHECK(g.data_points == 1);
  }
  SECTION("from the created date when there is no start date") {
    // created 2024-12-20 → 2025-03-10 = 80 days: v = 30/80 = 0.375, ⌈70/0.375⌉ = 187.
    in.start_date.reset();
    const auto g = forecast(in);
    CHECK(g.velocity_per_day == Approx(0.375));
    CHECK(g.days_to_go == 187);
  }
}

TEST_CASE("forecast says when the data is insufficient") {
  ForecastInput in;
  in.today = d("2025-03-10");
  in.created_date = d("2025-03-10");
  in.current_progress = 40;
  SECTION("started today") {
    const auto f = forecast(in);
    CHECK(f.status == ForecastStatus::insufficient_data);
    CHECK_FALSE(f.sufficient);
    CHECK_FALSE(f.basis);
    CHECK_FALSE(f.projected_completion);
    CHECK_FALSE(f.message.empty());
  }
  SECTION("no progress yet") {
    in.created_date = d("2025-01-01");
    in.current_progress = 0;
    CHECK(forecast(in).status == ForecastStatus::insufficient_data);
  }
  SECTION("starts in the future") {
    in.start_date = d("2025-04-01");
    CHECK(forecast(in).status == ForecastStatus::insufficient_data);
  }
}

TEST_CASE("flat or falling progress: off track with an end date, else insufficient") {
  const std::vector<ProgressPoint> falling{snap("2025-03-01T00:00:00Z", 50), snap("2025-03-05T00:00:00Z", 45),
                                              snap("2025-03-09T00:00:00Z", 40)};
  ForecastInput in;
  in.current_progress = 40;
  in.created_date = d("2025-01-01");
  in.today = d("2025-03-10");
  in.history = falling;
  auto f = forecast(in);
  CHECK(f.basis == ForecastBasis::history);
  CHECK(f.velocity_per_day == Approx(-1.25));
  CHECK(f.status == ForecastStatus::insufficient_data);
  CHECK_FALSE(f.projected_completion);
  CHECK_FALSE(f.message.empty());

  in.end_date = d("2025-06-30");
  f = forecast(in);
  CHECK(f.status == ForecastStatus::off_track);
  CHECK(f.sufficient);
  CHECK_FALSE(f.projected_completion);

  const std::vector<ProgressPoint> flat{snap("2025-03-01T00:00:00Z", 40), snap("2025-03-05T00:00:00Z", 40),
                                           snap("2025-03-09T00:00:00Z", 40)};
  in.history = flat;
  CHECK(forecast(in).status == ForecastStatus::off_track);
}

TEST_CASE("a slow but positive slope has an open-ended late range") {
  // y = 10, 10.1, 10.4 over 0..2: b = 0.2, SE = √((Syy − Sxy²/Sxx)/1/Sxx) = √(0.00667/2) = 0.0577.
  // With z = 4 the lower velocity is negative: no latest date.
  const std::vector<ProgressPoint> slow{snap("2025-03-08T00:00:00Z", 10), snap("2025-03-09T00:00:00Z", 10.1),
                                           snap("2025-03-10T00:00:00Z", 10.4)};
  ForecastInput in;
  in.current_progress = 10.4;
  in.created_date = d("2025-01-01");
  in.today = d("2025-03-10");
  in.history = slow;
  in.settings.range_std_errors = 4;
  const auto f = forecast(in);
  CHECK(f.velocity_per_day == Approx(0.2));
  REQUIRE(f.projected_completion);
  CHECK(f.days_to_go == 448);  // ⌈89.6 / 0.2⌉
  CHECK(f.earliest_completion);
  CHECK(*f.earliest_completion < *f.projected_completion);
  CHECK_FALSE(f.latest_completion);
}

TEST_CASE("a completed goal is on track whatever the history") {
  ForecastInput in;
  in.current_progress = 100;
  in.created_date = d("2025-03-10");
  in.today = d("2025-03-10");
  in.end_date = d("2025-01-01");
  const auto f = forecast(in);
  CHECK(f.status == ForecastStatus::on_track);
  CHECK(f.sufficient);
  CHECK(f.projected_completion == in.today);
  CHECK(f.days_to_go == 0);
}

TEST_CASE("forecast fits 10k daily snapshots (its speed is measured in bench/)") {
  std::vector<ProgressPoint> history;
  history.reserve(10'000);
  const Timestamp start = *parse_timestamp("2000-01-01T00:00:00Z");
  for (int i = 0; i < 10'000; ++i) {
    ProgressPoint s;
    s.at = start + hours{24 * i};
    s.progress = 0.005 * i + ((i % 7) - 3) * 0.01;
    history.push_back(s);
  }
  ForecastInput in;
  in.current_progress = 50;
  in.created_date = d("2000-01-01");
  in.today = date_of(history.back().at);
  in.history = history;
  in.settings.window_days = 20'000;  // every point counts

  const auto f = forecast(in);
  CHECK(f.data_points == 10'000);
  CHECK(f.velocity_per_day == Approx(0.005).epsilon(0.01));
}
