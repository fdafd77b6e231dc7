#pragma once
// The rules of an Issue (001 "Operations: Issues", DESIGN.md "Where the specs disagree"):
// building one from a create request and applying an update.
//
// Choices:
// - Both request spellings (businessImpact/impact, reportedBy/reporterId, statusId/
//   statusConfigId) are mapped by the adapter onto the one field here.
// - Enumerations arrive as strings (priority, impact: low | medium | high | critical,
//   default medium; rootCauseAnalysis.method) so the message naming the accepted values is
//   written once, here.
// - Type: a given typeConfigId must name an active type of the tenant (else 400 on
//   typeConfigId); none given → the tenant's default type, else none. A patch may clear it.
// - Status: a given statusId must name an active status of the tenant (400 on statusId);
//   none given → the first active open-category status by order (DESIGN.md).
//   A patch that names the issue's current type or status is accepted even when that one
//   has since been deactivated.
// - Reporter: reportedBy when given, else the caller; the name is the caller's when the
//   reporter is the caller.
// - Title trimmed, ≤ limits::title characters; description and resolution notes ≤
//   limits::long_text; hours finite and ≥ 0.
// - Tags: trimmed, non-empty, ≤ limits::tag characters each; repeats dropped ASCII
//   case-insensitively (first spelling and order kept); at most limits::tags after that.
// - Root cause analysis: a summary (001's string form, ≤ long_text) and/or a method with
//   findings (a serialized JSON object ≤ limits::json_text, "{}" when absent; the adapter
//   checks it is an object). Findings without a method are refused; an empty summary with
//   no method means no analysis.
// - Connections: goalIds and strategyIds cleaned as an action's (clean_connection_ids).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "traction/auth.hpp"
#include "traction/domain/issue.hpp"
#include "traction/domain/issue_config.hpp"
#include "traction/error.hpp"
#include "traction/time.hpp"

namespace traction {

struct RootCauseDraft {
  std::optional<std::string> summary;
  std::optional<std::string> method;         // five_whys | fishbone | swot | pareto
  std::optional<std::string> findings_json;  // a serialized JSON object
};

struct IssueDraft {
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> type_config_id;
  std::optional<std::string> status_config_id;
  std::optional<std::string> impact;
  std::optional<std::string> priority;
  std::optional<std::string> reporter_id;
  std::optional<std::string> reporter_name;
  std::optional<std::string> assigned_person_id;
  std::optional<std::string> assigned_person_name;
  std::optional<Timestamp> due_date;
  std::optional<double> estimated_hours;
  std::optional<double> actual_hours;
  std::vector<std::string> tags;
  std::optional<std::int64_t> display_order;  // 0..max_display_order, default 0
  IssueConnections connections;
  std::optional<RootCauseDraft> root_cause_analysis;
  std::optional<std::string> resolution_notes;
};

// Only given fields change. std::optional<std::optional<T>>: the outer says "given", an
// empty inner one clears the field (JSON null).
struct IssuePatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::optional<std::string>> type_config_id;
  std::optional<std::string> status_config_id;
  std::optional<std::string> impact;
  std::optional<std::string> priority;
  std::optional<std::string> reporter_id;
  std::optional<std::string> reporter_name;
  std::optional<std::string> assigned_person_id;
  std::optional<std::string> assigned_person_name;
  std::optional<std::optional<Timestamp>> due_date;
  std::optional<std::optional<double>> estimated_hours;
  std::optional<std::optional<double>> actual_hours;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::int64_t> display_order;
  std::optional<std::vector<std::string>> goal_ids;
  std::optional<std::vector<std::string>> strategy_ids;
  std::optional<std::optional<RootCauseDraft>> root_cause_analysis;
  std::optional<std::optional<std::string>> resolution_notes;
};

// The tenant's issue configuration, active and inactive rows.
struct IssueConfigView {
  std::span<const IssueType> types;
  std::span<const IssueStatus> statuses;
};

// A new issue of actor.tenant, created by actor.user_id at `now`.
[[nodiscard]] Result<Issue> make_issue(const IssueDraft& draft, const IssueConfigView& config,
                                       std::string id, const AuthContext& actor, Timestamp now);

[[nodiscard]] Result<Issue> apply_issue_patch(const Issue& current, const IssuePatch& patch,
                                              const IssueConfigView& config,
                                              const AuthContext& actor, Timestamp now);

// Tags cleaned as described above; `field` names the list in errors. (Goal value tags may
// use the same rule.)
[[nodiscard]] Result<std::vector<std::string>> clean_tags(std::string_view field,
                                                          std::span<const std::string> tags);

}  // namespace traction
