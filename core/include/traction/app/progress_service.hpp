#pragma once
// Goal progress intelligence (002): recalculation on demand, manual adjustment with
// justification and audit, the audit log, and the progress history.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traction/app/dependencies.hpp"
#include "traction/app/goal_views.hpp"
#include "traction/auth.hpp"
#include "traction/domain/audit.hpp"
#include "traction/domain/forecast.hpp"
#include "traction/domain/page.hpp"

namespace traction {

struct Recalculation {
  std::string goal_id;
  double previous_progress = 0;
  double progress = 0;
  ProgressBasis basis = ProgressBasis::entered;  // how it was computed
  std::int64_t child_count = 0;
  std::size_t kpi_count = 0;
  Timestamp calculated_at{};
};

struct GoalForecast {
  std::string goal_id;
  double current_progress = 0;
  std::optional<Date> start_date;
  std::optional<Date> end_date;
  Forecast forecast;
  Timestamp calculated_at{};
};

class ProgressService {
 public:
  explicit ProgressService(Dependencies deps) : deps_(deps) {}

  // Re-computes now from the stored children (exactly, not from the running sum), KPIs and
  // entered value; ancestors follow.
  [[nodiscard]] Result<Recalculation> recalculate(const AuthContext& actor, std::string_view goal_id);
  // Switches the goal to manual progress (0..100, justification of at least 10 characters)
  // until cleared; audited with the old and new values.
  [[nodiscard]] Result<GoalView> adjust_manually(const AuthContext& actor, std::string_view goal_id,
                                                 std::optional<double> progress,
                                                 const std::string& justification);
  [[nodiscard]] Result<GoalView> clear_manual_adjustment(const AuthContext& actor, std::string_view goal_id);
  [[nodiscard]] Result<Page<AuditEntry>> audit_log(const AuthContext& actor, std::string_view goal_id,
                                                   const PageRequest& page);
  // Oldest first, within [from, to] (whole days, inclusive) when given.
  [[nodiscard]] Result<std::vector<ProgressSnapshot>> history(const AuthContext& actor,
                                                              std::string_view goal_id,
                                                              std::optional<Date> from,
                                                              std::optional<Date> to);
  // The velocity forecast from the goal's snapshots (DESIGN.md "History and forecast").
  [[nodiscard]] Result<GoalForecast> forecast(const AuthContext& actor, std::string_view goal_id);

 private:
  Dependencies deps_;
};

}  // namespace traction
