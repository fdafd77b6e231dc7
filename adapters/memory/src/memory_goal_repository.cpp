#include "traction/memory/memory_goal_repository.hpp"

#include <algorithm>

#include "list_helpers.hpp"

namespace traction::memory {
namespace {

const StringMap<Goal>* goals_of(const MemoryTxContext& tx, std::string_view tenant) {
  const auto* state = tx.find_tenant(tenant);
  return state == nullptr ? nullptr : &state->goals;
}

bool is_live(const Goal& goal) { return !goal.deleted_at.has_value(); }

// Oldest first, ties by id.
bool created_before(const Goal& a, const Goal& b) {
  if (a.created_at != b.created_at) return a.created_at < b.created_at;
  return a.id < b.id;
}

// The tenant's live goals for which `keep` holds, oldest first.
template <class Keep>
std::vector<Goal> live_goals(const MemoryTxContext& tx, std::string_view tenant, Keep keep) {
  std::vector<Goal> out;
  const auto* goals = goals_of(tx, tenant);
  if (goals == nullptr) return out;
  for (const auto& [id, goal] : *goals) {
    if (is_live(goal) && keep(goal)) out.push_back(goal);
  }
  std::sort(out.begin(), out.end(), created_before);
  return out;
}

bool any_goal(const Goal&) { return true; }

// Strategies as a read returns them: by order, then id.
Goal stored_form(const Goal& goal) {
  Goal out = goal;
  std::stable_sort(out.strategies.begin(), out.strategies.end(),
                   [](const Strategy& a, const Strategy& b) {
                     if (a.order != b.order) return a.order < b.order;
                     return a.id < b.id;
                   });
  return out;
}

bool matches(const Goal& goal, const GoalQuery& query) {
  if (query.owner_id && goal.owner_id != *query.owner_id) return false;
  if (query.status && goal.status != *query.status) return false;
  if (query.value_tag && std::find(goal.value_tags.begin(), goal.value_tags.end(),
                                   *query.value_tag) == goal.value_tags.end()) {
    return false;
  }
  if (query.horizon && goal.horizon != *query.horizon) return false;
  if (query.level && goal.level != query.level) return false;
  if (query.parent_id && goal.parent_id != query.parent_id) return false;
  if (query.search && !contains_ci(goal.title, *query.search) &&
      !contains_ci(goal.intent, *query.search)) {
    return false;
  }
  return true;
}

// The sort field's comparison alone (0 on a tie).
int compare_field(const Goal& a, const Goal& b, GoalSortField field) {
  switch (field) {
    case GoalSortField::created_at: return compare_values(a.created_at, b.created_at);
    case GoalSortField::updated_at: return compare_values(a.updated_at, b.updated_at);
    case GoalSortField::title: return compare_ci(a.title, b.title);
    case GoalSortField::progress: return compare_values(a.progress, b.progress);
    case GoalSortField::end_date: return compare_values(a.end_date, b.end_date);
    case GoalSortField::status:
      return compare_values(static_cast<int>(a.status), static_cast<int>(b.status));
  }
  return 0;
}

bool sorts_before(const Goal& a, const Goal& b, const GoalSort& sort) {
  if (sort.field == GoalSortField::end_date && a.end_date.has_value() != b.end_date.has_value()) {
    return a.end_date.has_value();  // no end date: last either way
  }
  const int c = compare_field(a, b, sort.field);
  if (c != 0) return sort.descending ? c > 0 : c < 0;
  return sort.descending ? a.id > b.id : a.id < b.id;  // ties by id, same direction
}

}  // namespace

Result<std::optional<Goal>> MemoryGoalRepository::find(std::string_view tenant,
                                                        std::string_view id) {
  auto goal = find_including_deleted(tenant, id);
  if (goal && *goal && !is_live(**goal)) return std::optional<Goal>{};
  return goal;
}

Result<std::optional<Goal>> MemoryGoalRepository::find_including_deleted(std::string_view tenant,
                                                                         std::string_view id) {
  const auto* goals = goals_of(tx_, tenant);
  if (goals == nullptr) return std::optional<Goal>{};
  const auto it = goals->find(id);
  if (it == goals->end()) return std::optional<Goal>{};
  return std::optional<Goal>{it->second};
}

Result<Page<Goal>> MemoryGoalRepository::list(std::string_view tenant, const GoalQuery& query) {
  auto rows = live_goals(tx_, tenant, [&](const Goal& goal) { return matches(goal, query); });
  std::sort(rows.begin(), rows.end(),
            [&](const Goal& a, const Goal& b) { return sorts_before(a, b, query.sort); });
  return paginate(std::move(rows), query.page);
}

Result<std::vector<Goal>> MemoryGoalRepository::children(std::string_view tenant,
                                                         std::string_view parent_id) {
  return live_goals(tx_, tenant, [&](const Goal& goal) { return goal.parent_id == parent_id; });
}

Result<std::vector<Goal>> MemoryGoalRepository::all(std::string_view tenant) {
  return live_goals(tx_, tenant, any_goal);
}

Result<std::int64_t> MemoryGoalRepository::count(std::string_view tenant) {
  const auto* goals = goals_of(tx_, tenant);
  if (goals == nullptr) return std::int64_t{0};
  return static_cast<std::int64_t>(std::count_if(
      goals->begin(), goals->end(), [](const auto& row) { return is_live(row.second); }));
}

Result<GoalTally> MemoryGoalRepository::tally(std::string_view tenant) {
  GoalTally tally;
  if (const auto* goals = goals_of(tx_, tenant)) {
    for (const auto& [id, goal] : *goals) count_in(tally, goal);  // counts live goals only
  }
  return tally;
}

Result<std::vector<ports::GoalKey>> MemoryGoalRepository::open_goals() {
  std::vector<ports::GoalKey> out;
  for (const auto& [tenant, state] : tx_.state().tenants) {
    for (const auto& [id, goal] : state.goals) {
      if (is_live(goal) && is_open(goal.status)) out.push_back({tenant, id});
    }
  }
  std::sort(out.begin(), out.end(), [](const ports::GoalKey& a, const ports::GoalKey& b) {
    if (a.tenant != b.tenant) return a.tenant < b.tenant;
    return a.id < b.id;
  });
  return out;
}

Result<std::optional<std::string>> MemoryGoalRepository::goal_of_strategy(
    std::string_view tenant, std::string_view strategy_id) {
  const auto* goals = goals_of(tx_, tenant);
  if (goals == nullptr) return std::optional<std::string>{};
  for (const auto& [id, goal] : *goals) {
    if (is_live(goal) && goal.find_strategy(strategy_id) != nullptr) {
      return std::optional<std::string>{id};
    }
  }
  return std::optional<std::string>{};
}

Result<std::vector<std::string>> MemoryGoalRepository::goals_linking_kpi(
    std::string_view tenant, std::string_view kpi_id) {
  std::vector<std::string> out;
  const auto linking =
      live_goals(tx_, tenant, [&](const Goal& goal) { return goal.find_link(kpi_id) != nullptr; });
  for (const auto& goal : linking) out.push_back(goal.id);
  return out;
}

Status MemoryGoalRepository::insert(const Goal& goal) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(goal.tenant);
  if (state.goals.contains(goal.id)) {
    return fail(ErrorCode::internal, "a goal with this id already exists");
  }
  insert_row(tx_, state.goals, goal.id, stored_form(goal));
  return {};
}

Status MemoryGoalRepository::update(Goal& goal) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto* row = find_row_for_write(tx_, &TenantState::goals, goal.tenant, goal.id);
  if (row == nullptr) return fail(ErrorCode::goal_not_found, "goal not found");
  if (row->version != goal.version) {
    return fail(ErrorCode::version_conflict, "the goal was changed by someone else");
  }
  auto stored = stored_form(goal);
  stored.version = goal.version + 1;
  replace_row(tx_, *row, std::move(stored));
  goal.version += 1;
  return {};
}

}  // namespace traction::memory
