#include "traction/domain/issue_config_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "traction/domain/limits.hpp"
#include "traction/domain/text_rules.hpp"

namespace traction {
namespace {

Result<std::string> checked_name(std::string_view raw) { return required_text("name", raw, limits::name); }

Status checked_text(std::string_view field, const std::string& value, std::size_t max) {
  if (auto ok = bounded_text(field, value, max); !ok) return fail(ok.error());
  return {};
}

Status checked_color(const std::string& color) {
  if (color.empty() || is_hex_color(color)) return {};
  return invalid("color", fmt::format("color must be a hex color such as #FF6B6B or #F6B, not \"{}\".", color));
}

Result<int> checked_order(std::int64_t order) {
  if (order < 1 || order > max_display_order) {
    return invalid("order", fmt::format("order must be a whole number from 1 to {}.", max_display_order));
  }
  return static_cast<int>(order);
}

Result<IssueStatusCategory> checked_category(std::string_view text) {
  const auto category = issue_status_category_text.parse(text);
  if (!category) {
    return invalid("category", fmt::format("category must be one of: {}.",
                                           issue_status_category_text.choices()));
  }
  return *category;
}

int next_order(int last) { return last >= max_display_order ? static_cast<int>(max_display_order) : last + 1; }

template <class Row>
const Row* find_name(std::span<const Row> rows, std::string_view name, std::string_view except_id) {
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
    return r.id != except_id && iequals(r.name, name);
  });
  return it == rows.end() ? nullptr : &*it;
}

Status unique_type_name(std::span<const IssueType> rows, std::string_view name, std::string_view except_id) {
  if (find_name(rows, name, except_id) == nullptr) return {};
  return fail(ErrorCode::duplicate_name,
              fmt::format("An issue type named \"{}\" already exists.", name), "name");
}

Status unique_status_name(std::span<const IssueStatus> rows, std::string_view name, std::string_view except_id) {
  if (find_name(rows, name, except_id) == nullptr) return {};
  return fail(ErrorCode::duplicate_name,
              fmt::format("An issue status named \"{}\" already exists.", name), "name");
}

std::vector<IssueType> clear_other_defaults(std::span<const IssueType> rows, std::string_view keep_id,
                                            Timestamp now) {
  std::vector<IssueType> cleared;
  for (const auto& row : rows) {
    if (row.id == keep_id || !row.is_default) continue;
    auto copy = row;
    copy.is_default = false;
    copy.updated_at = now;
    cleared.push_back(std::move(copy));
  }
  return cleared;
}

std::string plural_issues(std::int64_t n) {
  return n == 1 ? "1 issue uses it" : fmt::format("{} issues use it", n);
}

}  // namespace

