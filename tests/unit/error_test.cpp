#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "traction/error.hpp"

using namespace traction;

TEST_CASE("every error code has its own wire name") {
  std::set<std::string> names;
  for (auto code : all_error_codes) {
    const auto name = std::string(code_name(code));
    CHECK_FALSE(name.empty());
    CHECK(names.insert(name).second);
  }
  CHECK(code_name(ErrorCode::goal_not_found) == "GOAL_NOT_FOUND");
  CHECK(code_name(ErrorCode::invalid_status_transition) == "INVALID_STATUS_TRANSITION");
  CHECK(code_name(ErrorCode::dependency_exists) == "DEPENDENCY_EXISTS");
  CHECK(code_name(ErrorCode::goal_limit_reached) == "GOAL_LIMIT_REACHED");
  CHECK(code_name(ErrorCode::insufficient_permissions) == "INSUFFICIENT_PERMISSIONS");
}
