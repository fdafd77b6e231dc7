#pragma once
// Request mapping of the operations side: bodies and query strings into core's request
// structs. Every error names the field (FieldReader / QueryReader); the rules are core's.
// Issues accept both spellings of 001 and DESIGN.md: businessImpact/impact,
// reportedBy/reporterId, statusId/statusConfigId.

#include <string>
#include <vector>

#include "traction/app/issue_config_service.hpp"
#include "traction/app/operations_service.hpp"
#include "traction/http/field_reader.hpp"
#include "traction/http/query_reader.hpp"

namespace traction::http {

[[nodiscard]] Result<ActionDraft> read_action_draft(const FieldReader& in);
[[nodiscard]] Result<ActionPatch> read_action_patch(const FieldReader& in);
// startDate/endDate (a bare endDate date covers its whole day), assignedPersonId, goalIds,
// strategyIds, issueIds, status, priority (lists: repeated or comma-separated), page, size.
[[nodiscard]] Result<ActionQuery> read_action_query(const QueryReader& q);

[[nodiscard]] Result<IssueDraft> read_issue_draft(const FieldReader& in);
[[nodiscard]] Result<IssuePatch> read_issue_patch(const FieldReader& in);
[[nodiscard]] Result<IssueFilter> read_issue_filter(const QueryReader& q);

[[nodiscard]] Result<IssueTypeDraft> read_issue_type_draft(const FieldReader& in);
[[nodiscard]] Result<IssueTypePatch> read_issue_type_patch(const FieldReader& in);
[[nodiscard]] Result<IssueTypeFilter> read_issue_type_filter(const QueryReader& q);
[[nodiscard]] Result<IssueStatusDraft> read_issue_status_draft(const FieldReader& in);
[[nodiscard]] Result<IssueStatusPatch> read_issue_status_patch(const FieldReader& in);
[[nodiscard]] Result<IssueStatusFilter> read_issue_status_filter(const QueryReader& q);

struct StatusReorder {
  std::string category;
  std::vector<std::string> status_ids;
};
[[nodiscard]] Result<StatusReorder> read_status_reorder(const FieldReader& in);

// A required array of ids, e.g. {"goalIds": [...]} (an empty array is allowed).
[[nodiscard]] Result<std::vector<std::string>> read_id_list(const FieldReader& in, const FieldNames& names);

[[nodiscard]] Result<KpiUpdateDraft> read_kpi_update(const FieldReader& in);

}  // namespace traction::http
