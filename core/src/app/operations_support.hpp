#pragma once
// Internal to the operations use cases: loading actions and issues with the right
// not-found error, checking that links name live entities of the tenant, the issue view,
// and the issue list's status filter.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "issue_config_store.hpp"
#include "traction/app/operations_service.hpp"
#include "write_scope.hpp"

namespace traction::detail {

// A live action / issue of the tenant, or ACTION_NOT_FOUND / ISSUE_NOT_FOUND.
[[nodiscard]] Result<Action> load_action(ports::Transaction& tx, std::string_view tenant, std::string_view id);
[[nodiscard]] Result<Issue> load_issue(ports::Transaction& tx, std::string_view tenant, std::string_view id);

enum class LinkKind { goal, strategy, issue, action };

// Every id names a live entity of that kind in the tenant; otherwise 400 VALIDATION_ERROR
// naming `field` and the first id that does not.
[[nodiscard]] Status check_links(ports::Transaction& tx, std::string_view tenant, std::string_view field,
                                 std::span<const std::string> ids, LinkKind kind);

// The links of an action's connections (all of them, or those a patch gave).
[[nodiscard]] Status check_action_links(ports::Transaction& tx, const Action& action, bool goals, bool strategies,
                                        bool issues);

// The issue with the actions that name it and its type and status rows.
[[nodiscard]] Result<IssueView> issue_view(ports::Transaction& tx, Issue issue, const IssueConfigRows& config);

// The status ids a list filter names (see OperationsService): ids, then categories, then
// names; each matched id once.
[[nodiscard]] std::vector<std::string> resolve_status_filter(std::span<const std::string> values,
                                                             std::span<const IssueStatus> statuses);

// Whether the status id names a closed-category status of the tenant.
[[nodiscard]] bool in_closed_category(const std::optional<std::string>& status_id, const IssueConfigRows& config);

}  // namespace traction::detail
