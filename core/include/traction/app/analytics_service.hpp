#pragma once
// Analytics (001 /goals/stats, /performance/score, /team/alignment; 002 /goals/analytics),
// computed from stored data by core's formulas (domain/analytics.hpp). Trends compare with
// the scores the daily job keeps (MetricHistory); without an earlier score a trend is stable.

#include "traction/app/dependencies.hpp"
#include "traction/auth.hpp"
#include "traction/domain/analytics.hpp"

namespace traction {

inline constexpr std::string_view performance_metric = "performance_score";
inline constexpr std::string_view alignment_metric = "alignment_score";

struct PerformanceReport {
  PerformanceScore score;
  Timestamp calculated_at{};
};

struct AlignmentReport {
  TeamAlignment alignment;
  Timestamp calculated_at{};
};

class AnalyticsService {
 public:
  explicit AnalyticsService(Dependencies deps) : deps_(deps) {}

  [[nodiscard]] Result<GoalStats> goal_stats(const AuthContext& actor);
  [[nodiscard]] Result<PerformanceReport> performance_score(const AuthContext& actor);
  [[nodiscard]] Result<AlignmentReport> team_alignment(const AuthContext& actor);
  [[nodiscard]] Result<GoalAnalytics> goal_analytics(const AuthContext& actor, const GoalAnalyticsFilter& filter);

  // Keeps today's performance and alignment scores of a tenant (the daily job calls this).
  [[nodiscard]] Status record_daily_scores(std::string_view tenant);

 private:
  Dependencies deps_;
};

}  // namespace traction
