#pragma once
// The tenant-wide recent-activity feed (001 GET /activity/recent): one entry per
// noteworthy change to a goal, strategy, KPI, action or issue.

#include <string>

#include "traction/time.hpp"

namespace traction {

struct FeedEntry {
  std::string id;
  std::string tenant;
  std::string type;         // goal_created, goal_updated, strategy_added, kpi_updated,
                            // action_completed, ... (README lists them all)
  std::string user_id;
  std::string user_name;
  std::string entity_id;
  std::string entity_type;  // goal | strategy | kpi | action | issue
  std::string entity_title;
  std::string description;
  Timestamp timestamp{};

  friend bool operator==(const FeedEntry&, const FeedEntry&) = default;
};

}  // namespace traction
