#include "routes/operations_json.hpp"

#include <boost/json/array.hpp>

#include "routes/goal_json.hpp"
#include "traction/http/json.hpp"

namespace traction {
namespace {

namespace json = boost::json;
using http::json_optional_timestamp;
using http::json_timestamp;

json::value optional_number(const std::optional<double>& value) {
  if (!value) return nullptr;
  return *value;
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  out.reserve(values.size());
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

// 001 shows the analysis as a plain string and as {method, findings}: a summary alone is
// the string; with a method it is the object (with the summary when there is one).
json::value root_cause_json(const std::optional<RootCauseAnalysis>& rca) {
  if (!rca) return nullptr;
  if (!rca->method) return json::value(rca->summary);
  json::object o;
  o["method"] = root_cause_method_text.name(*rca->method);
  o["findings"] = http::json_from_text(rca->findings_json);
  if (!rca->summary.empty()) o["summary"] = rca->summary;
  return o;
}

}  // namespace

void tag_invoke(json::value_from_tag, json::value& out, const Action& action) {
  json::object o;
  o["id"] = action.id;
  o["title"] = action.title;
  o["description"] = action.description;
  o["startDate"] = json_optional_timestamp(action.start_date);
  o["dueDate"] = json_optional_timestamp(action.due_date);
  o["priority"] = priority_text.name(action.priority);
  o["status"] = action_status_text.name(action.status);
  o["assignedPersonId"] = action.assigned_person_id;
  o["assignedPersonName"] = action.assigned_person_name;
  o["progress"] = action.progress;
  o["connections"] = json::object{{"goalIds", strings(action.connections.goal_ids)},
                                  {"strategyIds", strings(action.connections.strategy_ids)},
                                  {"issueIds", strings(action.connections.issue_ids)}};
  o["completedAt"] = json_optional_timestamp(action.completed_at);
  o["createdAt"] = json_timestamp(action.created_at);
  o["updatedAt"] = json_timestamp(action.updated_at);
  o["createdBy"] = action.created_by;
  o["updatedBy"] = action.updated_by;
  o["version"] = action.version;
  out = std::move(o);
}

void tag_invoke(json::value_from_tag, json::value& out, const IssueView& view) {
  const auto& issue = view.issue;
  json::object o;
  o["id"] = issue.id;
  o["title"] = issue.title;
  o["description"] = issue.description;
  o["typeConfigId"] = http::json_optional_string(issue.type_config_id);
  o["typeName"] = view.type ? json::value(view.type->name) : json::value(nullptr);
  o["statusConfigId"] = http::json_optional_string(issue.status_config_id);
  o["statusName"] = view.status ? json::value(view.status->name) : json::value(nullptr);
  o["statusCategory"] =
      view.status ? json::value(issue_status_category_text.name(view.status->category)) : json::value(nullptr);
  o["impact"] = priority_text.name(issue.impact);
  o["priority"] = priority_text.name(issue.priority);
  o["reporterId"] = issue.reporter_id;
  o["reporterName"] = issue.reporter_name;
  o["assignedPersonId"] = issue.assigned_person_id;
  o["assignedPersonName"] = issue.assigned_person_name;
  o["dueDate"] = json_optional_timestamp(issue.due_date);
  o["estimatedHours"] = optional_number(issue.estimated_hours);
  o["actualHours"] = optional_number(issue.actual_hours);
  o["tags"] = strings(issue.tags);
  o["displayOrder"] = issue.display_order;
  o["connections"] = json::object{{"goalIds", strings(issue.connections.goal_ids)},
                                  {"strategyIds", strings(issue.connections.strategy_ids)},
                                  {"actionIds", strings(view.action_ids)}};
  o["rootCauseAnalysis"] = root_cause_json(issue.root_cause_analysis);
  o["resolutionNotes"] = http::json_optional_string(issue.resolution_notes);
  o["createdAt"] = json_timestamp(issue.created_at);
  o["updatedAt"] = json_timestamp(issue.updated_at);
  o["createdBy"] = issue.created_by;
  o["updatedBy"] = issue.updated_by;
  o["version"] = issue.version;
  out = std::move(o);
}

void tag_invoke(json::value_from_tag, json::value& out, const IssueType& type) {
  out = json::object{{"id", type.id},
                     {"name", type.name},
                     {"description", type.description},
                     {"color", type.color},
                     {"icon", type.icon},
                     {"order", type.order},
                     {"isActive", type.is_active},
                     {"isSystemType", type.is_system},
                     {"isDefault", type.is_default},
                     {"createdAt", json_timestamp(type.created_at)},
                     {"updatedAt", json_optional_timestamp(type.updated_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const IssueStatus& status) {
  out = json::object{{"id", status.id},
                     {"name", status.name},
                     {"description", status.description},
                     {"category", issue_status_category_text.name(status.category)},
                     {"color", status.color},
                     {"icon", status.icon},
                     {"order", status.order},
                     {"isActive", status.is_active},
                     {"isSystemStatus", status.is_system},
                     {"createdAt", json_timestamp(status.created_at)},
                     {"updatedAt", json_optional_timestamp(status.updated_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const KpiUpdateResult& result) {
  json::array goals;
  goals.reserve(result.goals.size());
  for (const auto& goal : result.goals) {
    goals.push_back(json::object{{"id", goal.id},
                                 {"title", goal.title},
                                 {"progress", goal.progress},
                                 {"progressBasis", progress_basis_text.name(goal.progress_basis)}});
  }
  out = json::object{{"reading", json::value_from(result.reading)}, {"goals", std::move(goals)}};
}

}  // namespace traction

namespace traction::http {

namespace json = boost::json;

json::object action_goals_json(const std::vector<ActionGoals>& entries) {
  json::object out;
  for (const auto& entry : entries) out[entry.action_id] = json::value_from(entry.goals);
  return out;
}

json::object action_strategies_json(const std::vector<ActionStrategies>& entries) {
  json::object out;
  for (const auto& entry : entries) out[entry.action_id] = json::value_from(entry.strategies);
  return out;
}

json::object goal_kpis_json(const std::vector<GoalKpis>& entries) {
  json::object out;
  for (const auto& entry : entries) {
    json::array kpis;
    kpis.reserve(entry.kpis.size());
    for (const auto& kpi : entry.kpis) {
      auto k = json::value_from(kpi);
      k.as_object()["goalId"] = entry.goal_id;
      kpis.push_back(std::move(k));
    }
    out[entry.goal_id] = std::move(kpis);
  }
  return out;
}

}  // namespace traction::http
