#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "traction/domain/analytics.hpp"

using namespace traction;

namespace {

Date d(const char* text) { return *parse_date(text); }
Timestamp ts(const char* text) { return *parse_timestamp(text); }

Goal goal(std::string id, GoalStatus status, Horizon horizon, double progress) {
  Goal g;
  g.id = std::move(id);
  g.tenant = "t1";
  g.title = g.id;
  g.status = status;
  g.horizon = horizon;
  g.progress = progress;
  g.created_at = ts("2025-01-01T00:00:00Z");
  return g;
}

Strategy strategy(std::string id, StrategyStatus status) {
  Strategy s;
  s.id = std::move(id);
  s.status = status;
  return s;
}

GoalKpiLink link(std::string kpi) {
  GoalKpiLink l;
  l.kpi_id = std::move(kpi);
  return l;
}

Action action(std::string id, ActionStatus status, std::string assignee = {}) {
  Action a;
  a.id = std::move(id);
  a.tenant = "t1";
  a.status = status;
  a.assigned_person_id = std::move(assignee);
  return a;
}

ProgressSnapshot snap(std::string goal_id, const char* at, double progress) {
  ProgressSnapshot s;
  s.tenant = "t1";
  s.goal_id = std::move(goal_id);
  s.at = ts(at);
  s.progress = progress;
  return s;
}

}  // namespace

TEST_CASE("trend compares with the previous score, ±2 points") {
  const Date today = d("2025-06-30");
  CHECK(trend_of(70, std::nullopt, today) == Trend::stable);
  CHECK(trend_of(70, ScorePoint{d("2025-06-29"), 67.9}, today) == Trend::improving);
  CHECK(trend_of(70, ScorePoint{d("2025-06-29"), 68.0}, today) == Trend::stable);
  CHECK(trend_of(70, ScorePoint{d("2025-06-29"), 72.0}, today) == Trend::stable);
  CHECK(trend_of(70, ScorePoint{d("2025-06-29"), 72.1}, today) == Trend::declining);
  CHECK(trend_of(70, ScorePoint{today, 50}, today) == Trend::stable);  // today's own score
  CHECK(trend_text.name(Trend::improving) == "improving");
  CHECK(trend_text.name(Trend::declining) == "declining");
}

TEST_CASE("goal stats (worked example)") {
  // progress 50 + 70 + 100 + 0 + 35 + 20 = 275 over 6 goals = 45.83 → 45.8
  std::vector<Goal> goals{goal("1", GoalStatus::active, Horizon::year, 50),
                          goal("2", GoalStatus::active, Horizon::quarter, 70),
                          goal("3", GoalStatus::completed, Horizon::quarter, 100),
                          goal("4", GoalStatus::draft, Horizon::month, 0),
                          goal("5", GoalStatus::paused, Horizon::year, 35),
                          goal("6", GoalStatus::cancelled, Horizon::month, 20),
                          goal("7", GoalStatus::active, Horizon::year, 90)};
  goals.back().deleted_at = ts("2025-02-01T00:00:00Z");

  const auto s = goal_stats(goals);
  CHECK(s.total_goals == 6);
  CHECK(s.active_goals == 2);
  CHECK(s.completed_goals == 1);
  CHECK(s.by_status == GoalStatusCounts{1, 2, 1, 1, 1});
  CHECK(s.by_horizon == GoalHorizonCounts{2, 2, 2});
  CHECK(s.average_progress == 45.8);

  const auto empty = goal_stats(std::span<const Goal>{});
  CHECK(empty.total_goals == 0);
  CHECK(empty.average_progress == 0);
  CHECK(empty.by_status == GoalStatusCounts{});
}

namespace {

// The performance worked example (today 2025-06-30).
struct PerformanceExample {
  std::vector<Goal> goals;
  std::vector<KpiLinkProgress> links;
  std::vector<Action> actions;

