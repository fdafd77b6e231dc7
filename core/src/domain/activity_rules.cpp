#include "traction/domain/activity_rules.hpp"

#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

Activity base(const AuthContext& actor, std::string goal_id, std::string id, Timestamp now) {
  Activity activity;
  activity.id = std::move(id);
  activity.tenant = actor.tenant;
  activity.goal_id = std::move(goal_id);
  activity.created_at = now;
  activity.created_by = actor.user_id;
  activity.created_by_name = actor.user_name;
  return activity;
}

}  // namespace

Result<Activity> make_activity(const ActivityDraft& draft, const AuthContext& actor, std::string goal_id,
                               std::string id, Timestamp now) {
  if (!draft.type) return invalid("type", "type is required");
  auto activity = base(actor, std::move(goal_id), std::move(id), now);
  activity.type = *draft.type;
  auto url = bounded_text("url", trimmed(draft.url), max_url_length);
  if (!url) return fail(url.error());
  activity.url = std::move(*url);
  if (activity.type == ActivityType::attachment && activity.url.empty()) {
    return invalid("url", "url is required for an attachment");
  }
  auto title = bounded_text("title", draft.title, limits::title);
  if (!title) return fail(title.error());
  activity.title = std::move(*title);
  if (activity.type == ActivityType::attachment && trimmed(draft.text).empty()) {
    activity.text = activity.title.empty() ? activity.url : activity.title;
  } else {
    auto text = required_text("text", draft.text, limits::long_text);
    if (!text) return fail(text.error());
    activity.text = std::move(*text);
  }
  if (draft.metadata_json) {
    auto metadata = json_object_text("metadata", *draft.metadata_json);
    if (!metadata) return fail(metadata.error());
    activity.metadata_json = std::move(*metadata);
  }
  return activity;
}

Result<Activity> make_note(const NoteDraft& draft, const AuthContext& actor, std::string goal_id,
                           std::string id, Timestamp now) {
  auto activity = base(actor, std::move(goal_id), std::move(id), now);
  activity.type = ActivityType::note;
  auto text = required_text("note", draft.note, limits::long_text);
  if (!text) return fail(text.error());
  activity.text = std::move(*text);
  if (draft.attachments_json) {
    const auto body = trimmed(*draft.attachments_json);
    if (body.size() < 2 || body.front() != '[' || body.back() != ']') {
      return invalid("attachments", "attachments must be an array");
    }
    if (body.size() > limits::json_text) {
      return invalid("attachments", "attachments are too large");
    }
    activity.attachments_json = body;
  }
  return activity;
}

}  // namespace traction
