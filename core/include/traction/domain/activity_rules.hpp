#pragma once
// Goal activity entries (001 "Goal Activity"): weekly reviews, notes, system entries,
// decisions and attachments.

#include <optional>
#include <string>

#include "traction/auth.hpp"
#include "traction/domain/activity.hpp"
#include "traction/error.hpp"

namespace traction {

inline constexpr std::size_t max_url_length = 2048;

struct ActivityDraft {
  std::optional<ActivityType> type;  // required
  std::string text;                  // required, except for attachments (which need a url)
  std::string title;
  std::string url;
  std::optional<std::string> metadata_json;  // a JSON object
};

// POST /goals/{id}/notes: {note, attachments[]?} is a note entry.
struct NoteDraft {
  std::string note;                             // required
  std::optional<std::string> attachments_json;  // a JSON array, serialized by the adapter
};

[[nodiscard]] Result<Activity> make_activity(const ActivityDraft& draft, const AuthContext& actor,
                                             std::string goal_id, std::string id, Timestamp now);
[[nodiscard]] Result<Activity> make_note(const NoteDraft& draft, const AuthContext& actor,
                                         std::string goal_id, std::string id, Timestamp now);

}  // namespace traction