  PerformanceExample() {
    auto g1 = goal("g1", GoalStatus::completed, Horizon::quarter, 100);
    g1.end_date = d("2025-03-31");
    g1.completed_at = ts("2025-03-28T12:00:00Z");
    g1.strategies = {strategy("s1", StrategyStatus::adopted), strategy("s2", StrategyStatus::validated)};
    auto g2 = goal("g2", GoalStatus::completed, Horizon::quarter, 100);
    g2.end_date = d("2025-03-31");
    g2.completed_at = ts("2025-03-31T23:00:00Z");  // on the end date: on time
    g2.strategies = {strategy("s3", StrategyStatus::draft)};
    auto g3 = goal("g3", GoalStatus::active, Horizon::year, 40);
    g3.strategies = {strategy("s4", StrategyStatus::validated)};
    auto g4 = goal("g4", GoalStatus::active, Horizon::year, 60);
    g4.strategies = {strategy("s5", StrategyStatus::adopted), strategy("s6", StrategyStatus::adopted)};
    auto g5 = goal("g5", GoalStatus::draft, Horizon::month, 0);  // not scored
    g5.strategies = {strategy("s7", StrategyStatus::draft)};
    goals = {g1, g2, g3, g4, g5};

    links = {{"g1", "k1", 100, 80}, {"g3", "k2", 85, 80}, {"g3", "k3", 40, 60}, {"g4", "k1", 120, 90},
             {"g5", "k4", 0, 50}};

    auto a1 = action("a1", ActionStatus::completed);
    a1.due_date = ts("2025-06-15T00:00:00Z");
    a1.completed_at = ts("2025-06-15T18:00:00Z");  // the due day: on time
    auto a2 = action("a2", ActionStatus::completed);
    a2.due_date = ts("2025-06-01T00:00:00Z");
    a2.completed_at = ts("2025-06-03T09:00:00Z");  // late
    auto a6 = action("a6", ActionStatus::completed);
    a6.completed_at = ts("2025-06-20T09:00:00Z");  // no due date: on time
    actions = {a1, a2, action("a3", ActionStatus::in_progress), action("a4", ActionStatus::not_started),
               action("a5", ActionStatus::cancelled), a6};
  }

  PerformanceInput input() const { return {goals, links, actions, d("2025-06-30"), std::nullopt}; }
};

}  // namespace

TEST_CASE("performance score (worked example)") {
  // goals:      G = g1..g4 (g5 is a draft). completed 2/4 = 50.0, on time 2/2 = 100.0 → 75.0
  // strategies: S = s1..s6: validated or adopted 5/6 = 83.3, adopted 3/6 = 50.0 → 66.67
  // kpis:       L = links of g1, g3, g3, g4: ≥ 100: 2/4 = 50.0, ≥ threshold: 3/4 = 75.0 → 62.5
  // actions:    A = a1 a2 a3 a4 a6: completed 3/5 = 60.0, on time 2/3 = 66.7 → 63.33
  // overall = 0.4·75 + 0.2·66.667 + 0.3·62.5 + 0.1·63.333 = 30 + 13.333 + 18.75 + 6.333 = 68.42
  const PerformanceExample ex;
  const auto p = performance_score(ex.input());
  CHECK(p.goals.completion_rate == 50.0);
  CHECK(p.goals.on_time_rate == 100.0);
  CHECK(p.goals.score == 75.0);
  CHECK(p.goals.weight == 0.4);
  CHECK(p.strategies.validated_rate == 83.3);
  CHECK(p.strategies.adoption_rate == 50.0);
  CHECK(p.strategies.score == 66.7);
  CHECK(p.kpis.target_achievement_rate == 50.0);
  CHECK(p.kpis.on_track_rate == 75.0);
  CHECK(p.kpis.score == 62.5);
  CHECK(p.actions.completion_rate == 60.0);
  CHECK(p.actions.on_time_rate == 66.7);
  CHECK(p.actions.score == 63.3);
  CHECK(p.overall_score == 68.4);
  CHECK(p.goals.effective_weight == Approx(0.4));
  CHECK(p.actions.effective_weight == Approx(0.1));
  CHECK(p.trend == Trend::stable);

  SECTION("trend against the previous score") {
    auto in = ex.input();
    in.previous = ScorePoint{d("2025-06-29"), 65.0};  // +3.4
    CHECK(performance_score(in).trend == Trend::improving);
    in.previous = ScorePoint{d("2025-06-29"), 67.0};  // +1.4
    CHECK(performance_score(in).trend == Trend::stable);
    in.previous = ScorePoint{d("2025-06-29"), 71.0};  // −2.6
    CHECK(performance_score(in).trend == Trend::declining);
  }
  SECTION("a late goal lowers the on-time rate") {
    auto late = ex;
    late.goals[1].completed_at = ts("2025-04-01T00:30:00Z");
    const auto q = performance_score(late.input());
    CHECK(q.goals.on_time_rate == 50.0);
    CHECK(q.goals.score == 50.0);
  }
}

