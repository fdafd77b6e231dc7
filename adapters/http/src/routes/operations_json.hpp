#pragma once
// Response mapping of the operations side (001 Action model; the issue shape of 001's
// GET /api/operations/issues example; IssueType and IssueStatus) with Boost.JSON tag_invoke
// in namespace traction, where argument-dependent lookup finds it.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <vector>

#include "traction/app/issue_config_service.hpp"
#include "traction/app/operations_service.hpp"

namespace traction {

void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const Action& action);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const IssueView& view);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const IssueType& type);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const IssueStatus& status);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const KpiUpdateResult& result);

}  // namespace traction

namespace traction::http {

// The batch relationship reads: an object from each requested id to its list.
[[nodiscard]] boost::json::object action_goals_json(const std::vector<ActionGoals>& entries);
[[nodiscard]] boost::json::object action_strategies_json(const std::vector<ActionStrategies>& entries);
[[nodiscard]] boost::json::object goal_kpis_json(const std::vector<GoalKpis>& entries);

}  // namespace traction::http
