#include "traction/domain/issue_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "traction/domain/action_rules.hpp"
#include "traction/domain/issue_config_rules.hpp"
#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

Status bounded(std::string_view field, std::string_view value, std::size_t max) {
  if (auto ok = bounded_text(field, value, max); !ok) return fail(ok.error());
  return {};
}

Result<std::string> checked_title(std::string_view raw) { return required_text("title", raw, limits::title); }

Result<std::string> checked_short(std::string_view field, std::string_view raw, std::size_t max) {
  auto value = trimmed(raw);
  if (auto ok = bounded(field, value, max); !ok) return std::unexpected(ok.error());
  return value;
}

Result<Priority> checked_level(std::string_view field, std::string_view text) {
  const auto p = priority_text.parse(text);
  if (!p) return invalid(std::string(field), fmt::format("{} must be one of: {}.", field, priority_text.choices()));
  return *p;
}

Status checked_hours(std::string_view field, const std::optional<double>& hours) {
  if (!hours || (std::isfinite(*hours) && *hours >= 0)) return {};
  return invalid(std::string(field), fmt::format("{} must be a finite number of hours, 0 or more.", field));
}

Result<int> checked_display_order(std::int64_t order) {
  if (order < 0 || order > max_display_order) {
    return invalid("displayOrder", fmt::format("displayOrder must be a whole number from 0 to {}.", max_display_order));
  }
  return static_cast<int>(order);
}

Result<std::optional<RootCauseAnalysis>> checked_root_cause(const RootCauseDraft& d) {
  RootCauseAnalysis rca;
  rca.summary = d.summary.value_or("");
  if (auto ok = bounded("rootCauseAnalysis", rca.summary, limits::long_text); !ok) return std::unexpected(ok.error());
  if (d.method) {
    const auto m = root_cause_method_text.parse(*d.method);
    if (!m) {
      return invalid("rootCauseAnalysis.method",
                     fmt::format("rootCauseAnalysis.method must be one of: {}.", root_cause_method_text.choices()));
    }
    rca.method = *m;
    rca.findings_json = d.findings_json.value_or("{}");
    if (rca.findings_json.empty()) rca.findings_json = "{}";
    if (rca.findings_json.size() > limits::json_text) {
      return invalid("rootCauseAnalysis.findings",
                     fmt::format("rootCauseAnalysis.findings must be at most {} bytes.", limits::json_text));
    }
  } else if (d.findings_json) {
    return invalid("rootCauseAnalysis.method", "rootCauseAnalysis.method is required when findings are given.");
  }
  if (!rca.method && rca.summary.empty()) return std::optional<RootCauseAnalysis>{};
  return std::optional<RootCauseAnalysis>{std::move(rca)};
}

// A type the issue may be given: one of the tenant's, active unless it is already the issue's.
Result<std::string> checked_type(const IssueConfigView& config, std::string_view id,
                                 const std::optional<std::string>& current) {
  const auto it = std::find_if(config.types.begin(), config.types.end(),
                               [&](const IssueType& t) { return t.id == id; });
  if (it == config.types.end()) {
    return invalid("typeConfigId", fmt::format("No issue type \"{}\" exists for this tenant.", id));
  }
  if (!it->is_active && current != id) {
    return invalid("typeConfigId", fmt::format("Issue type \"{}\" is inactive.", it->name));
  }
  return it->id;
}

Result<std::string> checked_status(const IssueConfigView& config, std::string_view id,
                                   const std::optional<std::string>& current) {
  const auto it = std::find_if(config.statuses.begin(), config.statuses.end(),
                               [&](const IssueStatus& s) { return s.id == id; });
  if (it == config.statuses.end()) {
    return invalid("statusId", fmt::format("No issue status \"{}\" exists for this tenant.", id));
  }
  if (!it->is_active && current != id) {
    return invalid("statusId", fmt::format("Issue status \"{}\" is inactive.", it->name));
  }
  return it->id;
}

}  // namespace

Result<std::vector<std::string>> clean_tags(std::string_view field, std::span<const std::string> tags) {
  std::vector<std::string> out;
  for (const auto& raw : tags) {
    auto tag = trimmed(raw);
    if (tag.empty()) return invalid(std::string(field), fmt::format("{} cannot contain an empty tag.", field));
    if (text_length(tag) > limits::tag) {
      return invalid(std::string(field), fmt::format("{}: a tag must be at most {} characters.", field, limits::tag));
    }
    const bool repeat = std::any_of(out.begin(), out.end(), [&](const std::string& t) { return iequals(t, tag); });
    if (repeat) continue;
    if (out.size() == limits::tags) {
      return invalid(std::string(field), fmt::format("{} may hold at most {} tags.", field, limits::tags));
    }
    out.push_back(std::move(tag));
  }
  return out;
}

