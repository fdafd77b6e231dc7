#include "traction/memory/memory_activity_repository.hpp"

#include "list_helpers.hpp"
#include "newest_first.hpp"

namespace traction::memory {

Status MemoryActivityRepository::insert(const Activity& activity) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(activity.tenant);
  if (state.activity_ids.contains(activity.id)) {
    return fail(ErrorCode::internal, "an activity with this id already exists");
  }
  insert_key(tx_, state.activity_ids, activity.id);
  append_row(tx_, entry_for_write(tx_, state.activities, activity.goal_id), activity);
  return {};
}

Result<Page<Activity>> MemoryActivityRepository::list(std::string_view tenant,
                                                      std::string_view goal_id,
                                                      const ActivityQuery& query) {
  const auto* rows = find_row(tx_, &TenantState::activities, tenant, goal_id);
  if (rows == nullptr) return paginate(std::vector<Activity>{}, query.page);
  std::vector<Activity> matching;
  for (const auto& activity : *rows) {
    if (!query.type || activity.type == *query.type) matching.push_back(activity);
  }
  return paginate(newest_first(std::move(matching), [](const Activity& a) { return a.created_at; }),
                  query.page);
}

}  // namespace traction::memory
