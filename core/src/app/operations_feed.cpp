#include "operations_feed.hpp"

#include <fmt/format.h>

namespace traction::detail {
namespace {

// "action_completed" → "completed".
std::string_view verb_of(std::string_view type) {
  const auto underscore = type.find('_');
  return underscore == std::string_view::npos ? type : type.substr(underscore + 1);
}

}  // namespace

Status action_feed(Scope& scope, std::string_view type, const Action& action) {
  return record_feed(scope, type, "action", action.id, action.title,
                     fmt::format("Action \"{}\" {}", action.title, verb_of(type)));
}

Status issue_feed(Scope& scope, std::string_view type, const Issue& issue) {
  return record_feed(scope, type, "issue", issue.id, issue.title,
                     fmt::format("Issue \"{}\" {}", issue.title, verb_of(type)));
}

}  // namespace traction::detail
