#pragma once
// The KPI catalog, readings and goal-KPI links (001 "KPI Management", "KPI-Goal Linkage").

#include <optional>
#include <string>

#include "traction/auth.hpp"
#include "traction/domain/goal.hpp"
#include "traction/domain/kpi.hpp"
#include "traction/error.hpp"

namespace traction {

inline constexpr std::size_t max_kpi_links_per_goal = 100;

struct KpiDraft {
  std::string name;                       // required, at most 100 characters
  std::string description;
  std::string category;
  std::string unit;
  std::optional<Direction> direction;     // default up
  std::string formula;
  std::optional<bool> is_shared;          // default true (the catalog is shared)
  std::optional<std::string> owner_id;    // default: the caller
};

[[nodiscard]] Result<Kpi> make_kpi(const KpiDraft& draft, const AuthContext& actor, std::string id,
                                   Timestamp now);

struct ReadingDraft {
  std::optional<YearMonth> period;  // required
  std::optional<double> value;      // required, finite
  std::optional<double> adjusted_value;
  std::string reason;
  bool replace = false;  // replace an existing reading of the same period
};

[[nodiscard]] Result<KpiReading> make_reading(const Kpi& kpi, const ReadingDraft& draft,
                                              const AuthContext& actor, std::string id,
                                              Timestamp now);

// A second reading for a period: refused with DUPLICATE_READING unless the request asks
// to replace it; a replacement keeps the existing reading's id and creation time.
[[nodiscard]] Result<KpiReading> resolve_period_clash(const KpiReading& existing,
                                                      KpiReading incoming, bool replace);

struct KpiLinkDraft {
  std::string kpi_id;
  std::optional<double> threshold_pct;  // required, 0..100
  std::optional<double> weight;         // default 1; > 0 and at most 100
  std::optional<double> target;         // the value that means 100 %; finite
};

// Links a KPI to a goal (the KPI's existence is the use case's business).
[[nodiscard]] Result<GoalKpiLink> link_kpi(Goal& goal, const KpiLinkDraft& draft, std::string id,
                                           Timestamp now);
[[nodiscard]] Status unlink_kpi(Goal& goal, std::string_view kpi_id, Timestamp now);

struct KpiLinkPatch {
  std::optional<double> threshold_pct;
  std::optional<double> weight;
  std::optional<std::optional<double>> target;
};
[[nodiscard]] Result<GoalKpiLink> update_kpi_link(Goal& goal, std::string_view kpi_id,
                                                  const KpiLinkPatch& patch, Timestamp now);

}  // namespace traction