TEST_CASE("performance score leaves out components without data and renormalises") {
  // Only goals (75.0) and strategies (66.667) have data:
  //   (0.4·75 + 0.2·66.667) / 0.6 = 43.333 / 0.6 = 72.2
  PerformanceExample ex;
  ex.links.clear();
  ex.actions = {action("x", ActionStatus::cancelled)};
  const auto p = performance_score(ex.input());
  CHECK_FALSE(p.kpis.included);
  CHECK_FALSE(p.actions.included);
  CHECK(p.kpis.effective_weight == 0);
  CHECK(p.kpis.weight == 0.3);
  CHECK(p.goals.included);
  CHECK(p.goals.effective_weight == Approx(0.4 / 0.6));
  CHECK(p.strategies.effective_weight == Approx(0.2 / 0.6));
  CHECK(p.overall_score == 72.2);

  const auto none = performance_score({});
  CHECK(none.overall_score == 0);
  CHECK_FALSE(none.goals.included);
  CHECK(none.trend == Trend::stable);
}

namespace {

struct AlignmentExample {
  std::vector<Goal> goals;
  std::vector<Action> actions;

  AlignmentExample() {
    auto g1 = goal("g1", GoalStatus::active, Horizon::year, 10);
    g1.owner_id = "u1";
    g1.strategies = {strategy("s1", StrategyStatus::adopted)};
    g1.kpi_links = {link("k1"), link("k2")};
    auto g2 = goal("g2", GoalStatus::active, Horizon::year, 10);
    g2.owner_id = "u2";
    g2.strategies = {strategy("s2", StrategyStatus::validated)};
    g2.kpi_links = {link("k1")};
    auto g3 = goal("g3", GoalStatus::draft, Horizon::year, 10);
    g3.owner_id = "u1";
    g3.kpi_links = {link("k3")};
    auto g4 = goal("g4", GoalStatus::cancelled, Horizon::year, 10);  // left out
    g4.owner_id = "u3";
    g4.kpi_links = {link("k3")};
    goals = {g1, g2, g3, g4};

    auto a1 = action("a1", ActionStatus::in_progress, "u2");
    a1.connections.goal_ids = {"g1"};
    auto a2 = action("a2", ActionStatus::completed, "u1");
    a2.connections.goal_ids = {"g3"};
    auto a3 = action("a3", ActionStatus::not_started, "u4");
    a3.connections.strategy_ids = {"s2"};  // works on g2 through its strategy
    auto a4 = action("a4", ActionStatus::blocked, "u5");
    auto a5 = action("a5", ActionStatus::cancelled, "u6");  // left out
    a5.connections.goal_ids = {"g3"};
    auto a6 = action("a6", ActionStatus::in_progress);
    a6.connections.goal_ids = {"g3", "elsewhere"};
    actions = {a1, a2, a3, a4, a5, a6};
  }
};

}  // namespace

