#include "routes/operations_requests.hpp"

#include <boost/json/serialize.hpp>

#include <chrono>
#include <limits>

#include "traction/domain/limits.hpp"

namespace traction::http {
namespace {

constexpr double huge = std::numeric_limits<double>::max();
constexpr auto int_min = std::numeric_limits<std::int64_t>::min();
constexpr auto int_max = std::numeric_limits<std::int64_t>::max();
// The adapter only bounds what it reads; core's rules give the limits and their messages.
constexpr std::size_t text_max = limits::long_text + 1;
constexpr std::size_t list_max = limits::connections * 4;

const FieldNames goal_ids_names{"goalIds", "goal_ids"};
const FieldNames strategy_ids_names{"strategyIds", "strategy_ids"};
const FieldNames issue_ids_names{"issueIds", "issue_ids"};
const FieldNames start_names{"startDate", "start_date"};
const FieldNames due_names{"dueDate", "due_date"};
const FieldNames assignee_names{"assignedPersonId", "assigned_person_id", "assignedTo", "assigned_to"};
const FieldNames assignee_name_names{"assignedPersonName", "assigned_person_name"};
const FieldNames type_names{"typeConfigId", "type_config_id", "typeId", "type_id"};
const FieldNames status_names{"statusId", "statusConfigId", "status_id", "status_config_id"};
const FieldNames impact_names{"businessImpact", "impact", "business_impact"};
const FieldNames reporter_names{"reportedBy", "reporterId", "reported_by", "reporter_id"};
const FieldNames reporter_name_names{"reporterName", "reportedByName", "reporter_name", "reported_by_name"};
const FieldNames hours_estimated_names{"estimatedHours", "estimated_hours"};
const FieldNames hours_actual_names{"actualHours", "actual_hours"};
const FieldNames display_order_names{"displayOrder", "display_order"};
const FieldNames root_cause_names{"rootCauseAnalysis", "root_cause_analysis"};
const FieldNames resolution_names{"resolutionNotes", "resolution_notes"};
const FieldNames default_names{"isDefault", "is_default"};

// Keeps the first error of a request; later reads still run but change nothing.
class Errors {
 public:
  template <class T>
  bool ok(const Result<T>& read) {
    if (read) return true;
    if (!first_) first_ = read.error();
    return false;
  }
  void add(Error error) {
    if (!first_) first_ = std::move(error);
  }
  template <class T>
  Result<T> done(T value) {
    if (first_) return std::unexpected(std::move(*first_));
    return value;
  }

