#include "routes/analytics_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "traction/http/json.hpp"

namespace traction {
namespace {

namespace json = boost::json;

json::value optional_number(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object component(const ScoreComponent& c, json::object metrics) {
  return json::object{{"score", c.score},
                      {"weight", c.weight},
                      {"effectiveWeight", c.effective_weight},
                      {"hasData", c.included},
                      {"metrics", std::move(metrics)}};
}

}  // namespace

void tag_invoke(json::value_from_tag, json::value& out, const GoalStats& stats) {
  out = json::object{
      {"totalGoals", stats.total_goals},
      {"activeGoals", stats.active_goals},
      {"completedGoals", stats.completed_goals},
      {"goalsByStatus", json::object{{"draft", stats.by_status.draft},
                                     {"active", stats.by_status.active},
                                     {"completed", stats.by_status.completed},
                                     {"paused", stats.by_status.paused},
                                     {"cancelled", stats.by_status.cancelled}}},
      {"goalsByHorizon", json::object{{"year", stats.by_horizon.year},
                                      {"quarter", stats.by_horizon.quarter},
                                      {"month", stats.by_horizon.month}}},
      {"averageProgress", stats.average_progress}};
}

void tag_invoke(json::value_from_tag, json::value& out, const PerformanceReport& report) {
  const auto& s = report.score;
  out = json::object{
      {"overallScore", s.overall_score},
      {"components",
       json::object{
           {"goals", component(s.goals, {{"completionRate", s.goals.completion_rate},
                                         {"onTimeRate", s.goals.on_time_rate}})},
           {"strategies", component(s.strategies, {{"validatedRate", s.strategies.validated_rate},
                                                   {"adoptionRate", s.strategies.adoption_rate}})},
           {"kpis", component(s.kpis, {{"targetAchievementRate", s.kpis.target_achievement_rate},
                                       {"onTrackRate", s.kpis.on_track_rate}})},
           {"actions", component(s.actions, {{"completionRate", s.actions.completion_rate},
                                             {"onTimeRate", s.actions.on_time_rate}})}}},
      {"trend", trend_text.name(s.trend)},
      {"lastCalculated", http::json_timestamp(report.calculated_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const AlignmentReport& report) {
  const auto& a = report.alignment;
  out = json::object{{"alignmentScore", a.alignment_score},
                     {"teamSize", a.team_size},
                     {"goalsWithMultipleOwners", a.goals_with_multiple_owners},
                     {"sharedKPIs", a.shared_kpis},
                     {"collaborationMetrics",
                      json::object{{"crossGoalCollaboration", a.collaboration.cross_goal_collaboration},
                                   {"strategyAlignment", a.collaboration.strategy_alignment},
                                   {"kpiSharing", a.collaboration.kpi_sharing}}},
                     {"trend", trend_text.name(a.trend)},
                     {"lastCalculated", http::json_timestamp(report.calculated_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const GoalAnalytics& a) {
  json::array trend;
  for (const auto& m : a.completion_rate_trend) {
    trend.push_back(json::object{{"month", m.month},
                                 {"completionRate", m.completion_rate},
                                 {"totalGoals", m.total_goals},
                                 {"completedGoals", m.completed_goals}});
  }
  json::array types;
  for (const auto& t : a.type_breakdown) {
    types.push_back(json::object{{"type", t.type},
                                 {"completionRate", t.completion_rate},
                                 {"totalGoals", t.total_goals},
                                 {"completedGoals", t.completed_goals}});
  }
  out = json::object{{"totalGoals", a.total_goals},
                     {"completedGoals", a.completed_goals},
                     {"activeGoals", a.active_goals},
                     {"cancelledGoals", a.cancelled_goals},
                     {"overallCompletionRate", a.overall_completion_rate},
                     {"averageProgress", a.average_progress},
                     {"averageVelocity", a.average_velocity},
                     {"velocityDataPoints", a.velocity_data_points},
                     {"completionRateTrend", std::move(trend)},
                     {"typeBreakdown", std::move(types)},
                     {"teamAverageCompletionRate", optional_number(a.team_average_completion_rate)},
                     {"companyAverageCompletionRate", optional_number(a.company_average_completion_rate)},
                     {"teamAverageVelocity", optional_number(a.team_average_velocity)},
                     {"companyAverageVelocity", optional_number(a.company_average_velocity)},
                     {"hasSufficientData", a.has_sufficient_data},
                     {"daysOfHistory", a.days_of_history}};
}

void tag_invoke(json::value_from_tag, json::value& out, const GoalForecast& f) {
  const auto& fc = f.forecast;
  json::value days_to_go = nullptr;
  if (fc.days_to_go) days_to_go = static_cast<std::int64_t>(*fc.days_to_go);
  out = json::object{
      {"goalId", f.goal_id},
      {"currentProgress", f.current_progress},
      {"startDate", http::json_optional_date(f.start_date)},
      {"endDate", http::json_optional_date(f.end_date)},
      {"status", forecast_status_text.name(fc.status)},
      {"basis", fc.basis ? json::value(forecast_basis_text.name(*fc.basis)) : json::value(nullptr)},
      {"velocityPerDay", fc.velocity_per_day},
      {"projectedCompletionDate", http::json_optional_date(fc.projected_completion)},
      {"daysToGo", days_to_go},
      {"range", json::object{{"earliest", http::json_optional_date(fc.earliest_completion)},
                             {"latest", http::json_optional_date(fc.latest_completion)}}},
      {"dataPoints", fc.data_points},
      {"sufficientData", fc.sufficient},
      {"message", fc.message.empty() ? json::value(nullptr) : json::value(fc.message)},
      {"calculatedAt", http::json_timestamp(f.calculated_at)}};
}

}  // namespace traction