TEST_CASE("team alignment (worked example)") {
  // G = g1 g2 g3; A = a1 a2 a3 a4 a6.
  // team = {u1, u2} owners ∪ {u2, u1, u4, u5} assignees = 4 people
  // people(g1) = {u1, u2}, people(g2) = {u2, u4} (a3 via s2), people(g3) = {u1} → 2 goals
  // crossGoalCollaboration = 2/3 = 66.7
  // strategyAlignment = a1, a2, a3, a6 linked / 5 = 80.0
  // KPIs: k1 ← g1, g2 (shared); k2 ← g1; k3 ← g3 (g4 cancelled) → kpiSharing = 1/3 = 33.3
  // alignmentScore = (66.667 + 80 + 33.333) / 3 = 60.0
  const AlignmentExample ex;
  TeamAlignmentInput in{ex.goals, ex.actions, d("2025-06-30"), ScorePoint{d("2025-06-23"), 55.0}};
  const auto t = team_alignment(in);
  CHECK(t.team_size == 4);
  CHECK(t.goals_with_multiple_owners == 2);
  CHECK(t.shared_kpis == 1);
  CHECK(t.collaboration.cross_goal_collaboration == 66.7);
  CHECK(t.collaboration.strategy_alignment == 80.0);
  CHECK(t.collaboration.kpi_sharing == 33.3);
  CHECK(t.alignment_score == 60.0);
  CHECK(t.trend == Trend::improving);

  SECTION("nothing to measure") {
    const auto none = team_alignment({});
    CHECK(none.alignment_score == 0);
    CHECK(none.team_size == 0);
    CHECK(none.trend == Trend::stable);
  }
  SECTION("metrics without data are left out of the mean") {
    // Goals only, no actions, no KPI links: the score is crossGoalCollaboration alone.
    std::vector<Goal> goals{ex.goals[0], ex.goals[1]};
    for (auto& g : goals) g.kpi_links.clear();
    const auto only = team_alignment({goals, {}, d("2025-06-30"), std::nullopt});
    CHECK(only.collaboration.cross_goal_collaboration == 0);
    CHECK(only.alignment_score == 0);
    goals[1].owner_id = "u1";
    auto a = action("a", ActionStatus::in_progress, "u9");
    a.connections.goal_ids = {"g1"};
    const std::vector<Action> actions{a};
    // people(g1) = {u1, u9}: 1/2 = 50; strategyAlignment 1/1 = 100 → (50 + 100) / 2 = 75
    const auto two = team_alignment({goals, actions, d("2025-06-30"), std::nullopt});
    CHECK(two.alignment_score == 75.0);
    CHECK(two.team_size == 2);
  }
}

namespace {

// The 002 analytics worked example, today 2025-06-15.
struct AnalyticsExample {
  std::vector<Goal> goals;
  std::vector<ProgressSnapshot> snapshots;

  AnalyticsExample() {
    auto a = goal("A", GoalStatus::active, Horizon::quarter, 40);
    a.level = GoalLevel::team;
    a.start_date = d("2025-04-01");
    a.end_date = d("2025-06-30");
    auto b = goal("B", GoalStatus::completed, Horizon::quarter, 100);
    b.level = GoalLevel::team;
    b.start_date = d("2025-01-01");
    b.end_date = d("2025-03-31");
    b.completed_at = ts("2025-03-21T15:00:00Z");
    auto c = goal("C", GoalStatus::active, Horizon::year, 10);
    c.level = GoalLevel::company;
    c.start_date = d("2025-01-01");
    c.end_date = d("2025-12-31");
    auto dd = goal("D", GoalStatus::cancelled, Horizon::month, 5);
    dd.level = GoalLevel::individual;
    dd.end_date = d("2025-05-31");
    dd.created_at = ts("2025-05-01T08:00:00Z");
    auto e = goal("E", GoalStatus::completed, Horizon::month, 100);
    e.level = GoalLevel::team;
    e.start_date = d("2025-05-01");
    e.end_date = d("2025-05-31");
    e.completed_at = ts("2025-05-30T10:00:00Z");
    auto f = goal("F", GoalStatus::active, Horizon::year, 90);
    f.deleted_at = ts("2025-06-01T00:00:00Z");
    auto g = goal("G", GoalStatus::draft, Horizon::quarter, 0);
    g.end_date = d("2024-05-31");
    g.created_at = ts("2024-04-01T00:00:00Z");
    goals = {a, b, c, dd, e, f, g};
    snapshots = {snap("A", "2025-06-15T00:00:00Z", 40), snap("F", "2025-01-01T00:00:00Z", 10),
                 snap("A", "2025-06-01T00:00:00Z", 20), snap("A", "2025-06-08T00:00:00Z", 30)};
  }

