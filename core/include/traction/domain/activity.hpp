#pragma once
// A goal's activity feed (001 "Goal Activity").

#include <string>

#include "traction/enum_text.hpp"
#include "traction/time.hpp"

namespace traction {

enum class ActivityType { weekly_review, note, system, decision, attachment };
inline constexpr EnumText<ActivityType, 5> activity_type_text{{{
    {ActivityType::weekly_review, "weekly_review"},
    {ActivityType::note, "note"},
    {ActivityType::system, "system"},
    {ActivityType::decision, "decision"},
    {ActivityType::attachment, "attachment"},
}}};

struct Activity {
  std::string id;
  std::string tenant;
  std::string goal_id;
  ActivityType type = ActivityType::note;
  std::string text;
  std::string title;
  std::string url;
  std::string metadata_json = "{}";     // a JSON object, serialized
  std::string attachments_json = "[]";  // a JSON array, serialized (notes' attachments)
  Timestamp created_at{};
  std::string created_by;
  std::string created_by_name;

  friend bool operator==(const Activity&, const Activity&) = default;
};

}  // namespace traction
