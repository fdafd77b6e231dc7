#include "traction/domain/action_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

Result<std::string> checked_title(std::string_view raw) { return required_text("title", raw, limits::title); }

Status bounded(std::string_view field, std::string_view value, std::size_t max) {
  if (auto ok = bounded_text(field, value, max); !ok) return fail(ok.error());
  return {};
}

Result<Priority> checked_priority(std::string_view text) {
  const auto p = priority_text.parse(text);
  if (!p) return invalid("priority", fmt::format("priority must be one of: {}.", priority_text.choices()));
  return *p;
}

Result<ActionStatus> checked_status(std::string_view text) {
  const auto s = action_status_text.parse(text);
  if (!s) return invalid("status", fmt::format("status must be one of: {}.", action_status_text.choices()));
  return *s;
}

Status checked_progress(double progress) {
  if (std::isfinite(progress) && progress >= 0 && progress <= 100) return {};
  return invalid("progress", "progress must be a number from 0 to 100.");
}

Status checked_dates(const std::optional<Timestamp>& start, const std::optional<Timestamp>& due) {
  if (!start || !due || date_of(*due) >= date_of(*start)) return {};
  return invalid("dueDate", fmt::format("dueDate ({}) cannot be before startDate ({}).",
                                        format_date(date_of(*due)), format_date(date_of(*start))));
}

Result<std::string> checked_assignee_id(std::string_view raw) {
  auto id = trimmed(raw);
  if (auto ok = bounded("assignedPersonId", id, limits::id); !ok) return std::unexpected(ok.error());
  return id;
}

Result<std::string> checked_assignee_name(std::string_view raw) {
  auto name = trimmed(raw);
  if (auto ok = bounded("assignedPersonName", name, limits::short_text); !ok) return std::unexpected(ok.error());
  return name;
}

// Completion follows the status: see the header.
void apply_status_effects(ActionStatus before, Action& a, Timestamp now, ActionChange& change) {
  const bool was = before == ActionStatus::completed;
  const bool is = a.status == ActionStatus::completed;
  if (is) a.progress = 100;
  if (is && !was) {
    a.completed_at = now;
    change.completed = true;
  }
  if (was && !is) {
    a.completed_at.reset();
    change.reopened = true;
  }
}

}  // namespace

Result<std::vector<std::string>> clean_connection_ids(std::string_view field,
                                                      std::span<const std::string> ids) {
  std::vector<std::string> out;
  out.reserve(std::min(ids.size(), limits::connections));
  for (const auto& raw : ids) {
    auto id = trimmed(raw);
    if (id.empty()) return invalid(std::string(field), fmt::format("{} cannot contain an empty id.", field));
    if (text_length(id) > limits::id) {
      return invalid(std::string(field), fmt::format("{}: an id must be at most {} characters.", field, limits::id));
    }
    if (std::find(out.begin(), out.end(), id) != out.end()) continue;
    if (out.size() == limits::connections) {
      return invalid(std::string(field), fmt::format("{} may hold at most {} ids.", field, limits::connections));
    }
    out.push_back(std::move(id));
  }
  return out;
}