  GoalAnalyticsInput input(GoalAnalyticsFilter filter = {}) const {
    GoalAnalyticsInput in;
    in.goals = goals;
    in.snapshots = snapshots;
    in.today = d("2025-06-15");
    in.filter = std::move(filter);
    return in;
  }
};

const MonthCompletion& month(const GoalAnalytics& a, std::string_view ym) {
  for (const auto& m : a.completion_rate_trend) {
    if (m.month == ym) return m;
  }
  FAIL("no month " << ym);
  return a.completion_rate_trend.front();
}

}  // namespace

TEST_CASE("goal analytics (worked example)") {
  // F = A B C D E G (F is deleted). completed B E; active A C; cancelled D.
  // overallCompletionRate = 2/6 = 33.3; averageProgress = (40+100+10+5+100+0)/6 = 42.5
  // velocities: A history fit (20, 30, 40 on days 0, 7, 14) = 10/7 = 1.4286
  //             B as of 2025-03-21: 100 / 79 days = 1.2658
  //             C as of today: 10 / 165 days = 0.0606
  //             E as of 2025-05-30: 100 / 29 days = 3.4483
  //             D cancelled, G draft: none
  //   averageVelocity = 6.2033 / 4 = 1.55, velocityDataPoints = 4
  // trend: 2025-03: B → 1/1 = 100; 2025-05: D E → 1/2 = 50; 2025-06: A → 0/1 = 0
  // types: year C → 0/1; quarter A B G → 1/3 = 33.3; month D E → 1/2 = 50
  // team (A B E): 2/3 = 66.7, velocity (1.4286 + 1.2658 + 3.4483)/3 = 2.05
  // company: 33.3, 1.55. history: oldest snapshot of F's goals 2025-06-01 → 14 days
  const AnalyticsExample ex;
  const auto r = goal_analytics(ex.input());
  REQUIRE(r);
  const auto& a = *r;
  CHECK(a.total_goals == 6);
  CHECK(a.completed_goals == 2);
  CHECK(a.active_goals == 2);
  CHECK(a.cancelled_goals == 1);
  CHECK(a.overall_completion_rate == 33.3);
  CHECK(a.average_progress == 42.5);
  CHECK(a.average_velocity == 1.55);
  CHECK(a.velocity_data_points == 4);

  REQUIRE(a.completion_rate_trend.size() == 12);
  CHECK(a.completion_rate_trend.front().month == "2024-07");
  CHECK(a.completion_rate_trend.back().month == "2025-06");
  CHECK(month(a, "2025-03") == MonthCompletion{"2025-03", 100.0, 1, 1});
  CHECK(month(a, "2025-05") == MonthCompletion{"2025-05", 50.0, 2, 1});
  CHECK(month(a, "2025-06") == MonthCompletion{"2025-06", 0.0, 1, 0});
  CHECK(month(a, "2025-01") == MonthCompletion{"2025-01", 0.0, 0, 0});

  REQUIRE(a.type_breakdown.size() == 3);
  CHECK(a.type_breakdown[0] == TypeCompletion{"year", 0.0, 1, 0});
  CHECK(a.type_breakdown[1] == TypeCompletion{"quarter", 33.3, 3, 1});
  CHECK(a.type_breakdown[2] == TypeCompletion{"month", 50.0, 2, 1});

  CHECK(a.team_average_completion_rate == 66.7);
  CHECK(a.team_average_velocity == 2.05);
  CHECK(a.company_average_completion_rate == 33.3);
  CHECK(a.company_average_velocity == 1.55);
  CHECK(a.days_of_history == 14);
  CHECK(a.has_sufficient_data);  // 6 goals ≥ 5
}

