#pragma once
// A goal's audit log (002): who changed what, when, from which value to which.

#include <string>

#include "traction/time.hpp"

namespace traction {

struct AuditEntry {
  std::string id;
  std::string tenant;
  std::string goal_id;
  std::string user_id;    // "system" for jobs and roll-ups
  std::string user_name;
  std::string action;     // progress_recalculated, manual_adjustment, manual_adjustment_cleared,
                          // parent_linked, parent_unlinked, rollup, status_changed, ...
  std::string field;      // e.g. "progress"
  std::string old_value;
  std::string new_value;
  std::string reason;
  Timestamp at{};

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

enum class SnapshotSource { daily, change };

// One point of a goal's progress history (002 progress-history, forecast input).
struct ProgressSnapshot {
  std::string tenant;
  std::string goal_id;
  Timestamp at{};
  double progress = 0;
  SnapshotSource source = SnapshotSource::change;

  friend bool operator==(const ProgressSnapshot&, const ProgressSnapshot&) = default;
};

// A snapshot without its owner: what a forecast fits.
struct ProgressPoint {
  Timestamp at{};
  double progress = 0;

  friend bool operator==(const ProgressPoint&, const ProgressPoint&) = default;
};

}  // namespace traction