Result<ActionChange> make_action(const ActionDraft& draft, std::string id, const AuthContext& actor,
                                 Timestamp now) {
  Action a;
  a.id = std::move(id);
  a.tenant = actor.tenant;
  auto title = checked_title(draft.title);
  if (!title) return std::unexpected(title.error());
  a.title = std::move(*title);
  a.description = draft.description.value_or("");
  if (auto ok = bounded("description", a.description, limits::long_text); !ok) return std::unexpected(ok.error());
  if (auto ok = checked_dates(draft.start_date, draft.due_date); !ok) return std::unexpected(ok.error());
  a.start_date = draft.start_date;
  a.due_date = draft.due_date;
  if (draft.priority) {
    auto p = checked_priority(*draft.priority);
    if (!p) return std::unexpected(p.error());
    a.priority = *p;
  }
  if (draft.status) {
    auto s = checked_status(*draft.status);
    if (!s) return std::unexpected(s.error());
    a.status = *s;
  }
  auto assignee_id = checked_assignee_id(draft.assigned_person_id.value_or(""));
  if (!assignee_id) return std::unexpected(assignee_id.error());
  a.assigned_person_id = std::move(*assignee_id);
  auto assignee_name = checked_assignee_name(draft.assigned_person_name.value_or(""));
  if (!assignee_name) return std::unexpected(assignee_name.error());
  a.assigned_person_name = std::move(*assignee_name);
  if (draft.progress) {
    if (auto ok = checked_progress(*draft.progress); !ok) return std::unexpected(ok.error());
    a.progress = *draft.progress;
  }
  auto goals = clean_connection_ids("connections.goalIds", draft.connections.goal_ids);
  if (!goals) return std::unexpected(goals.error());
  auto strategies = clean_connection_ids("connections.strategyIds", draft.connections.strategy_ids);
  if (!strategies) return std::unexpected(strategies.error());
  auto issues = clean_connection_ids("connections.issueIds", draft.connections.issue_ids);
  if (!issues) return std::unexpected(issues.error());
  a.connections = {std::move(*goals), std::move(*strategies), std::move(*issues)};
  a.created_at = now;
  a.updated_at = now;
  a.created_by = actor.user_id;
  a.updated_by = actor.user_id;

  ActionChange change;
  apply_status_effects(ActionStatus::not_started, a, now, change);
  change.action = std::move(a);
  return change;
}

Result<ActionChange> apply_action_patch(const Action& current, const ActionPatch& patch,
                                        const AuthContext& actor, Timestamp now) {
  Action a = current;
  if (patch.title) {
    auto title = checked_title(*patch.title);
    if (!title) return std::unexpected(title.error());
    a.title = std::move(*title);
  }
  if (patch.description) {
    if (auto ok = bounded("description", *patch.description, limits::long_text); !ok) {
      return std::unexpected(ok.error());
    }
    a.description = *patch.description;
  }
  if (patch.start_date) a.start_date = *patch.start_date;
  if (patch.due_date) a.due_date = *patch.due_date;
  if (patch.start_date || patch.due_date) {
    if (auto ok = checked_dates(a.start_date, a.due_date); !ok) return std::unexpected(ok.error());
  }
  if (patch.priority) {
    auto p = checked_priority(*patch.priority);
    if (!p) return std::unexpected(p.error());
    a.priority = *p;
  }
  if (patch.status) {
    auto s = checked_status(*patch.status);
    if (!s) return std::unexpected(s.error());
    a.status = *s;
  }
  if (patch.assigned_person_id) {
    auto v = checked_assignee_id(*patch.assigned_person_id);
    if (!v) return std::unexpected(v.error());
    a.assigned_person_id = std::move(*v);
  }
  if (patch.assigned_person_name) {
    auto v = checked_assignee_name(*patch.assigned_person_name);
    if (!v) return std::unexpected(v.error());
    a.assigned_person_name = std::move(*v);
  }
  if (patch.progress) {
    if (auto ok = checked_progress(*patch.progress); !ok) return std::unexpected(ok.error());
    a.progress = *patch.progress;
  }
  if (patch.goal_ids) {
    auto v = clean_connection_ids("connections.goalIds", *patch.goal_ids);
    if (!v) return std::unexpected(v.error());
    a.connections.goal_ids = std::move(*v);
  }
  if (patch.strategy_ids) {
    auto v = clean_connection_ids("connections.strategyIds", *patch.strategy_ids);
    if (!v) return std::unexpected(v.error());
    a.connections.strategy_ids = std::move(*v);
  }
  if (patch.issue_ids) {
    auto v = clean_connection_ids("connections.issueIds", *patch.issue_ids);
    if (!v) return std::unexpected(v.error());
    a.connections.issue_ids = std::move(*v);
  }
  a.updated_at = now;
  a.updated_by = actor.user_id;

  ActionChange change;
  apply_status_effects(current.status, a, now, change);
  change.action = std::move(a);
  return change;
}

}  // namespace traction
