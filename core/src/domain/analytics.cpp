#include "traction/domain/analytics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace traction {
namespace {

double round_to(double value, double scale) { return std::round(value * scale) / scale; }
double percent1(double value) { return round_to(value, 10); }
double velocity2(double value) { return round_to(value, 100); }

bool live(const Goal& g) { return !g.deleted_at; }
bool live(const Action& a) { return !a.deleted_at; }

// part / whole · 100, or nothing when whole is 0.
std::optional<double> rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// The mean of the values that exist, or nothing.
std::optional<double> mean_of(std::initializer_list<std::optional<double>> values) {
  double sum = 0;
  int n = 0;
  for (const auto& v : values) {
    if (!v) continue;
    sum += *v;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

// Fills a component from its two metrics; returns its unrounded score when it has data.
std::optional<double> fill(ScoreComponent& c, double weight, std::optional<double> a, std::optional<double> b,
                           double& out_a, double& out_b) {
  c.weight = weight;
  out_a = percent1(a.value_or(0));
  out_b = percent1(b.value_or(0));
  const auto score = mean_of({a, b});
  c.included = score.has_value();
  c.score = percent1(score.value_or(0));
  return score;
}

bool on_time(const std::optional<Timestamp>& completed_at, const std::optional<Date>& deadline) {
  return !deadline || !completed_at || date_of(*completed_at) <= *deadline;
}

std::optional<Date> deadline_of(const Action& a) {
  if (!a.due_date) return std::nullopt;
  return date_of(*a.due_date);
}

// --- goal analytics helpers -------------------------------------------------------------

struct Tally {
  std::int64_t total = 0;
  std::int64_t completed = 0;
  void add(const Goal& g) {
    ++total;
    if (g.status == GoalStatus::completed) ++completed;
  }
  [[nodiscard]] double completion_rate() const { return percent1(rate(completed, total).value_or(0)); }
};

struct VelocityMean {
  double sum = 0;
  std::int64_t n = 0;
  void add(const std::optional<double>& v) {
    if (!v) return;
    sum += *v;
    ++n;
  }
  [[nodiscard]] std::optional<double> mean() const {
    if (n == 0) return std::nullopt;
    return velocity2(sum / static_cast<double>(n));
  }
};

Date creation_date(const Goal& g) { return date_of(g.created_at); }

// The progress points of each goal, contiguous and in time order.
class SnapshotIndex {
 public:
  explicit SnapshotIndex(std::span<const ProgressSnapshot> snapshots) {
    std::vector<const ProgressSnapshot*> sorted;
    sorted.reserve(snapshots.size());
    for (const auto& s : snapshots) sorted.push_back(&s);
    std::stable_sort(sorted.begin(), sorted.end(), [](const ProgressSnapshot* a, const ProgressSnapshot* b) {
      return a->goal_id != b->goal_id ? a->goal_id < b->goal_id : a->at < b->at;
    });
    goal_ids_.reserve(sorted.size());
    points_.reserve(sorted.size());
    for (const auto* s : sorted) {
      goal_ids_.push_back(s->goal_id);
      points_.push_back(ProgressPoint{s->at, s->progress});
    }
  }

  [[nodiscard]] std::span<const ProgressPoint> of(std::string_view goal_id) const {
    const auto lo = std::lower_bound(goal_ids_.begin(), goal_ids_.end(), goal_id);
    const auto hi = std::upper_bound(lo, goal_ids_.end(), goal_id);
    const auto first = static_cast<std::size_t>(lo - goal_ids_.begin());
    return std::span<const ProgressPoint>(points_).subspan(first, static_cast<std::size_t>(hi - lo));
  }

 private:
  std::vector<std::string_view> goal_ids_;  // into the input, which outlives the index
  std::vector<ProgressPoint> points_;       // same order
};

// A goal's velocity for analytics: active and completed goals only; a completed goal is
// evaluated as of the day it was completed (when that is known and not after today).
std::optional<double> goal_velocity(const Goal& g, const SnapshotIndex& index, Date today,
                                    const ForecastSettings& settings) {
  if (g.status != GoalStatus::active && g.status != GoalStatus::completed) return std::nullopt;
  Date as_of = today;
  if (g.status == GoalStatus::completed && g.completed_at) as_of = std::min(today, date_of(*g.completed_at));
  ForecastInput in;
  in.current_progress = g.progress;
  in.start_date = g.start_date;
  in.end_date = g.end_date;
  in.created_date = creation_date(g);
  in.today = as_of;
  in.history = index.of(g.id);
  in.settings = settings;
  const auto f = forecast(in);
  if (!f.basis) return std::nullopt;
  return f.velocity_per_day;
}

bool matches(const Goal& g, const std::optional<Horizon>& horizon, const std::optional<GoalLevel>& level,
             const std::optional<Date>& start) {
  if (horizon && g.horizon != *horizon) return false;
  if (level && g.level != level) return false;
  if (start && g.start_date.value_or(creation_date(g)) < *start) return false;
  return true;
}

YearMonth months_before(YearMonth ym, int n) {
  const int index = ym.year * 12 + static_cast<int>(ym.month) - 1 - n;
  return {index / 12, static_cast<unsigned>(index % 12 + 1)};
}

}  // namespace

Trend trend_of(double current, const std::optional<ScorePoint>& previous, Date today) {
  if (!previous || previous->date >= today) return Trend::stable;
  const double diff = current - previous->value;
  if (diff > trend_threshold) return Trend::improving;
  if (diff < -trend_threshold) return Trend::declining;
  return Trend::stable;
}

// --- /goals/stats -----------------------------------------------------------------------

GoalStats goal_stats(const GoalTally& tally) {
  GoalStats s;
  double progress_sum = 0;
  for (const auto& cell : tally) {
    s.total_goals += cell.goals;
    progress_sum += cell.progress_sum;
    switch (cell.status) {
      case GoalStatus::draft: s.by_status.draft += cell.goals; break;
      case GoalStatus::active: s.by_status.active += cell.goals; break;
      case GoalStatus::paused: s.by_status.paused += cell.goals; break;
      case GoalStatus::completed: s.by_status.completed += cell.goals; break;
      case GoalStatus::cancelled: s.by_status.cancelled += cell.goals; break;
    }
    switch (cell.horizon) {
      case Horizon::year: s.by_horizon.year += cell.goals; break;
      case Horizon::quarter: s.by_horizon.quarter += cell.goals; break;
      case Horizon::month: s.by_horizon.month += cell.goals; break;
    }
  }
  s.active_goals = s.by_status.active;
  s.completed_goals = s.by_status.completed;
  if (s.total_goals > 0) s.average_progress = percent1(progress_sum / static_cast<double>(s.total_goals));
  return s;
}

GoalStats goal_stats(std::span<const Goal> goals) { return goal_stats(tally_goals(goals)); }

// --- /performance/score -----------------------------------------------------------------

PerformanceScore performance_score(const PerformanceInput& in) {
  PerformanceScore out;

  std::unordered_set<std::string_view> scored_goals;
  std::int64_t goals = 0, completed = 0, completed_on_time = 0;
  std::int64_t strategies = 0, validated = 0, adopted = 0;
  for (const auto& g : in.goals) {
    if (!live(g) || g.status == GoalStatus::draft) continue;
    scored_goals.insert(g.id);
    ++goals;
    if (g.status == GoalStatus::completed) {
      ++completed;
      if (on_time(g.completed_at, g.end_date)) ++completed_on_time;
    }
    for (const auto& s : g.strategies) {
      ++strategies;
      if (s.status == StrategyStatus::validated || s.status == StrategyStatus::adopted) ++validated;
      if (s.status == StrategyStatus::adopted) ++adopted;
    }
  }

  std::int64_t links = 0, achieved = 0, on_track = 0;
  for (const auto& l : in.kpi_links) {
    if (!scored_goals.contains(l.goal_id)) continue;
    ++links;
    if (l.progress >= 100) ++achieved;
    if (l.progress >= l.threshold_pct) ++on_track;
  }

  std::int64_t actions = 0, actions_done = 0, actions_on_time = 0;
  for (const auto& a : in.actions) {
    if (!live(a) || a.status == ActionStatus::cancelled) continue;
    ++actions;
    if (a.status != ActionStatus::completed) continue;
    ++actions_done;
    if (on_time(a.completed_at, deadline_of(a))) ++actions_on_time;
  }

  const auto goals_score = fill(out.goals, goals_weight, rate(completed, goals), rate(completed_on_time, completed),
                                out.goals.completion_rate, out.goals.on_time_rate);
  const auto strategies_score = fill(out.strategies, strategies_weight, rate(validated, strategies),
                                     rate(adopted, strategies), out.strategies.validated_rate,
                                     out.strategies.adoption_rate);
  const auto kpis_score = fill(out.kpis, kpis_weight, rate(achieved, links), rate(on_track, links),
                               out.kpis.target_achievement_rate, out.kpis.on_track_rate);
  const auto actions_score = fill(out.actions, actions_weight, rate(actions_done, actions),
                                  rate(actions_on_time, actions_done), out.actions.completion_rate,
                                  out.actions.on_time_rate);

  double weighted = 0;
  double weights = 0;
  const auto add = [&](const std::optional<double>& score, double weight) {
    if (!score) return;
    weighted += weight * *score;
    weights += weight;
  };
  add(goals_score, goals_weight);
  add(strategies_score, strategies_weight);
  add(kpis_score, kpis_weight);
  add(actions_score, actions_weight);
  if (weights > 0) {
    out.overall_score = percent1(weighted / weights);
    for (ScoreComponent* c : {static_cast<ScoreComponent*>(&out.goals), static_cast<ScoreComponent*>(&out.strategies),
                              static_cast<ScoreComponent*>(&out.kpis), static_cast<ScoreComponent*>(&out.actions)}) {
      if (c->included) c->effective_weight = c->weight / weights;
    }
  }
  out.trend = trend_of(out.overall_score, in.previous, in.today);
  return out;
}

// --- /team/alignment --------------------------------------------------------------------

TeamAlignment team_alignment(const TeamAlignmentInput& in) {
  TeamAlignment out;

  std::vector<const Goal*> goals;
  std::unordered_set<std::string_view> goal_ids;
  std::unordered_map<std::string_view, std::string_view> goal_of_strategy;
  std::unordered_set<std::string_view> people;
  std::unordered_map<std::string_view, std::int64_t> goals_per_kpi;
  for (const auto& g : in.goals) {
    if (!live(g) || g.status == GoalStatus::cancelled) continue;
    goals.push_back(&g);
    goal_ids.insert(g.id);
    if (!g.owner_id.empty()) people.insert(g.owner_id);
    for (const auto& s : g.strategies) goal_of_strategy.emplace(s.id, g.id);
    std::unordered_set<std::string_view> kpis_of_goal;
    for (const auto& l : g.kpi_links) {
      if (kpis_of_goal.insert(l.kpi_id).second) ++goals_per_kpi[l.kpi_id];
    }
  }

  std::vector<const Action*> actions;
  std::int64_t aligned_actions = 0;
  for (const auto& a : in.actions) {
    if (!live(a) || a.status == ActionStatus::cancelled) continue;
    actions.push_back(&a);
    if (!a.assigned_person_id.empty()) people.insert(a.assigned_person_id);
    const auto& c = a.connections;
    const bool aligned =
        std::any_of(c.goal_ids.begin(), c.goal_ids.end(), [&](const std::string& id) { return goal_ids.contains(id); }) ||
        std::any_of(c.strategy_ids.begin(), c.strategy_ids.end(),
                    [&](const std::string& id) { return goal_of_strategy.contains(id); });
    if (aligned) ++aligned_actions;
  }
  out.team_size = static_cast<std::int64_t>(people.size());

  // people(g): the owner and the assignees of the actions linked to g, directly or through
  // one of g's strategies.
  std::unordered_map<std::string_view, std::unordered_set<std::string_view>> people_of_goal;
  for (const Goal* g : goals) {
    auto& set = people_of_goal[g->id];
    if (!g->owner_id.empty()) set.insert(g->owner_id);
  }
  const auto add_person = [&](std::string_view goal_id, std::string_view person) {
    const auto it = people_of_goal.find(goal_id);
    if (it != people_of_goal.end()) it->second.insert(person);
  };
  for (const Action* a : actions) {
    if (a->assigned_person_id.empty()) continue;
    for (const auto& id : a->connections.goal_ids) add_person(id, a->assigned_person_id);
    for (const auto& id : a->connections.strategy_ids) {
      const auto it = goal_of_strategy.find(id);
      if (it != goal_of_strategy.end()) add_person(it->second, a->assigned_person_id);
    }
  }
  for (const auto& [id, set] : people_of_goal) {
    if (set.size() >= 2) ++out.goals_with_multiple_owners;
  }

  std::int64_t linked_kpis = 0;
  for (const auto& [kpi, count] : goals_per_kpi) {
    ++linked_kpis;
    if (count >= 2) ++out.shared_kpis;
  }

  const auto cross = rate(out.goals_with_multiple_owners, static_cast<std::int64_t>(goals.size()));
  const auto strategy = rate(aligned_actions, static_cast<std::int64_t>(actions.size()));
  const auto sharing = rate(out.shared_kpis, linked_kpis);
  out.collaboration.cross_goal_collaboration = percent1(cross.value_or(0));
  out.collaboration.strategy_alignment = percent1(strategy.value_or(0));
  out.collaboration.kpi_sharing = percent1(sharing.value_or(0));
  out.alignment_score = percent1(mean_of({cross, strategy, sharing}).value_or(0));
  out.trend = trend_of(out.alignment_score, in.previous, in.today);
  return out;
}

// --- /goals/analytics (002) -------------------------------------------------------------

Result<GoalAnalytics> goal_analytics(const GoalAnalyticsInput& in) {
  std::optional<Horizon> horizon;
  if (in.filter.type) {
    horizon = horizon_text.parse(*in.filter.type);
    if (!horizon) return invalid("type", fmt::format("type must be one of: {}.", horizon_text.choices()));
  }
  std::optional<GoalLevel> level;
  if (in.filter.owner_type) {
    level = goal_level_text.parse(*in.filter.owner_type);
    if (!level) return invalid("ownerType", fmt::format("ownerType must be one of: {}.", goal_level_text.choices()));
  }

  const SnapshotIndex index(in.snapshots);
  GoalAnalytics out;

  const YearMonth this_month = year_month_of(in.today);
  const YearMonth first_month = months_before(this_month, 11);
  std::array<Tally, 12> by_month{};
  std::array<Tally, 3> by_horizon{};
  Tally all, team, company;
  VelocityMean velocity, team_velocity, company_velocity;
  double progress_sum = 0;
  std::optional<Date> oldest_snapshot;

  for (const auto& g : in.goals) {
    if (!live(g)) continue;
    const auto v = goal_velocity(g, index, in.today, in.forecast);
    company.add(g);
    company_velocity.add(v);
    if (g.level == GoalLevel::team) {
      team.add(g);
      team_velocity.add(v);
    }
    if (!matches(g, horizon, level, in.filter.start_date)) continue;

    all.add(g);
    velocity.add(v);
    progress_sum += g.progress;
    if (g.status == GoalStatus::active) ++out.active_goals;
    if (g.status == GoalStatus::cancelled) ++out.cancelled_goals;
    by_horizon[static_cast<std::size_t>(g.horizon)].add(g);
    if (g.end_date) {
      const auto ym = year_month_of(*g.end_date);
      if (ym >= first_month && ym <= this_month) {
        const int offset = (ym.year - first_month.year) * 12 + static_cast<int>(ym.month) - static_cast<int>(first_month.month);
        by_month[static_cast<std::size_t>(offset)].add(g);
      }
    }
    const auto history = index.of(g.id);
    if (!history.empty()) {
      const Date day = date_of(history.front().at);
      if (!oldest_snapshot || day < *oldest_snapshot) oldest_snapshot = day;
    }
  }

  out.total_goals = all.total;
  out.completed_goals = all.completed;
  out.overall_completion_rate = all.completion_rate();
  if (all.total > 0) out.average_progress = percent1(progress_sum / static_cast<double>(all.total));
  out.average_velocity = velocity.mean().value_or(0);
  out.velocity_data_points = velocity.n;

  for (int i = 0; i < 12; ++i) {
    const auto& t = by_month[static_cast<std::size_t>(i)];
    out.completion_rate_trend.push_back(
        {format_year_month(months_before(this_month, 11 - i)), t.completion_rate(), t.total, t.completed});
  }
  for (const auto& [h, name] : horizon_text.items()) {
    const auto& t = by_horizon[static_cast<std::size_t>(h)];
    out.type_breakdown.push_back({std::string(name), t.completion_rate(), t.total, t.completed});
  }

  if (team.total > 0) out.team_average_completion_rate = team.completion_rate();
  if (company.total > 0) out.company_average_completion_rate = company.completion_rate();
  out.team_average_velocity = team_velocity.mean();
  out.company_average_velocity = company_velocity.mean();

  if (oldest_snapshot) out.days_of_history = std::max(0L, days_between(*oldest_snapshot, in.today));
  out.has_sufficient_data = out.days_of_history >= sufficient_history_days || out.total_goals >= sufficient_goal_count;
  return out;
}

}  // namespace traction
