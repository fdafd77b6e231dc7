// 001 "Operations: Actions", "Operations: Issues", "Issue Configuration", "Relationship
// Management".
#include "routes/operations_routes.hpp"

#include "traction/http/domain_routes.hpp"

namespace traction::http {

void register_operations_routes(Router& router, Services& services) {
  register_operations_action_routes(router, services.operations);
  register_operations_issue_routes(router, services.operations);
  register_operations_issue_config_routes(router, services.issue_config);
  register_operations_relationship_routes(router, services.operations);
}

}  // namespace traction::http
