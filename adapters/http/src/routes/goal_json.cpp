#include "routes/goal_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "traction/http/json.hpp"

namespace traction {
namespace {

namespace json = boost::json;
using http::json_from_text;
using http::json_optional_date;
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

template <class T>
json::array array_of(const std::vector<T>& items) {
  json::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(json::value_from(item));
  return out;
}

json::object goal_object(const Goal& goal) {
  json::object o;
  o.reserve(28);  // every field below and "kpis": no rehash while it is filled
  o["id"] = goal.id;
  o["title"] = goal.title;
  o["intent"] = goal.intent;
  o["ownerId"] = goal.owner_id;
  o["ownerName"] = goal.owner_name;
  o["level"] = goal.level ? json::value(goal_level_text.name(*goal.level)) : json::value(nullptr);
  o["parentId"] = http::json_optional_string(goal.parent_id);
  o["horizon"] = horizon_text.name(goal.horizon);
  o["startDate"] = json_optional_date(goal.start_date);
  o["endDate"] = json_optional_date(goal.end_date);
  o["status"] = goal_status_text.name(goal.status);
  o["valueTags"] = strings(goal.value_tags);
  o["strategies"] = array_of(goal.strategies);
  o["progress"] = goal.progress;
  o["progressBasis"] = progress_basis_text.name(goal.progress_basis);
  o["calculationSource"] = calculation_source_text.name(goal.calculation_source);
  o["manualOverrideReason"] = goal.manual_reason.empty() ? json::value(nullptr) : json::value(goal.manual_reason);
  o["health"] = goal.health ? json::value(forecast_status_text.name(*goal.health)) : json::value(nullptr);
  o["childCount"] = goal.children_count;
  o["lastCalculatedAt"] = json_optional_timestamp(goal.last_calculated_at);
  o["metadata"] = json_from_text(goal.metadata_json);
  o["completedAt"] = json_optional_timestamp(goal.completed_at);
  o["createdAt"] = json_timestamp(goal.created_at);
  o["updatedAt"] = json_timestamp(goal.updated_at);
  o["createdBy"] = goal.created_by;
  o["updatedBy"] = goal.updated_by;
  o["version"] = goal.version;
  return o;
}

}  // namespace

void tag_invoke(json::value_from_tag, json::value& out, const Goal& goal) {
  auto o = goal_object(goal);
  o["kpis"] = json::array{};
  out = std::move(o);
}

void tag_invoke(json::value_from_tag, json::value& out, const GoalView& view) {
  auto o = goal_object(view.goal);
  json::array kpis;
  kpis.reserve(view.kpis.size());
  for (const auto& kpi : view.kpis) kpis.push_back(goal_kpi_json(kpi, view.goal.id));
  o["kpis"] = std::move(kpis);
  out = std::move(o);
}

json::value goal_kpi_json(const GoalKpiView& view, std::string_view goal_id) {
  auto value = json::value_from(view);
  value.as_object()["goalId"] = goal_id;
  return value;
}

void tag_invoke(json::value_from_tag, json::value& out, const Strategy& strategy) {
  out = json::object{{"id", strategy.id},
                     {"goalId", strategy.goal_id},
                     {"description", strategy.description},
                     {"status", strategy_status_text.name(strategy.status)},
                     {"order", strategy.order},
                     {"createdAt", json_timestamp(strategy.created_at)},
                     {"updatedAt", json_timestamp(strategy.updated_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const GoalKpiView& view) {
  json::object o;
  o["id"] = view.link.id;
  o["sharedKpiId"] = view.link.kpi_id;
  o["kpiId"] = view.link.kpi_id;
  o["name"] = view.kpi ? json::value(view.kpi->name) : json::value(nullptr);
  o["description"] = view.kpi ? json::value(view.kpi->description) : json::value(nullptr);
  o["category"] = view.kpi ? json::value(view.kpi->category) : json::value(nullptr);
  o["unit"] = view.kpi ? json::value(view.kpi->unit) : json::value(nullptr);
  o["direction"] = view.kpi ? json::value(direction_text.name(view.kpi->direction)) : json::value(nullptr);
  o["threshold"] = view.link.threshold_pct;
  o["thresholdPct"] = view.link.threshold_pct;
  o["weight"] = view.link.weight;
  o["currentValue"] = optional_number(view.current_value);
  o["currentPeriod"] = http::json_optional_string(view.current_period);
  o["targetValue"] = optional_number(view.link.target);
  o["progress"] = optional_number(view.progress);
  o["linkedAt"] = json_timestamp(view.link.created_at);
  out = std::move(o);
}

void tag_invoke(json::value_from_tag, json::value& out, const Kpi& kpi) {
  out = json::object{{"id", kpi.id},
                     {"name", kpi.name},
                     {"description", kpi.description},
                     {"category", kpi.category},
                     {"unit", kpi.unit},
                     {"direction", direction_text.name(kpi.direction)},
                     {"formula", kpi.formula.empty() ? json::value(nullptr) : json::value(kpi.formula)},
                     {"isShared", kpi.is_shared},
                     {"ownerId", kpi.owner_id},
                     {"createdBy", kpi.created_by},
                     {"createdAt", json_timestamp(kpi.created_at)},
                     {"updatedAt", json_timestamp(kpi.updated_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const KpiReading& reading) {
  out = json::object{
      {"id", reading.id},
      {"kpiId", reading.kpi_id},
      {"period", format_year_month(reading.period)},
      {"value", reading.value},
      {"adjustedValue", optional_number(reading.adjusted_value)},
      {"effectiveValue", reading.effective_value()},
      {"reason", reading.reason.empty() ? json::value(nullptr) : json::value(reading.reason)},
      {"sourceActionId",
       reading.source_action_id.empty() ? json::value(nullptr) : json::value(reading.source_action_id)},
      {"createdBy", reading.created_by},
      {"createdAt", json_timestamp(reading.created_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const KpiDetail& detail) {
  out = json::object{{"kpi", json::value_from(detail.kpi)}, {"readings", array_of(detail.readings)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const Activity& activity) {
  out = json::object{{"id", activity.id},
                     {"goalId", activity.goal_id},
                     {"type", activity_type_text.name(activity.type)},
                     {"text", activity.text},
                     {"title", activity.title.empty() ? json::value(nullptr) : json::value(activity.title)},
                     {"url", activity.url.empty() ? json::value(nullptr) : json::value(activity.url)},
                     {"metadata", json_from_text(activity.metadata_json)},
                     {"attachments", json_from_text(activity.attachments_json)},
                     {"createdBy", activity.created_by},
                     {"createdByName", activity.created_by_name},
                     {"createdAt", json_timestamp(activity.created_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const FeedEntry& entry) {
  out = json::object{{"id", entry.id},
                     {"type", entry.type},
                     {"userId", entry.user_id},
                     {"userName", entry.user_name},
                     {"entityId", entry.entity_id},
                     {"entityType", entry.entity_type},
                     {"entityTitle", entry.entity_title},
                     {"description", entry.description},
                     {"timestamp", json_timestamp(entry.timestamp)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const AuditEntry& entry) {
  out = json::object{{"id", entry.id},
                     {"goalId", entry.goal_id},
                     {"userId", entry.user_id},
                     {"userName", entry.user_name},
                     {"action", entry.action},
                     {"field", entry.field},
                     {"oldValue", entry.old_value},
                     {"newValue", entry.new_value},
                     {"reason", entry.reason.empty() ? json::value(nullptr) : json::value(entry.reason)},
                     {"timestamp", json_timestamp(entry.at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const ProgressSnapshot& snapshot) {
  out = json::object{{"goalId", snapshot.goal_id},
                     {"date", http::json_date(date_of(snapshot.at))},
                     {"timestamp", json_timestamp(snapshot.at)},
                     {"progress", snapshot.progress},
                     {"source", snapshot.source == SnapshotSource::daily ? "daily" : "change"}};
}

void tag_invoke(json::value_from_tag, json::value& out, const Recalculation& result) {
  out = json::object{{"goalId", result.goal_id},
                     {"previousProgress", result.previous_progress},
                     {"progress", result.progress},
                     {"calculationMethod", progress_basis_text.name(result.basis)},
                     {"childCount", result.child_count},
                     {"kpiCount", result.kpi_count},
                     {"calculatedAt", json_timestamp(result.calculated_at)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const HierarchyNode& node) {
  auto o = goal_object(node.goal);
  o["children"] = array_of(node.children);
  out = std::move(o);
}

void tag_invoke(json::value_from_tag, json::value& out, const GoalHierarchy& hierarchy) {
  json::array ancestors;
  for (const auto& a : hierarchy.ancestors) ancestors.push_back(goal_object(a));
  auto goal = goal_object(hierarchy.goal);
  goal["children"] = array_of(hierarchy.descendants);
  out = json::object{{"goal", std::move(goal)},
                     {"ancestors", std::move(ancestors)},
                     {"descendants", array_of(hierarchy.descendants)},
                     {"depth", static_cast<std::int64_t>(hierarchy.ancestors.size()) + 1}};
}

void tag_invoke(json::value_from_tag, json::value& out, const GoalDeleted& deleted) {
  out = json::object{{"id", deleted.id}, {"deletedAt", json_timestamp(deleted.deleted_at)}};
}

}  // namespace traction
