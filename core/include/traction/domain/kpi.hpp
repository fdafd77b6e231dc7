#pragma once
// The KPI catalog and its readings (001 "KPI Management").

#include <optional>
#include <string>

#include "traction/enum_text.hpp"
#include "traction/time.hpp"

namespace traction {

enum class Direction { up, down };
inline constexpr EnumText<Direction, 2> direction_text{{{
    {Direction::up, "up"},
    {Direction::down, "down"},
}}};

struct Kpi {
  std::string id;
  std::string tenant;
  std::string name;
  std::string description;
  std::string category;
  std::string unit;
  Direction direction = Direction::up;
  std::string formula;
  bool is_shared = true;
  std::string owner_id;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::string created_by;

  friend bool operator==(const Kpi&, const Kpi&) = default;
};

// One reading per KPI and period. A second reading for a period is refused with
// DUPLICATE_READING unless the request asks to replace it (README: "KPI readings").
struct KpiReading {
  std::string id;
  std::string tenant;
  std::string kpi_id;
  YearMonth period;
  double value = 0;
  std::optional<double> adjusted_value;
  std::string reason;
  std::string source_action_id;  // set when recorded from an action (kpi-updates)
  Timestamp created_at{};
  std::string created_by;

  // The value that counts: the adjusted value when one was given.
  [[nodiscard]] double effective_value() const { return adjusted_value.value_or(value); }

  friend bool operator==(const KpiReading&, const KpiReading&) = default;
};

}  // namespace traction
