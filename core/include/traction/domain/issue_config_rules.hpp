#pragma once
// The rules of 001 "Issue Configuration" over a tenant's issue types and statuses: seeding
// the system defaults, creating and patching custom ones, default type, soft delete,
// reactivation, reordering statuses, and what a new issue gets when it names no type or
// status. Pure functions: the caller loads the tenant's rows (active and inactive) and
// stores what comes back.
//
// Choices:
// - Names are trimmed; length is counted in characters (UTF-8 code points); uniqueness is
//   per tenant, ASCII case-insensitive, across every type (or every status) the tenant has:
//   system, custom and inactive ones (an inactive one can be reactivated, so its name stays
//   taken). A clash is 409 DUPLICATE_NAME.
// - Changing or deleting a SYSTEM type/status is 403 INSUFFICIENT_PERMISSIONS, not 400: the
//   request is well formed, and no role of the tenant may change what the system owns —
//   the client cannot fix it by changing the body, which is what a 400 asks for.
// - Deleting an already inactive type/status succeeds and changes nothing (idempotent);
//   reactivating an active one likewise.
// - Orders are positive integers up to max_display_order. Type orders are per tenant,
//   status orders per category; a new one without an order goes after the last one.
// - System types are never the default; only one type per tenant is the default, and it is
//   active: setting isDefault returns the other types whose flag must be cleared, deleting
//   the default clears its flag, and an inactive type cannot become the default.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "traction/domain/issue_config.hpp"
#include "traction/error.hpp"
#include "traction/time.hpp"

namespace traction {

inline constexpr std::int64_t max_display_order = 1'000'000;

// Where seeding takes its ids from (the IdGenerator port, in the use case).
using NextId = std::function<std::string()>;

// --- seeding ----------------------------------------------------------------------------

// The system types the tenant does not have yet (a type of the same name, system or not,
// counts as had, so names stay unique), in 001's order with orders 1..7; one id drawn per
// created type. Seeding twice adds nothing.
[[nodiscard]] std::vector<IssueType> make_system_issue_types(std::string_view tenant,
                                                             std::span<const IssueType> existing,
                                                             const NextId& next_id,
                                                             Timestamp now);
// The same for the 11 system statuses (orders 1..n within each category).
[[nodiscard]] std::vector<IssueStatus> make_system_issue_statuses(
    std::string_view tenant, std::span<const IssueStatus> existing, const NextId& next_id,
    Timestamp now);

// --- types ------------------------------------------------------------------------------

struct IssueTypeDraft {
  std::string name;
  std::optional<std::string> description;  // ≤ limits::long_text
  std::optional<std::string> color;        // "#RGB" or "#RRGGBB"; "" = none
  std::optional<std::string> icon;         // ≤ limits::short_text
  std::optional<std::int64_t> order;       // 1..max_display_order; default after the last
  std::optional<bool> is_default;          // default false
};

// Only given fields change.
struct IssueTypePatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> color;
  std::optional<std::string> icon;
  std::optional<std::int64_t> order;
  std::optional<bool> is_default;
};

// A created or changed type, and the other types whose is_default was cleared because this
// one became the default (each with updated_at = now): store all of them in one transaction.
struct IssueTypeChange {
  IssueType type;
  std::vector<IssueType> cleared_defaults;
};

// `existing`: every type of the tenant (system, custom, inactive).
[[nodiscard]] Result<IssueTypeChange> create_issue_type(const IssueTypeDraft& draft,
                                                        std::span<const IssueType> existing,
                                                        std::string id, std::string_view tenant,
                                                        Timestamp now);

[[nodiscard]] Result<IssueTypeChange> apply_issue_type_patch(const IssueType& current,
                                                             const IssueTypePatch& patch,
                                                             std::span<const IssueType> existing,
                                                             Timestamp now);

// May the type be soft-deleted? System → 403; used by live issues → 409 DEPENDENCY_EXISTS.
[[nodiscard]] Status check_issue_type_delete(const IssueType& type, std::int64_t issues_using_it);
// check_issue_type_delete, then the type inactive (and no longer the default).
[[nodiscard]] Result<IssueType> delete_issue_type(const IssueType& type,
                                                  std::int64_t issues_using_it, Timestamp now);
// The type active again (unchanged when it already is).
[[nodiscard]] IssueType reactivate_issue_type(const IssueType& type, Timestamp now);

// The tenant's default type: the active one with is_default (the lowest order should the
// data ever hold two), else none.
[[nodiscard]] const IssueType* default_issue_type(std::span<const IssueType> types);

// --- statuses ---------------------------------------------------------------------------

struct IssueStatusDraft {
  std::string name;
  std::optional<std::string> category;     // required: open | active | inactive | closed
  std::optional<std::string> description;  // ≤ limits::long_text
  std::optional<std::string> color;        // "#RGB" or "#RRGGBB"; "" = none
  std::optional<std::string> icon;         // ≤ limits::short_text
  std::optional<std::int64_t> order;       // default: after the last of its category
};

// Only given fields change; a category may be given only when it is the current one.
struct IssueStatusPatch {
  std::optional<std::string> name;
  std::optional<std::string> category;
  std::optional<std::string> description;
  std::optional<std::string> color;
  std::optional<std::string> icon;
  std::optional<std::int64_t> order;
};

// `existing`: every status of the tenant (system, custom, inactive).
[[nodiscard]] Result<IssueStatus> create_issue_status(const IssueStatusDraft& draft,
                                                      std::span<const IssueStatus> existing,
                                                      std::string id, std::string_view tenant,
                                                      Timestamp now);

[[nodiscard]] Result<IssueStatus> apply_issue_status_patch(const IssueStatus& current,
                                                           const IssueStatusPatch& patch,
                                                           std::span<const IssueStatus> existing,
                                                           Timestamp now);

// System → 403; used by live issues → 409 DEPENDENCY_EXISTS; the last active status of its
// category → 409 DEPENDENCY_EXISTS (a category never runs out of active statuses).
[[nodiscard]] Status check_issue_status_delete(const IssueStatus& status,
                                               std::int64_t issues_using_it,
                                               std::span<const IssueStatus> all_statuses);
[[nodiscard]] Result<IssueStatus> delete_issue_status(const IssueStatus& status,
                                                      std::int64_t issues_using_it,
                                                      std::span<const IssueStatus> all_statuses,
                                                      Timestamp now);
[[nodiscard]] IssueStatus reactivate_issue_status(const IssueStatus& status, Timestamp now);

// PUT /issue-statuses:reorder. `ids` must be exactly the tenant's active statuses of the
// category (none missing, none extra, none twice, none of another category or inactive).
// Returns those statuses in the given order with orders 1..n (updated_at = now on the ones
// whose order changed).
[[nodiscard]] Result<std::vector<IssueStatus>> reorder_issue_statuses(
    std::string_view category, std::span<const std::string> ids,
    std::span<const IssueStatus> all_statuses, Timestamp now);

// The status a new issue gets when it names none: the first active status of the open
// category by order (then name), else none.
[[nodiscard]] const IssueStatus* initial_issue_status(std::span<const IssueStatus> statuses);

// "#RGB" or "#RRGGBB" (hex digits of either case).
[[nodiscard]] bool is_hex_color(std::string_view text);

}  // namespace traction
