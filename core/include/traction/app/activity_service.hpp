#pragma once
// Goal activity feeds and the tenant's recent activity (001 "Goal Activity",
// GET /activity/recent). New entries are published live after commit.

#include <string_view>
#include <vector>

#include "traction/app/dependencies.hpp"
#include "traction/auth.hpp"
#include "traction/domain/activity_rules.hpp"
#include "traction/domain/feed.hpp"
#include "traction/domain/page.hpp"
#include "traction/ports/queries.hpp"

namespace traction {

inline constexpr std::size_t recent_activity_default = 10;
inline constexpr std::size_t recent_activity_max = 50;

class ActivityService {
 public:
  explicit ActivityService(Dependencies deps) : deps_(deps) {}

  [[nodiscard]] Result<Page<Activity>> list(const AuthContext& actor, std::string_view goal_id,
                                            const ActivityQuery& query);
  [[nodiscard]] Result<Activity> create(const AuthContext& actor, std::string_view goal_id,
                                        const ActivityDraft& draft);
  [[nodiscard]] Result<Activity> add_note(const AuthContext& actor, std::string_view goal_id,
                                          const NoteDraft& draft);
  // Newest first; size 1..50 (VALIDATION_ERROR outside).
  [[nodiscard]] Result<std::vector<FeedEntry>> recent(const AuthContext& actor, std::size_t size);

 private:
  Dependencies deps_;
};

}  // namespace traction