bool is_hex_color(std::string_view text) {
  if (text.size() != 4 && text.size() != 7) return false;
  if (text.front() != '#') return false;
  return std::all_of(text.begin() + 1, text.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// --- seeding ----------------------------------------------------------------------------

std::vector<IssueType> make_system_issue_types(std::string_view tenant,
                                               std::span<const IssueType> existing,
                                               const NextId& next_id, Timestamp now) {
  std::vector<IssueType> out;
  int order = 0;
  for (const auto& sys : system_issue_types()) {
    ++order;
    if (find_name(existing, sys.name, {}) != nullptr) continue;  // names stay unique
    IssueType t;
    t.id = next_id();
    t.tenant = std::string(tenant);
    t.name = std::string(sys.name);
    t.description = std::string(sys.description);
    t.color = std::string(sys.color);
    t.icon = std::string(sys.icon);
    t.order = order;
    t.is_system = true;
    t.created_at = now;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<IssueStatus> make_system_issue_statuses(std::string_view tenant,
                                                    std::span<const IssueStatus> existing,
                                                    const NextId& next_id, Timestamp now) {
  std::vector<IssueStatus> out;
  std::array<int, 4> order_in_category{};
  for (const auto& sys : system_issue_statuses()) {
    const int order = ++order_in_category[static_cast<std::size_t>(sys.category)];
    if (find_name(existing, sys.name, {}) != nullptr) continue;
    IssueStatus s;
    s.id = next_id();
    s.tenant = std::string(tenant);
    s.name = std::string(sys.name);
    s.description = std::string(sys.description);
    s.category = sys.category;
    s.color = std::string(sys.color);
    s.icon = std::string(sys.icon);
    s.order = order;
    s.is_system = true;
    s.created_at = now;
    out.push_back(std::move(s));
  }
  return out;
}

// --- types ------------------------------------------------------------------------------

Result<IssueTypeChange> create_issue_type(const IssueTypeDraft& draft,
                                          std::span<const IssueType> existing, std::string id,
                                          std::string_view tenant, Timestamp now) {
  auto name = checked_name(draft.name);
  if (!name) return std::unexpected(name.error());
  if (auto ok = unique_type_name(existing, *name, id); !ok) return std::unexpected(ok.error());

  IssueType t;
  t.id = std::move(id);
  t.tenant = std::string(tenant);
  t.name = std::move(*name);
  t.description = draft.description.value_or("");
  if (auto ok = checked_text("description", t.description, limits::long_text); !ok) {
    return std::unexpected(ok.error());
  }
  t.color = draft.color.value_or("");
  if (auto ok = checked_color(t.color); !ok) return std::unexpected(ok.error());
  t.icon = draft.icon.value_or("");
  if (auto ok = checked_text("icon", t.icon, limits::short_text); !ok) return std::unexpected(ok.error());
  if (draft.order) {
    auto order = checked_order(*draft.order);
    if (!order) return std::unexpected(order.error());
    t.order = *order;
  } else {
    int last = 0;
    for (const auto& row : existing) last = std::max(last, row.order);
    t.order = next_order(last);
  }
  t.is_default = draft.is_default.value_or(false);
  t.created_at = now;

  IssueTypeChange change;
  if (t.is_default) change.cleared_defaults = clear_other_defaults(existing, t.id, now);
  change.type = std::move(t);
  return change;
}

Result<IssueTypeChange> apply_issue_type_patch(const IssueType& current, const IssueTypePatch& patch,
                                               std::span<const IssueType> existing, Timestamp now) {
  if (current.is_system) {
    return fail(ErrorCode::insufficient_permissions, "Cannot modify SYSTEM types.");
  }
  IssueType t = current;
  if (patch.name) {
    auto name = checked_name(*patch.name);
    if (!name) return std::unexpected(name.error());
    if (auto ok = unique_type_name(existing, *name, t.id); !ok) return std::unexpected(ok.error());
    t.name = std::move(*name);
  }
  if (patch.description) {
    if (auto ok = checked_text("description", *patch.description, limits::long_text); !ok) {
      return std::unexpected(ok.error());
    }
    t.description = *patch.description;
  }
  if (patch.color) {
    if (auto ok = checked_color(*patch.color); !ok) return std::unexpected(ok.error());
    t.color = *patch.color;
  }
  if (patch.icon) {
    if (auto ok = checked_text("icon", *patch.icon, limits::short_text); !ok) return std::unexpected(ok.error());
    t.icon = *patch.icon;
  }
  if (patch.order) {
    auto order = checked_order(*patch.order);
    if (!order) return std::unexpected(order.error());
    t.order = *order;
  }
  IssueTypeChange change;
  if (patch.is_default) {
    if (*patch.is_default && !t.is_active) {
      return invalid("isDefault", "An inactive issue type cannot be the default; reactivate it first.");
    }
    t.is_default = *patch.is_default;
    if (t.is_default) change.cleared_defaults = clear_other_defaults(existing, t.id, now);
  }
  t.updated_at = now;
  change.type = std::move(t);
  return change;
}

Status check_issue_type_delete(const IssueType& type, std::int64_t issues_using_it) {
  if (type.is_system) return fail(ErrorCode::insufficient_permissions, "Cannot delete SYSTEM types.");
  if (issues_using_it > 0) {
    return fail(ErrorCode::dependency_exists,
                fmt::format("Cannot delete issue type \"{}\": {}; reassign those issues first.",
                            type.name, plural_issues(issues_using_it)));
  }
  return {};
}

Result<IssueType> delete_issue_type(const IssueType& type, std::int64_t issues_using_it, Timestamp now) {
  if (type.is_system) return fail(ErrorCode::insufficient_permissions, "Cannot delete SYSTEM types.");
  if (!type.is_active) return type;
  if (auto ok = check_issue_type_delete(type, issues_using_it); !ok) return std::unexpected(ok.error());
  IssueType t = type;
  t.is_active = false;
  t.is_default = false;
  t.updated_at = now;
  return t;
}

IssueType reactivate_issue_type(const IssueType& type, Timestamp now) {
  if (type.is_active) return type;
  IssueType t = type;
  t.is_active = true;
  t.updated_at = now;
  return t;
}

const IssueType* default_issue_type(std::span<const IssueType> types) {
  const IssueType* best = nullptr;
  for (const auto& t : types) {
    if (!t.is_active || !t.is_default) continue;
    if (best == nullptr || t.order < best->order) best = &t;
  }
  return best;
}

// --- statuses ---------------------------------------------------------------------------

Result<IssueStatus> create_issue_status(const IssueStatusDraft& draft,
                                        std::span<const IssueStatus> existing, std::string id,
                                        std::string_view tenant, Timestamp now) {
  auto name = checked_name(draft.name);
  if (!name) return std::unexpected(name.error());
  if (!draft.category) return invalid("category", "category is required (open, active, inactive or closed).");
  auto category = checked_category(*draft.category);
  if (!category) return std::unexpected(category.error());
  if (auto ok = unique_status_name(existing, *name, id); !ok) return std::unexpected(ok.error());

  IssueStatus s;
  s.id = std::move(id);
  s.tenant = std::string(tenant);
  s.name = std::move(*name);
  s.category = *category;
  s.description = draft.description.value_or("");
  if (auto ok = checked_text("description", s.description, limits::long_text); !ok) {
    return std::unexpected(ok.error());
  }
  s.color = draft.color.value_or("");
  if (auto ok = checked_color(s.color); !ok) return std::unexpected(ok.error());
  s.icon = draft.icon.value_or("");
  if (auto ok = checked_text("icon", s.icon, limits::short_text); !ok) return std::unexpected(ok.error());
  if (draft.order) {
    auto order = checked_order(*draft.order);
    if (!order) return std::unexpected(order.error());
    s.order = *order;
  } else {
    int last = 0;
    for (const auto& row : existing) {
      if (row.category == s.category) last = std::max(last, row.order);
    }
    s.order = next_order(last);
  }
  s.created_at = now;
  return s;
}

Result<IssueStatus> apply_issue_status_patch(const IssueStatus& current, const IssueStatusPatch& patch,
                                             std::span<const IssueStatus> existing, Timestamp now) {
  if (current.is_system) {
    return fail(ErrorCode::insufficient_permissions, "Cannot modify SYSTEM statuses.");
  }
  IssueStatus s = current;
  if (patch.category) {
    auto category = checked_category(*patch.category);
    if (!category) return std::unexpected(category.error());
    if (*category != s.category) {
      return invalid("category",
                     fmt::format("The category of a status cannot change after creation (it is {}).",
                                 issue_status_category_text.name(s.category)));
    }
  }
  if (patch.name) {
    auto name = checked_name(*patch.name);
    if (!name) return std::unexpected(name.error());
    if (auto ok = unique_status_name(existing, *name, s.id); !ok) return std::unexpected(ok.error());
    s.name = std::move(*name);
  }
  if (patch.description) {
    if (auto ok = checked_text("description", *patch.description, limits::long_text); !ok) {
      return std::unexpected(ok.error());
    }
    s.description = *patch.description;
  }
  if (patch.color) {
    if (auto ok = checked_color(*patch.color); !ok) return std::unexpected(ok.error());
    s.color = *patch.color;
  }
  if (patch.icon) {
    if (auto ok = checked_text("icon", *patch.icon, limits::short_text); !ok) return std::unexpected(ok.error());
    s.icon = *patch.icon;
  }
  if (patch.order) {
    auto order = checked_order(*patch.order);
    if (!order) return std::unexpected(order.error());
    s.order = *order;
  }
  s.updated_at = now;
  return s;
}

Status check_issue_status_delete(const IssueStatus& status, std::int64_t issues_using_it,
                                 std::span<const IssueStatus> all_statuses) {
  if (status.is_system) return fail(ErrorCode::insufficient_permissions, "Cannot delete SYSTEM statuses.");
  if (issues_using_it > 0) {
    return fail(ErrorCode::dependency_exists,
                fmt::format("Cannot delete issue status \"{}\": {}; reassign those issues first.",
                            status.name, plural_issues(issues_using_it)));
  }
  const bool another_active = std::any_of(all_statuses.begin(), all_statuses.end(), [&](const IssueStatus& s) {
    return s.id != status.id && s.is_active && s.category == status.category;
  });
  if (!another_active) {
    return fail(ErrorCode::dependency_exists,
                fmt::format("Cannot delete issue status \"{}\": it is the last active status of the {} category.",
                            status.name, issue_status_category_text.name(status.category)));
  }
  return {};
}

Result<IssueStatus> delete_issue_status(const IssueStatus& status, std::int64_t issues_using_it,
                                        std::span<const IssueStatus> all_statuses, Timestamp now) {
  if (status.is_system) return fail(ErrorCode::insufficient_permissions, "Cannot delete SYSTEM statuses.");
  if (!status.is_active) return status;
  if (auto ok = check_issue_status_delete(status, issues_using_it, all_statuses); !ok) {
    return std::unexpected(ok.error());
  }
  IssueStatus s = status;
  s.is_active = false;
  s.updated_at = now;
  return s;
}

IssueStatus reactivate_issue_status(const IssueStatus& status, Timestamp now) {
  if (status.is_active) return status;
  IssueStatus s = status;
  s.is_active = true;
  s.updated_at = now;
  return s;
}

Result<std::vector<IssueStatus>> reorder_issue_statuses(std::string_view category_text,
                                                        std::span<const std::string> ids,
                                                        std::span<const IssueStatus> all_statuses,
                                                        Timestamp now) {
  auto category = checked_category(category_text);
  if (!category) return std::unexpected(category.error());
  const auto category_name = issue_status_category_text.name(*category);

  std::vector<IssueStatus> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    const auto it = std::find_if(all_statuses.begin(), all_statuses.end(),
                                 [&](const IssueStatus& s) { return s.id == id; });
    if (it == all_statuses.end()) {
      return invalid("statusIds", fmt::format("\"{}\" is not an issue status of this tenant.", id));
    }
    if (it->category != *category) {
      return invalid("statusIds", fmt::format("Status \"{}\" belongs to the {} category, not {}.", it->name,
                                              issue_status_category_text.name(it->category), category_name));
    }
    if (!it->is_active) {
      return invalid("statusIds", fmt::format("Status \"{}\" is inactive; reactivate it before ordering it.",
                                              it->name));
    }
    const bool twice = std::any_of(out.begin(), out.end(), [&](const IssueStatus& s) { return s.id == id; });
    if (twice) return invalid("statusIds", fmt::format("Status \"{}\" is listed more than once.", it->name));
    out.push_back(*it);
  }
  for (const auto& s : all_statuses) {
    if (!s.is_active || s.category != *category) continue;
    const bool listed = std::any_of(out.begin(), out.end(), [&](const IssueStatus& o) { return o.id == s.id; });
    if (!listed) {
      return invalid("statusIds", fmt::format("statusIds must list every active status of the {} category; "
                                              "\"{}\" is missing.",
                                              category_name, s.name));
    }
  }
  int order = 0;
  for (auto& s : out) {
    ++order;
    if (s.order == order) continue;
    s.order = order;
    s.updated_at = now;
  }
  return out;
}

const IssueStatus* initial_issue_status(std::span<const IssueStatus> statuses) {
  const IssueStatus* best = nullptr;
  for (const auto& s : statuses) {
    if (!s.is_active || s.category != IssueStatusCategory::open) continue;
    if (best == nullptr || s.order < best->order || (s.order == best->order && s.name < best->name)) {
      best = &s;
    }
  }
  return best;
}

}  // namespace traction
