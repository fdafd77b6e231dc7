#pragma once
// The operations route modules, registered together by register_operations_routes
// (traction/http/domain_routes.hpp).

#include "traction/app/services.hpp"
#include "traction/http/router.hpp"

namespace traction::http {

// /api/operations/actions, /api/operations/actions/{actionId}.
void register_operations_action_routes(Router& router, OperationsService& operations);
// /api/operations/issues, /api/operations/issues/{issueId}.
void register_operations_issue_routes(Router& router, OperationsService& operations);
// /api/operations/issue-types..., /api/operations/issue-statuses...
void register_operations_issue_config_routes(Router& router, IssueConfigService& config);
// Relationship management and /api/operations/kpi-updates.
void register_operations_relationship_routes(Router& router, OperationsService& operations);

}  // namespace traction::http
