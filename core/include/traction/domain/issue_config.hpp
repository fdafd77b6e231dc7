#pragma once
// Issue types and statuses (001 "Issue Configuration"). Every tenant has the 7 system
// types and the 11 system statuses; tenants add custom ones.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "traction/enum_text.hpp"
#include "traction/time.hpp"

namespace traction {

enum class IssueStatusCategory { open, active, inactive, closed };
inline constexpr EnumText<IssueStatusCategory, 4> issue_status_category_text{{{
    {IssueStatusCategory::open, "open"},
    {IssueStatusCategory::active, "active"},
    {IssueStatusCategory::inactive, "inactive"},
    {IssueStatusCategory::closed, "closed"},
}}};

struct IssueType {
  std::string id;
  std::string tenant;
  std::string name;
  std::string description;
  std::string color;
  std::string icon;
  int order = 1;
  bool is_active = true;
  bool is_system = false;
  bool is_default = false;
  Timestamp created_at{};
  std::optional<Timestamp> updated_at;

  friend bool operator==(const IssueType&, const IssueType&) = default;
};

struct IssueStatus {
  std::string id;
  std::string tenant;
  std::string name;
  std::string description;
  IssueStatusCategory category = IssueStatusCategory::open;
  std::string color;
  std::string icon;
  int order = 1;
  bool is_active = true;
  bool is_system = false;
  Timestamp created_at{};
  std::optional<Timestamp> updated_at;

  friend bool operator==(const IssueStatus&, const IssueStatus&) = default;
};

// The system defaults of 001, in their display order.
struct SystemIssueType {
  std::string_view name;
  std::string_view description;
  std::string_view color;
  std::string_view icon;
};
struct SystemIssueStatus {
  std::string_view name;
  std::string_view description;
  IssueStatusCategory category;
  std::string_view color;
  std::string_view icon;
};

[[nodiscard]] std::span<const SystemIssueType> system_issue_types();
[[nodiscard]] std::span<const SystemIssueStatus> system_issue_statuses();

}  // namespace traction