Result<Issue> make_issue(const IssueDraft& d, const IssueConfigView& config, std::string id,
                         const AuthContext& actor, Timestamp now) {
  Issue issue;
  issue.id = std::move(id);
  issue.tenant = actor.tenant;
  auto title = checked_title(d.title);
  if (!title) return std::unexpected(title.error());
  issue.title = std::move(*title);
  issue.description = d.description.value_or("");
  if (auto ok = bounded("description", issue.description, limits::long_text); !ok) return std::unexpected(ok.error());

  if (d.type_config_id && !d.type_config_id->empty()) {
    auto type = checked_type(config, *d.type_config_id, std::nullopt);
    if (!type) return std::unexpected(type.error());
    issue.type_config_id = std::move(*type);
  } else if (const auto* def = default_issue_type(config.types)) {
    issue.type_config_id = def->id;
  }
  if (d.status_config_id && !d.status_config_id->empty()) {
    auto status = checked_status(config, *d.status_config_id, std::nullopt);
    if (!status) return std::unexpected(status.error());
    issue.status_config_id = std::move(*status);
  } else if (const auto* first = initial_issue_status(config.statuses)) {
    issue.status_config_id = first->id;
  }

  if (d.impact) {
    auto v = checked_level("impact", *d.impact);
    if (!v) return std::unexpected(v.error());
    issue.impact = *v;
  }
  if (d.priority) {
    auto v = checked_level("priority", *d.priority);
    if (!v) return std::unexpected(v.error());
    issue.priority = *v;
  }

  auto reporter = checked_short("reportedBy", d.reporter_id.value_or(actor.user_id), limits::id);
  if (!reporter) return std::unexpected(reporter.error());
  issue.reporter_id = std::move(*reporter);
  const auto default_name = issue.reporter_id == actor.user_id ? actor.user_name : std::string{};
  auto reporter_name = checked_short("reporterName", d.reporter_name.value_or(default_name), limits::short_text);
  if (!reporter_name) return std::unexpected(reporter_name.error());
  issue.reporter_name = std::move(*reporter_name);

  auto assignee = checked_short("assignedPersonId", d.assigned_person_id.value_or(""), limits::id);
  if (!assignee) return std::unexpected(assignee.error());
  issue.assigned_person_id = std::move(*assignee);
  auto assignee_name = checked_short("assignedPersonName", d.assigned_person_name.value_or(""), limits::short_text);
  if (!assignee_name) return std::unexpected(assignee_name.error());
  issue.assigned_person_name = std::move(*assignee_name);

  issue.due_date = d.due_date;
  if (auto ok = checked_hours("estimatedHours", d.estimated_hours); !ok) return std::unexpected(ok.error());
  if (auto ok = checked_hours("actualHours", d.actual_hours); !ok) return std::unexpected(ok.error());
  issue.estimated_hours = d.estimated_hours;
  issue.actual_hours = d.actual_hours;

  auto tags = clean_tags("tags", d.tags);
  if (!tags) return std::unexpected(tags.error());
  issue.tags = std::move(*tags);
  if (d.display_order) {
    auto order = checked_display_order(*d.display_order);
    if (!order) return std::unexpected(order.error());
    issue.display_order = *order;
  }

  auto goals = clean_connection_ids("connections.goalIds", d.connections.goal_ids);
  if (!goals) return std::unexpected(goals.error());
  auto strategies = clean_connection_ids("connections.strategyIds", d.connections.strategy_ids);
  if (!strategies) return std::unexpected(strategies.error());
  issue.connections = {std::move(*goals), std::move(*strategies)};

  if (d.root_cause_analysis) {
    auto rca = checked_root_cause(*d.root_cause_analysis);
    if (!rca) return std::unexpected(rca.error());
    issue.root_cause_analysis = std::move(*rca);
  }
  if (d.resolution_notes) {
    if (auto ok = bounded("resolutionNotes", *d.resolution_notes, limits::long_text); !ok) {
      return std::unexpected(ok.error());
    }
    issue.resolution_notes = d.resolution_notes;
  }

  issue.created_at = now;
  issue.updated_at = now;
  issue.created_by = actor.user_id;
  issue.updated_by = actor.user_id;
  return issue;
}