 private:
  std::optional<Error> first_;
};

// An optional field into `target` (untouched when absent).
template <class T, class U>
void take(Result<std::optional<T>>&& read, U& target, Errors& errors) {
  if (errors.ok(read) && *read) target = std::move(**read);
}

// A patch field whose null clears it.
template <class T>
void take_patch(Result<Patch<T>>&& read, Patch<T>& target, Errors& errors) {
  if (errors.ok(read)) target = std::move(*read);
}

// A patch field that cannot be cleared: null is an error naming the field.
template <class T>
void take_value(Result<Patch<T>>&& read, std::optional<T>& target, const FieldReader& in, const FieldNames& names,
                Errors& errors) {
  if (!errors.ok(read) || !*read) return;
  if (!**read) {
    const auto name = in.field_name(names);
    errors.add(Error{ErrorCode::validation_error, name + " cannot be null", name});
    return;
  }
  target = std::move(***read);
}

// A patch text where null means "none": it becomes "".
void take_text(Result<Patch<std::string>>&& read, std::optional<std::string>& target, Errors& errors) {
  if (errors.ok(read) && *read) target = (*read)->value_or("");
}

// The connections object of a draft or patch: each list present into its target.
template <class Lists>
void read_connections(const FieldReader& in, Errors& errors, Lists&& lists) {
  auto connections = in.optional_object("connections");
  if (!errors.ok(connections) || !*connections) return;
  lists(**connections);
}

// 001's rootCauseAnalysis: a string (the summary) or {method, findings, summary}.
Result<Patch<RootCauseDraft>> read_root_cause(const FieldReader& in) {
  const auto* value = in.find(root_cause_names);
  if (value == nullptr) return Patch<RootCauseDraft>{};
  if (value->is_null()) return Patch<RootCauseDraft>{std::optional<RootCauseDraft>{}};
  const auto name = in.field_name(root_cause_names);
  RootCauseDraft draft;
  if (value->is_string()) {
    draft.summary = std::string(value->get_string());
    return Patch<RootCauseDraft>{std::move(draft)};
  }
  if (!value->is_object()) return invalid(name, name + " must be a string or an object {method, findings}");
  const FieldReader object{value->get_object(), name + "."};
  Errors errors;
  take(object.optional_string("summary", text_max), draft.summary, errors);
  take(object.optional_string("method", limits::short_text), draft.method, errors);
  if (const auto* findings = object.find("findings"); findings && !findings->is_null()) {
    if (!findings->is_object()) {
      errors.add(Error{ErrorCode::validation_error, name + ".findings must be an object", name + ".findings"});
    } else {
      draft.findings_json = boost::json::serialize(*findings);
    }
  }
  return errors.done(Patch<RootCauseDraft>{std::move(draft)});
}

// A bare date as an end bound covers its whole day.
Result<std::optional<Timestamp>> end_bound(const QueryReader& q, const FieldNames& names) {
  auto end = q.timestamp(names);
  if (!end || !*end) return end;
  const auto raw = q.find(names);
  if (raw && raw->size() == std::string_view{"YYYY-MM-DD"}.size()) {
    return std::optional<Timestamp>{**end + std::chrono::days(1) - std::chrono::milliseconds(1)};
  }
  return end;
}

}  // namespace

// --- actions ------------------------------------------------------------------------------

Result<ActionDraft> read_action_draft(const FieldReader& in) {
  ActionDraft d;
  Errors errors;
  take(in.optional_string("title", text_max), d.title, errors);
  take(in.optional_string("description", text_max), d.description, errors);
  take(in.optional_timestamp(start_names), d.start_date, errors);
  take(in.optional_timestamp(due_names), d.due_date, errors);
  take(in.optional_string("priority", limits::short_text), d.priority, errors);
  take(in.optional_string("status", limits::short_text), d.status, errors);
  take(in.optional_string(assignee_names, text_max), d.assigned_person_id, errors);
  take(in.optional_string(assignee_name_names, text_max), d.assigned_person_name, errors);
  take(in.optional_number("progress", -huge, huge), d.progress, errors);
  read_connections(in, errors, [&](const FieldReader& c) {
    take(c.optional_string_array(goal_ids_names, list_max, text_max), d.connections.goal_ids, errors);
    take(c.optional_string_array(strategy_ids_names, list_max, text_max), d.connections.strategy_ids, errors);
    take(c.optional_string_array(issue_ids_names, list_max, text_max), d.connections.issue_ids, errors);
  });
  return errors.done(std::move(d));
}

Result<ActionPatch> read_action_patch(const FieldReader& in) {
  ActionPatch p;
  Errors errors;
  take_value(in.patch_string("title", text_max), p.title, in, "title", errors);
  take_text(in.patch_string("description", text_max), p.description, errors);
  take_patch(in.patch_timestamp(start_names), p.start_date, errors);
  take_patch(in.patch_timestamp(due_names), p.due_date, errors);
  take_value(in.patch_string("priority", limits::short_text), p.priority, in, "priority", errors);
  take_value(in.patch_string("status", limits::short_text), p.status, in, "status", errors);
  take_text(in.patch_string(assignee_names, text_max), p.assigned_person_id, errors);
  take_text(in.patch_string(assignee_name_names, text_max), p.assigned_person_name, errors);
  take_value(in.patch_number("progress", -huge, huge), p.progress, in, "progress", errors);
  read_connections(in, errors, [&](const FieldReader& c) {
    take(c.optional_string_array(goal_ids_names, list_max, text_max), p.goal_ids, errors);
    take(c.optional_string_array(strategy_ids_names, list_max, text_max), p.strategy_ids, errors);
    take(c.optional_string_array(issue_ids_names, list_max, text_max), p.issue_ids, errors);
  });
  return errors.done(std::move(p));
}

Result<ActionQuery> read_action_query(const QueryReader& q) {
  ActionQuery query;
  Errors errors;
  auto page = q.page(static_cast<std::int64_t>(limits::page_size_max));
  if (errors.ok(page)) query.page = *page;
  take(q.timestamp(start_names), query.start, errors);
  take(end_bound(q, {"endDate", "end_date"}), query.end, errors);
  take(q.string(assignee_names, limits::id), query.assigned_person_id, errors);
  auto goals = q.strings(goal_ids_names, limits::connections, limits::id);
  if (errors.ok(goals)) query.goal_ids = std::move(*goals);
  auto strategies = q.strings(strategy_ids_names, limits::connections, limits::id);
  if (errors.ok(strategies)) query.strategy_ids = std::move(*strategies);
  auto issues = q.strings(issue_ids_names, limits::connections, limits::id);
  if (errors.ok(issues)) query.issue_ids = std::move(*issues);
  auto statuses = q.enum_values("status", action_status_text);
  if (errors.ok(statuses)) query.statuses = std::move(*statuses);
  auto priorities = q.enum_values("priority", priority_text);
  if (errors.ok(priorities)) query.priorities = std::move(*priorities);
  if (query.start && query.end && *query.end < *query.start) {
    errors.add(Error{ErrorCode::validation_error, "endDate must not be before startDate", "endDate"});
  }
  return errors.done(std::move(query));
}

// --- issues -------------------------------------------------------------------------------

Result<IssueDraft> read_issue_draft(const FieldReader& in) {
  IssueDraft d;
  Errors errors;
  take(in.optional_string("title", text_max), d.title, errors);
  take(in.optional_string("description", text_max), d.description, errors);
  take(in.optional_string(type_names, text_max), d.type_config_id, errors);
  take(in.optional_string(status_names, text_max), d.status_config_id, errors);
  auto impact = in.optional_enum(impact_names, priority_text);  // errors name the spelling sent
  if (errors.ok(impact) && *impact) d.impact = std::string(priority_text.name(**impact));
  take(in.optional_string("priority", limits::short_text), d.priority, errors);
  take(in.optional_string(reporter_names, text_max), d.reporter_id, errors);
  take(in.optional_string(reporter_name_names, text_max), d.reporter_name, errors);
  take(in.optional_string(assignee_names, text_max), d.assigned_person_id, errors);
  take(in.optional_string(assignee_name_names, text_max), d.assigned_person_name, errors);
  take(in.optional_timestamp(due_names), d.due_date, errors);
  take(in.optional_number(hours_estimated_names, -huge, huge), d.estimated_hours, errors);
  take(in.optional_number(hours_actual_names, -huge, huge), d.actual_hours, errors);
  take(in.optional_string_array("tags", list_max, text_max), d.tags, errors);
  take(in.optional_int(display_order_names, int_min, int_max), d.display_order, errors);
  read_connections(in, errors, [&](const FieldReader& c) {
    take(c.optional_string_array(goal_ids_names, list_max, text_max), d.connections.goal_ids, errors);
    take(c.optional_string_array(strategy_ids_names, list_max, text_max), d.connections.strategy_ids, errors);
  });
  auto rca = read_root_cause(in);
  if (errors.ok(rca) && *rca && **rca) d.root_cause_analysis = std::move(***rca);
  take(in.optional_string(resolution_names, text_max), d.resolution_notes, errors);
  return errors.done(std::move(d));
}

Result<IssuePatch> read_issue_patch(const FieldReader& in) {
  IssuePatch p;
  Errors errors;
  take_value(in.patch_string("title", text_max), p.title, in, "title", errors);
  take_text(in.patch_string("description", text_max), p.description, errors);
  take_patch(in.patch_string(type_names, text_max), p.type_config_id, errors);
  take_value(in.patch_string(status_names, text_max), p.status_config_id, in, status_names, errors);
  std::optional<Priority> impact;
  take_value(in.patch_enum(impact_names, priority_text), impact, in, impact_names, errors);
  if (impact) p.impact = std::string(priority_text.name(*impact));
  take_value(in.patch_string("priority", limits::short_text), p.priority, in, "priority", errors);
  take_value(in.patch_string(reporter_names, text_max), p.reporter_id, in, reporter_names, errors);
  take_text(in.patch_string(reporter_name_names, text_max), p.reporter_name, errors);
  take_text(in.patch_string(assignee_names, text_max), p.assigned_person_id, errors);
  take_text(in.patch_string(assignee_name_names, text_max), p.assigned_person_name, errors);
  take_patch(in.patch_timestamp(due_names), p.due_date, errors);
  take_patch(in.patch_number(hours_estimated_names, -huge, huge), p.estimated_hours, errors);
  take_patch(in.patch_number(hours_actual_names, -huge, huge), p.actual_hours, errors);
  take(in.optional_string_array("tags", list_max, text_max), p.tags, errors);
  take_value(in.patch_int(display_order_names, int_min, int_max), p.display_order, in, display_order_names, errors);
  read_connections(in, errors, [&](const FieldReader& c) {
    take(c.optional_string_array(goal_ids_names, list_max, text_max), p.goal_ids, errors);
    take(c.optional_string_array(strategy_ids_names, list_max, text_max), p.strategy_ids, errors);
  });
  take_patch(read_root_cause(in), p.root_cause_analysis, errors);
  take_patch(in.patch_string(resolution_names, text_max), p.resolution_notes, errors);
  return errors.done(std::move(p));
}

Result<IssueFilter> read_issue_filter(const QueryReader& q) {
  IssueFilter filter;
  auto& query = filter.query;
  Errors errors;
  auto page = q.page();
  if (errors.ok(page)) query.page = *page;
  auto status = q.strings("status", limits::tags, limits::name);
  if (errors.ok(status)) filter.status = std::move(*status);
  take(q.enum_value("priority", priority_text), query.priority, errors);
  take(q.enum_value(impact_names, priority_text), query.impact, errors);
  take(q.string(reporter_names, limits::id), query.reporter_id, errors);
  take(q.string(assignee_names, limits::id), query.assigned_to, errors);
  take(q.string(type_names, limits::id), query.type_config_id, errors);
  take(q.string("search", limits::short_text), query.search, errors);
  return errors.done(std::move(filter));
}

// --- issue configuration ------------------------------------------------------------------

Result<IssueTypeDraft> read_issue_type_draft(const FieldReader& in) {
  IssueTypeDraft d;
  Errors errors;
  take(in.optional_string("name", text_max), d.name, errors);
  take(in.optional_string("description", text_max), d.description, errors);
  take(in.optional_string("color", limits::short_text), d.color, errors);
  take(in.optional_string("icon", text_max), d.icon, errors);
  take(in.optional_int("order", int_min, int_max), d.order, errors);
  take(in.optional_bool(default_names), d.is_default, errors);
  return errors.done(std::move(d));
}

Result<IssueTypePatch> read_issue_type_patch(const FieldReader& in) {
  IssueTypePatch p;
  Errors errors;
  take_value(in.patch_string("name", text_max), p.name, in, "name", errors);
  take_text(in.patch_string("description", text_max), p.description, errors);
  take_text(in.patch_string("color", limits::short_text), p.color, errors);
  take_text(in.patch_string("icon", text_max), p.icon, errors);
  take_value(in.patch_int("order", int_min, int_max), p.order, in, "order", errors);
  take(in.optional_bool(default_names), p.is_default, errors);
  return errors.done(std::move(p));
}

Result<IssueTypeFilter> read_issue_type_filter(const QueryReader& q) {
  IssueTypeFilter filter;
  Errors errors;
  take(q.boolean({"includeInactive", "include_inactive"}), filter.include_inactive, errors);
  take(q.boolean({"includeSystem", "include_system"}), filter.include_system, errors);
  return errors.done(filter);
}

Result<IssueStatusDraft> read_issue_status_draft(const FieldReader& in) {
  IssueStatusDraft d;
  Errors errors;
  take(in.optional_string("name", text_max), d.name, errors);
  take(in.optional_string("category", limits::short_text), d.category, errors);
  take(in.optional_string("description", text_max), d.description, errors);
  take(in.optional_string("color", limits::short_text), d.color, errors);
  take(in.optional_string("icon", text_max), d.icon, errors);
  take(in.optional_int("order", int_min, int_max), d.order, errors);
  return errors.done(std::move(d));
}

Result<IssueStatusPatch> read_issue_status_patch(const FieldReader& in) {
  IssueStatusPatch p;
  Errors errors;
  take_value(in.patch_string("name", text_max), p.name, in, "name", errors);
  take_value(in.patch_string("category", limits::short_text), p.category, in, "category", errors);
  take_text(in.patch_string("description", text_max), p.description, errors);
  take_text(in.patch_string("color", limits::short_text), p.color, errors);
  take_text(in.patch_string("icon", text_max), p.icon, errors);
  take_value(in.patch_int("order", int_min, int_max), p.order, in, "order", errors);
  return errors.done(std::move(p));
}

Result<IssueStatusFilter> read_issue_status_filter(const QueryReader& q) {
  IssueStatusFilter filter;
  Errors errors;
  take(q.enum_value("category", issue_status_category_text), filter.category, errors);
  take(q.boolean({"includeInactive", "include_inactive"}), filter.include_inactive, errors);
  take(q.boolean({"includeSystem", "include_system"}), filter.include_system, errors);
  return errors.done(filter);
}

Result<StatusReorder> read_status_reorder(const FieldReader& in) {
  StatusReorder r;
  Errors errors;
  auto category = in.required_string("category", limits::short_text);
  if (errors.ok(category)) r.category = std::move(*category);
  auto ids = read_id_list(in, {"statusIds", "status_ids"});
  if (errors.ok(ids)) r.status_ids = std::move(*ids);
  return errors.done(std::move(r));
}

Result<std::vector<std::string>> read_id_list(const FieldReader& in, const FieldNames& names) {
  const auto* value = in.find(names);
  if (value == nullptr || value->is_null()) {
    const auto name = in.field_name(names);
    return invalid(name, name + " is required (an array of ids)");
  }
  return in.string_array(names, list_max, text_max);
}

Result<KpiUpdateDraft> read_kpi_update(const FieldReader& in) {
  KpiUpdateDraft d;
  Errors errors;
  take(in.optional_string({"actionId", "action_id"}, text_max), d.action_id, errors);
  // sharedKpiId is the catalog KPI's id; it wins when a client sends both.
  take(in.optional_string({"sharedKpiId", "kpiId", "shared_kpi_id", "kpi_id"}, text_max), d.kpi_id, errors);
  take(in.optional_string({"horizonId", "horizon_id"}, text_max), d.horizon_id, errors);
  take(in.optional_number({"newValue", "new_value", "value"}, -huge, huge), d.new_value, errors);
  take(in.optional_date({"updateDate", "update_date"}), d.update_date, errors);
  take(in.optional_string({"notes", "reason"}, text_max), d.notes, errors);
  take(in.optional_bool("replace"), d.replace, errors);
  return errors.done(std::move(d));
}

}  // namespace traction::http
