#pragma once
// Response mapping of analytics and forecasts (001 analytics shapes, 002 analytics and
// forecast) with Boost.JSON tag_invoke, in the adapter.

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include "traction/app/analytics_service.hpp"
#include "traction/app/progress_service.hpp"

namespace traction {

void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const GoalStats& stats);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const PerformanceReport& report);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const AlignmentReport& report);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const GoalAnalytics& analytics);
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const GoalForecast& forecast);

}  // namespace traction
