#include "traction/app/activity_service.hpp"

#include <fmt/format.h>

#include "write_scope.hpp"

namespace traction {
namespace {

std::string_view feed_type_of(ActivityType type) {
  switch (type) {
    case ActivityType::decision: return "decision_recorded";
    case ActivityType::attachment: return "attachment_added";
    case ActivityType::weekly_review: return "weekly_review_added";
    case ActivityType::note:
    case ActivityType::system: return "note_added";
  }
  return "note_added";
}

}  // namespace

Result<Page<Activity>> ActivityService::list(const AuthContext& actor, std::string_view goal_id,
                                             const ActivityQuery& query) {
  return read_tx(deps_.store, [&](ports::Transaction& tx) -> Result<Page<Activity>> {
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    return tx.activities().list(actor.tenant, goal_id, query);
  });
}

namespace {

template <class Make>
Result<Activity> add_entry(Dependencies& deps, const AuthContext& actor, std::string_view goal_id, Make&& make) {
  return write_tx(deps.store, [&](ports::Transaction& tx) -> Result<Activity> {
    detail::Scope scope{tx, actor, deps.clock.now(), deps.ids, deps.settings};
    auto goal = detail::load_goal(tx, actor.tenant, goal_id);
    if (!goal) return fail(goal.error());
    auto activity = make(std::string(goal_id), deps.ids.next(), scope.now);
    if (!activity) return activity;
    auto stored = detail::append_activity(scope, std::move(*activity));
    if (!stored) return stored;
    if (auto s = detail::record_feed(scope, feed_type_of(stored->type), "goal", goal->id, goal->title,
                                     fmt::format("{} added to goal \"{}\"",
                                                 activity_type_text.name(stored->type), goal->title));
        !s) {
      return fail(s.error());
    }
    return stored;
  });
}

}  // namespace

Result<Activity> ActivityService::create(const AuthContext& actor, std::string_view goal_id,
                                         const ActivityDraft& draft) {
  return add_entry(deps_, actor, goal_id, [&](std::string gid, std::string id, Timestamp now) {
    return make_activity(draft, actor, std::move(gid), std::move(id), now);
  });
}

Result<Activity> ActivityService::add_note(const AuthContext& actor, std::string_view goal_id,
                                           const NoteDraft& draft) {
  return add_entry(deps_, actor, goal_id, [&](std::string gid, std::string id, Timestamp now) {
    return make_note(draft, actor, std::move(gid), std::move(id), now);
  });
}

Result<std::vector<FeedEntry>> ActivityService::recent(const AuthContext& actor, std::size_t size) {
  if (size < 1 || size > recent_activity_max) {
    return invalid("size", fmt::format("size must be from 1 to {}", recent_activity_max));
  }
  return read_tx(deps_.store, [&](ports::Transaction& tx) { return tx.feed().recent(actor.tenant, size); });
}

}  // namespace traction
