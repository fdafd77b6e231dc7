#pragma once
// Domain events: what the live feed (SSE) carries. Use cases append them inside their
// transaction; the store persists them in the event log (ids ascending per database) and
// publishes them only after the transaction commits.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "traction/domain/activity.hpp"
#include "traction/time.hpp"

namespace traction {

// activity.created / decision.created / attachment.created (by the activity's type).
struct ActivityCreated {
  std::string activity_id;
  ActivityType activity_type = ActivityType::note;
  std::string text;
  std::string title;
  std::string url;
  Timestamp created_at{};
  friend bool operator==(const ActivityCreated&, const ActivityCreated&) = default;
};

// kpi.reading.created: one event per goal linked to the KPI.
struct KpiReadingCreated {
  std::string kpi_id;
  std::string reading_id;
  std::string period;  // YYYY-MM
  double value = 0;
  std::optional<double> adjusted_value;
  Timestamp created_at{};
  friend bool operator==(const KpiReadingCreated&, const KpiReadingCreated&) = default;
};

// goal.progress.changed
struct ProgressChanged {
  double old_progress = 0;
  double new_progress = 0;
  std::string basis;  // manual | children | kpis | entered
  friend bool operator==(const ProgressChanged&, const ProgressChanged&) = default;
};

// goal.health.changed: the forecast status moved (to at_risk or off_track, or back).
struct HealthChanged {
  std::string old_status;
  std::string new_status;
  friend bool operator==(const HealthChanged&, const HealthChanged&) = default;
};

using EventPayload = std::variant<ActivityCreated, KpiReadingCreated, ProgressChanged, HealthChanged>;

struct DomainEvent {
  std::int64_t id = 0;  // assigned by the event log on append
  std::string tenant;
  std::string goal_id;
  Timestamp at{};
  EventPayload payload;

  // The SSE event type: "activity.created", "kpi.reading.created", ...
  [[nodiscard]] std::string_view type() const;

  friend bool operator==(const DomainEvent&, const DomainEvent&) = default;
};

}  // namespace traction
