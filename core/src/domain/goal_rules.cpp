#include "traction/domain/goal_rules.hpp"

#include <fmt/format.h>

#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

Status check_period(const std::optional<Date>& start, const std::optional<Date>& end) {
  if (start && end && *end < *start) {
    return invalid("endDate", "endDate must not be before startDate");
  }
  return {};
}

Result<std::string> owner_id_of(const std::optional<std::string>& given, const AuthContext& actor) {
  if (!given) return actor.user_id;
  return required_text("ownerId", *given, limits::id);
}

}  // namespace

std::string_view status_display_name(GoalStatus status) {
  switch (status) {
    case GoalStatus::draft: return "Draft";
    case GoalStatus::active: return "Active";
    case GoalStatus::paused: return "Paused";
    case GoalStatus::completed: return "Completed";
    case GoalStatus::cancelled: return "Cancelled";
  }
  return "Unknown";
}

Result<Goal> make_goal(const GoalDraft& draft, const AuthContext& actor, std::string id,
                       Timestamp now) {
  Goal goal;
  goal.id = std::move(id);
  goal.tenant = actor.tenant;

  auto title = required_text("title", draft.title, limits::title);
  if (!title) return fail(title.error());
  goal.title = std::move(*title);

  auto intent = bounded_text("intent", draft.intent, limits::long_text);
  if (!intent) return fail(intent.error());
  goal.intent = std::move(*intent);

  auto owner = owner_id_of(draft.owner_id, actor);
  if (!owner) return fail(owner.error());
  goal.owner_id = std::move(*owner);
  const auto default_name = goal.owner_id == actor.user_id ? actor.user_name : std::string{};
  auto owner_name = bounded_text("ownerName", draft.owner_name.value_or(default_name),
                                 limits::short_text);
  if (!owner_name) return fail(owner_name.error());
  goal.owner_name = std::move(*owner_name);

  if (!draft.horizon) return invalid("horizon", "horizon is required");
  goal.horizon = *draft.horizon;

  const auto status = draft.status.value_or(GoalStatus::draft);
  if (status != GoalStatus::draft && status != GoalStatus::active) {
    return invalid("status", "A new goal's status must be draft or active");
  }
  goal.status = status;

  auto tags = tag_list("valueTags", draft.value_tags, limits::tag, limits::tags);
  if (!tags) return fail(tags.error());
  goal.value_tags = std::move(*tags);

  if (draft.metadata_json) {
    auto metadata = json_object_text("metadata", *draft.metadata_json);
    if (!metadata) return fail(metadata.error());
    goal.metadata_json = std::move(*metadata);
  }

  goal.level = draft.level;
  goal.parent_id = draft.parent_id;
  if (auto period = check_period(draft.start_date, draft.end_date); !period) return fail(period.error());
  goal.start_date = draft.start_date;
  goal.end_date = draft.end_date;

  if (draft.progress) {
    auto progress = number_in("progress", *draft.progress, 0, 100);
    if (!progress) return fail(progress.error());
    goal.entered_progress = *progress;
    goal.progress = *progress;
  }
  goal.progress_basis = ProgressBasis::entered;
  goal.calculation_source = CalculationSource::automatic;

  goal.created_at = now;
  goal.updated_at = now;
  goal.created_by = actor.user_id;
  goal.updated_by = actor.user_id;
  goal.version = 1;
  return goal;
}

Status apply_goal_patch(Goal& goal, const GoalPatch& patch, const AuthContext& actor, Timestamp now) {
  if (patch.expected_version && *patch.expected_version != goal.version) {
    return fail(ErrorCode::version_conflict,
                fmt::format("The goal was changed by someone else (version {} is current, {} was given)",
                            goal.version, *patch.expected_version));
  }
  if (patch.status && *patch.status != goal.status) {
    return fail(ErrorCode::invalid_status_transition,
                "A goal's status changes only through :activate, :pause and :close", "status");
  }
  // Validate everything first, then change: a refused patch leaves the goal untouched.
  Goal next = goal;
  if (patch.title) {
    auto title = required_text("title", *patch.title, limits::title);
    if (!title) return fail(title.error());
    next.title = std::move(*title);
  }
  if (patch.intent) {
    auto intent = bounded_text("intent", *patch.intent, limits::long_text);
    if (!intent) return fail(intent.error());
    next.intent = std::move(*intent);
  }
  if (patch.owner_id) {
    auto owner = required_text("ownerId", *patch.owner_id, limits::id);
    if (!owner) return fail(owner.error());
    next.owner_id = std::move(*owner);
  }
  if (patch.owner_name) {
    auto name = bounded_text("ownerName", *patch.owner_name, limits::short_text);
    if (!name) return fail(name.error());
    next.owner_name = std::move(*name);
  }
  if (patch.horizon) next.horizon = *patch.horizon;
  if (patch.value_tags) {
    auto tags = tag_list("valueTags", *patch.value_tags, limits::tag, limits::tags);
    if (!tags) return fail(tags.error());
    next.value_tags = std::move(*tags);
  }
  if (patch.metadata_json) {
    auto metadata = json_object_text("metadata", *patch.metadata_json);
    if (!metadata) return fail(metadata.error());
    next.metadata_json = std::move(*metadata);
  }
  if (patch.level) next.level = *patch.level;
  if (patch.start_date) next.start_date = *patch.start_date;
  if (patch.end_date) next.end_date = *patch.end_date;
  if (auto period = check_period(next.start_date, next.end_date); !period) return period;
  if (patch.progress) {
    auto progress = number_in("progress", *patch.progress, 0, 100);
    if (!progress) return fail(progress.error());
    next.entered_progress = *progress;
  }
  next.updated_at = now;
  next.updated_by = actor.user_id;
  goal = std::move(next);
  return {};
}

void soft_delete(Goal& goal, const AuthContext& actor, Timestamp now) {
  goal.deleted_at = now;
  goal.updated_at = now;
  goal.updated_by = actor.user_id;
}

}  // namespace traction
