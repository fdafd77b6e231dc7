#pragma once
// Business issues (001 "Operations: Issues"). The response shape of 001's GET /issues is
// the one returned (DESIGN.md): impact, reporterId/reporterName, statusConfigId.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "traction/domain/action.hpp"
#include "traction/enum_text.hpp"
#include "traction/time.hpp"

namespace traction {

enum class RootCauseMethod { five_whys, fishbone, swot, pareto };
inline constexpr EnumText<RootCauseMethod, 4> root_cause_method_text{{{
    {RootCauseMethod::five_whys, "five_whys"},
    {RootCauseMethod::fishbone, "fishbone"},
    {RootCauseMethod::swot, "swot"},
    {RootCauseMethod::pareto, "pareto"},
}}};

// 001 shows root cause analysis both as a plain string and as {method, findings}; both
// are kept: a summary string, or a method with findings (a serialized JSON object).
struct RootCauseAnalysis {
  std::optional<RootCauseMethod> method;
  std::string summary;
  std::string findings_json;  // "{}" when given as an object without findings

  friend bool operator==(const RootCauseAnalysis&, const RootCauseAnalysis&) = default;
};

struct IssueConnections {
  std::vector<std::string> goal_ids;
  std::vector<std::string> strategy_ids;
  // actionIds in responses are the actions whose connections name this issue.

  friend bool operator==(const IssueConnections&, const IssueConnections&) = default;
};

struct Issue {
  std::string id;
  std::string tenant;
  std::string title;
  std::string description;
  std::optional<std::string> type_config_id;
  std::optional<std::string> status_config_id;
  Priority impact = Priority::medium;
  Priority priority = Priority::medium;
  std::string reporter_id;
  std::string reporter_name;
  std::string assigned_person_id;
  std::string assigned_person_name;
  std::optional<Timestamp> due_date;
  std::optional<double> estimated_hours;
  std::optional<double> actual_hours;
  std::vector<std::string> tags;
  int display_order = 0;
  IssueConnections connections;
  std::optional<RootCauseAnalysis> root_cause_analysis;
  std::optional<std::string> resolution_notes;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::string created_by;
  std::string updated_by;
  std::int64_t version = 1;
  std::optional<Timestamp> deleted_at;

  friend bool operator==(const Issue&, const Issue&) = default;
};

}  // namespace traction
