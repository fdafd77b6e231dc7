#pragma once
// Internal to the operations use cases: their entries in the recent-activity feed
// (GET /activity/recent). `type` is one of action_created, action_updated,
// action_completed, action_deleted, issue_created, issue_updated, issue_resolved,
// issue_deleted; the description says what happened ("Action \"Call Acme\" completed").

#include <string_view>

#include "traction/domain/action.hpp"
#include "traction/domain/issue.hpp"
#include "write_scope.hpp"

namespace traction::detail {

[[nodiscard]] Status action_feed(Scope& scope, std::string_view type, const Action& action);
[[nodiscard]] Status issue_feed(Scope& scope, std::string_view type, const Issue& issue);

}  // namespace traction::detail