Result<Issue> apply_issue_patch(const Issue& current, const IssuePatch& p, const IssueConfigView& config,
                                const AuthContext& actor, Timestamp now) {
  Issue issue = current;
  if (p.title) {
    auto title = checked_title(*p.title);
    if (!title) return std::unexpected(title.error());
    issue.title = std::move(*title);
  }
  if (p.description) {
    if (auto ok = bounded("description", *p.description, limits::long_text); !ok) return std::unexpected(ok.error());
    issue.description = *p.description;
  }
  if (p.type_config_id) {
    if (!*p.type_config_id || (*p.type_config_id)->empty()) {
      issue.type_config_id.reset();
    } else {
      auto type = checked_type(config, **p.type_config_id, current.type_config_id);
      if (!type) return std::unexpected(type.error());
      issue.type_config_id = std::move(*type);
    }
  }
  if (p.status_config_id) {
    if (p.status_config_id->empty()) return invalid("statusId", "statusId cannot be empty.");
    auto status = checked_status(config, *p.status_config_id, current.status_config_id);
    if (!status) return std::unexpected(status.error());
    issue.status_config_id = std::move(*status);
  }
  if (p.impact) {
    auto v = checked_level("impact", *p.impact);
    if (!v) return std::unexpected(v.error());
    issue.impact = *v;
  }
  if (p.priority) {
    auto v = checked_level("priority", *p.priority);
    if (!v) return std::unexpected(v.error());
    issue.priority = *v;
  }
  if (p.reporter_id) {
    auto v = checked_short("reportedBy", *p.reporter_id, limits::id);
    if (!v) return std::unexpected(v.error());
    if (v->empty()) return invalid("reportedBy", "reportedBy cannot be empty.");
    issue.reporter_id = std::move(*v);
  }
  if (p.reporter_name) {
    auto v = checked_short("reporterName", *p.reporter_name, limits::short_text);
    if (!v) return std::unexpected(v.error());
    issue.reporter_name = std::move(*v);
  }
  if (p.assigned_person_id) {
    auto v = checked_short("assignedPersonId", *p.assigned_person_id, limits::id);
    if (!v) return std::unexpected(v.error());
    issue.assigned_person_id = std::move(*v);
  }
  if (p.assigned_person_name) {
    auto v = checked_short("assignedPersonName", *p.assigned_person_name, limits::short_text);
    if (!v) return std::unexpected(v.error());
    issue.assigned_person_name = std::move(*v);
  }
  if (p.due_date) issue.due_date = *p.due_date;
  if (p.estimated_hours) {
    if (auto ok = checked_hours("estimatedHours", *p.estimated_hours); !ok) return std::unexpected(ok.error());
    issue.estimated_hours = *p.estimated_hours;
  }
  if (p.actual_hours) {
    if (auto ok = checked_hours("actualHours", *p.actual_hours); !ok) return std::unexpected(ok.error());
    issue.actual_hours = *p.actual_hours;
  }
  if (p.tags) {
    auto tags = clean_tags("tags", *p.tags);
    if (!tags) return std::unexpected(tags.error());
    issue.tags = std::move(*tags);
  }
  if (p.display_order) {
    auto order = checked_display_order(*p.display_order);
    if (!order) return std::unexpected(order.error());
    issue.display_order = *order;
  }
  if (p.goal_ids) {
    auto v = clean_connection_ids("connections.goalIds", *p.goal_ids);
    if (!v) return std::unexpected(v.error());
    issue.connections.goal_ids = std::move(*v);
  }
  if (p.strategy_ids) {
    auto v = clean_connection_ids("connections.strategyIds", *p.strategy_ids);
    if (!v) return std::unexpected(v.error());
    issue.connections.strategy_ids = std::move(*v);
  }
  if (p.root_cause_analysis) {
    if (!*p.root_cause_analysis) {
      issue.root_cause_analysis.reset();
    } else {
      auto rca = checked_root_cause(**p.root_cause_analysis);
      if (!rca) return std::unexpected(rca.error());
      issue.root_cause_analysis = std::move(*rca);
    }
  }
  if (p.resolution_notes) {
    if (*p.resolution_notes) {
      if (auto ok = bounded("resolutionNotes", **p.resolution_notes, limits::long_text); !ok) {
        return std::unexpected(ok.error());
      }
    }
    issue.resolution_notes = *p.resolution_notes;
  }
  issue.updated_at = now;
  issue.updated_by = actor.user_id;
  return issue;
}

}  // namespace traction
