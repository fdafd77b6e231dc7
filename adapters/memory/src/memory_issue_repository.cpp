#include "traction/memory/memory_issue_repository.hpp"

#include <algorithm>

#include "list_helpers.hpp"

namespace traction::memory {
namespace {

bool is_live(const Issue& issue) { return !issue.deleted_at.has_value(); }

bool names(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The tenant's live issues for which `keep` holds, oldest first, ties by id.
template <class Keep>
std::vector<Issue> live_issues(const MemoryTxContext& tx, std::string_view tenant, Keep keep) {
  std::vector<Issue> out;
  const auto* state = tx.find_tenant(tenant);
  if (state == nullptr) return out;
  for (const auto& [id, issue] : state->issues) {
    if (is_live(issue) && keep(issue)) out.push_back(issue);
  }
  std::sort(out.begin(), out.end(), [](const Issue& a, const Issue& b) {
    if (a.created_at != b.created_at) return a.created_at < b.created_at;
    return a.id < b.id;
  });
  return out;
}

bool matches(const Issue& issue, const IssueQuery& query) {
  if (!query.status_ids.empty() &&
      (!issue.status_config_id || !names(query.status_ids, *issue.status_config_id))) {
    return false;
  }
  if (query.priority && issue.priority != *query.priority) return false;
  if (query.impact && issue.impact != *query.impact) return false;
  if (query.reporter_id && issue.reporter_id != *query.reporter_id) return false;
  if (query.assigned_to && issue.assigned_person_id != *query.assigned_to) return false;
  if (query.type_config_id && issue.type_config_id != query.type_config_id) return false;
  if (query.search && !contains_ci(issue.title, *query.search) &&
      !contains_ci(issue.description, *query.search)) {
    return false;
  }
  return true;
}

template <class Keep>
std::int64_t count_live(const MemoryTxContext& tx, std::string_view tenant, Keep keep) {
  const auto* state = tx.find_tenant(tenant);
  if (state == nullptr) return 0;
  return static_cast<std::int64_t>(
      std::count_if(state->issues.begin(), state->issues.end(),
                    [&](const auto& row) { return is_live(row.second) && keep(row.second); }));
}

}  // namespace

Result<std::optional<Issue>> MemoryIssueRepository::find(std::string_view tenant,
                                                          std::string_view id) {
  const auto* issue = find_row(tx_, &TenantState::issues, tenant, id);
  if (issue == nullptr || !is_live(*issue)) return std::optional<Issue>{};
  return std::optional<Issue>{*issue};
}

Result<Page<Issue>> MemoryIssueRepository::list(std::string_view tenant,
                                                const IssueQuery& query) {
  auto rows = live_issues(tx_, tenant, [&](const Issue& issue) { return matches(issue, query); });
  std::sort(rows.begin(), rows.end(), [](const Issue& a, const Issue& b) {
    if (a.display_order != b.display_order) return a.display_order < b.display_order;
    if (a.created_at != b.created_at) return a.created_at > b.created_at;
    return a.id < b.id;
  });
  return paginate(std::move(rows), query.page);
}

Result<std::int64_t> MemoryIssueRepository::count_with_type(std::string_view tenant,
                                                            std::string_view type_id) {
  return count_live(tx_, tenant,
                    [&](const Issue& issue) { return issue.type_config_id == type_id; });
}

Result<std::int64_t> MemoryIssueRepository::count_with_status(std::string_view tenant,
                                                              std::string_view status_id) {
  return count_live(tx_, tenant,
                    [&](const Issue& issue) { return issue.status_config_id == status_id; });
}

Result<std::vector<Issue>> MemoryIssueRepository::linked_to_goal(std::string_view tenant,
                                                                 std::string_view goal_id) {
  return live_issues(
      tx_, tenant, [&](const Issue& issue) { return names(issue.connections.goal_ids, goal_id); });
}

Result<std::vector<Issue>> MemoryIssueRepository::linked_to_strategy(
    std::string_view tenant, std::string_view strategy_id) {
  return live_issues(tx_, tenant, [&](const Issue& issue) {
    return names(issue.connections.strategy_ids, strategy_id);
  });
}

Status MemoryIssueRepository::insert(const Issue& issue) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(issue.tenant);
  if (state.issues.contains(issue.id)) {
    return fail(ErrorCode::internal, "an issue with this id already exists");
  }
  insert_row(tx_, state.issues, issue.id, issue);
  return {};
}

Status MemoryIssueRepository::update(Issue& issue) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto* row = find_row_for_write(tx_, &TenantState::issues, issue.tenant, issue.id);
  if (row == nullptr) return fail(ErrorCode::issue_not_found, "issue not found");
  if (row->version != issue.version) {
    return fail(ErrorCode::version_conflict, "the issue was changed by someone else");
  }
  auto stored = issue;
  stored.version = issue.version + 1;
  replace_row(tx_, *row, std::move(stored));
  issue.version += 1;
  return {};
}

}  // namespace traction::memory
