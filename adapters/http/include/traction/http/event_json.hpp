#pragma once
// The wire form of domain events on the live feed (001 "Real-time Updates"):
//   activity.created / decision.created / attachment.created
//     {"type","goalId","activity":{"id","text","createdAt","title"?,"url"?}}
//   kpi.reading.created
//     {"type","goalId","reading":{"id","kpiId","period","value","adjustedValue","createdAt"}}
//   goal.progress.changed {"type","goalId","oldProgress","newProgress","basis"}
//   goal.health.changed   {"type","goalId","oldStatus","newStatus"}

#include <boost/json/object.hpp>

#include <string>

#include "traction/domain/event.hpp"

namespace traction::http {

[[nodiscard]] boost::json::object event_json(const DomainEvent& event);

// "id: <id>\nevent: <type>\ndata: <json>\n\n"
[[nodiscard]] std::string sse_frame(const DomainEvent& event);

}  // namespace traction::http