TEST_CASE("goal analytics filters; team and company ignore them") {
  const AnalyticsExample ex;
  SECTION("type is the horizon") {
    // A B G: 1/3 = 33.3; progress (40+100+0)/3 = 46.7; velocity (1.4286+1.2658)/2 = 1.35
    const auto r = goal_analytics(ex.input({"quarter", std::nullopt, std::nullopt}));
    REQUIRE(r);
    CHECK(r->total_goals == 3);
    CHECK(r->overall_completion_rate == 33.3);
    CHECK(r->average_progress == 46.7);
    CHECK(r->average_velocity == 1.35);
    CHECK(r->velocity_data_points == 2);
    CHECK(r->team_average_completion_rate == 66.7);
    CHECK(r->company_average_completion_rate == 33.3);
    CHECK_FALSE(r->has_sufficient_data);  // 3 goals, 14 days
  }
  SECTION("ownerType is the level") {
    const auto r = goal_analytics(ex.input({std::nullopt, "team", std::nullopt}));
    REQUIRE(r);
    CHECK(r->total_goals == 3);
    CHECK(r->completed_goals == 2);
  }
  SECTION("startDate: goals starting on or after it (creation date when no start)") {
    const auto r = goal_analytics(ex.input({std::nullopt, std::nullopt, d("2025-04-01")}));
    REQUIRE(r);
    CHECK(r->total_goals == 3);  // A, D (created 2025-05-01), E
    CHECK(r->cancelled_goals == 1);
  }
  SECTION("unknown filter values are a 400 naming the field") {
    auto bad = goal_analytics(ex.input({"revenue", std::nullopt, std::nullopt}));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::validation_error);
    CHECK(bad.error().field == "type");
    bad = goal_analytics(ex.input({std::nullopt, "department", std::nullopt}));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().field == "ownerType");
  }
}

TEST_CASE("goal analytics: 30 days of history is sufficient data; none is empty") {
  AnalyticsExample ex;
  ex.snapshots.push_back(snap("C", "2025-05-16T00:00:00Z", 8));  // 30 days before today
  const auto r = goal_analytics(ex.input({"year", std::nullopt, std::nullopt}));
  REQUIRE(r);
  CHECK(r->total_goals == 1);
  CHECK(r->days_of_history == 30);
  CHECK(r->has_sufficient_data);

  GoalAnalyticsInput empty;
  empty.today = d("2025-06-15");
  const auto e = goal_analytics(empty);
  REQUIRE(e);
  CHECK(e->total_goals == 0);
  CHECK(e->overall_completion_rate == 0);
  CHECK(e->average_velocity == 0);
  CHECK_FALSE(e->team_average_completion_rate);
  CHECK_FALSE(e->company_average_velocity);
  CHECK(e->days_of_history == 0);
  CHECK_FALSE(e->has_sufficient_data);
  CHECK(e->completion_rate_trend.size() == 12);
  CHECK(e->completion_rate_trend.front().month == "2024-07");
}

TEST_CASE("goal analytics: only active and completed goals have a velocity") {
  // A paused and a draft goal, both 30 points in after 30 days: no velocity counted.
  auto paused = goal("P", GoalStatus::paused, Horizon::quarter, 30);
  paused.start_date = d("2025-05-16");
  auto draft = goal("D", GoalStatus::draft, Horizon::quarter, 30);
  draft.start_date = d("2025-05-16");
  std::vector<Goal> goals{paused, draft};
  GoalAnalyticsInput in;
  in.goals = goals;
  in.today = d("2025-06-15");
  auto r = goal_analytics(in);
  REQUIRE(r);
  CHECK(r->velocity_data_points == 0);
  CHECK(r->average_velocity == 0);
  CHECK_FALSE(r->company_average_velocity);

  // Active: 30 / 30 days = 1.0 per day.
  goals[0].status = GoalStatus::active;
  r = goal_analytics(in);
  REQUIRE(r);
  CHECK(r->velocity_data_points == 1);
  CHECK(r->average_velocity == 1.0);
  CHECK(r->company_average_velocity == 1.0);
}
