#include "traction/http/event_json.hpp"

#include <string_view>
#include <type_traits>
#include <variant>

#include "traction/http/json.hpp"

namespace traction::http {
namespace {

boost::json::object activity_json(const ActivityCreated& e) {
  boost::json::object activity;
  activity["id"] = e.activity_id;
  activity["text"] = e.text;
  activity["createdAt"] = format_timestamp(e.created_at);
  if (!e.title.empty()) activity["title"] = e.title;
  if (!e.url.empty()) activity["url"] = e.url;
  return activity;
}

boost::json::object reading_json(const KpiReadingCreated& e) {
  boost::json::object reading;
  reading["id"] = e.reading_id;
  reading["kpiId"] = e.kpi_id;
  reading["period"] = e.period;
  reading["value"] = e.value;
  if (e.adjusted_value) {
    reading["adjustedValue"] = *e.adjusted_value;
  } else {
    reading["adjustedValue"] = nullptr;
  }
  reading["createdAt"] = format_timestamp(e.created_at);
  return reading;
}

}  // namespace

boost::json::object event_json(const DomainEvent& event) {
  boost::json::object out;
  out["type"] = event.type();
  out["goalId"] = event.goal_id;
  std::visit(
      [&](const auto& payload) {
        using T = std::decay_t<decltype(payload)>;
        if constexpr (std::is_same_v<T, ActivityCreated>) {
          out["activity"] = activity_json(payload);
        } else if constexpr (std::is_same_v<T, KpiReadingCreated>) {
          out["reading"] = reading_json(payload);
        } else if constexpr (std::is_same_v<T, ProgressChanged>) {
          out["oldProgress"] = payload.old_progress;
          out["newProgress"] = payload.new_progress;
          out["basis"] = payload.basis;
        } else {
          static_assert(std::is_same_v<T, HealthChanged>);
          out["oldStatus"] = payload.old_status;
          out["newStatus"] = payload.new_status;
        }
      },
      event.payload);
  return out;
}

std::string sse_frame(const DomainEvent& event) {
  std::string frame = "id: ";
  frame += std::to_string(event.id);
  frame += "\nevent: ";
  frame += event.type();
  frame += "\ndata: ";
  frame += json_text(event_json(event));  // one line: JSON text escapes every newline
  frame += "\n\n";
  return frame;
}

}  // namespace traction::http
