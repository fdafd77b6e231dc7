// The system issue types and statuses of 001 "Issue Configuration", in 001's order, with
// 001's names and descriptions. Colors and icons are ours (001 shows Personnel #FF6B6B
// "users" and Open #3498db "inbox"; the rest follow the same palette and icon set).

#include "traction/domain/issue_config.hpp"

#include <array>

namespace traction {
namespace {

constexpr std::array<SystemIssueType, 7> types{{
    {"Personnel", "People-related issues", "#FF6B6B", "users"},
    {"Financial", "Budget, revenue, cost issues", "#2ECC71", "dollar-sign"},
    {"Process", "Workflow, operational issues", "#3498DB", "cogs"},
    {"Legal", "Compliance, legal issues", "#9B59B6", "gavel"},
    {"Customer", "Customer-related issues", "#F39C12", "handshake"},
    {"Technical", "Technology, infrastructure issues", "#34495E", "server"},
    {"General", "Miscellaneous issues", "#95A5A6", "circle-info"},
}};

using C = IssueStatusCategory;

// Within a category the order is the listed one (orders are per category, 1..n).
constexpr std::array<SystemIssueStatus, 11> statuses{{
    {"Open", "Issue reported, awaiting triage", C::open, "#3498DB", "inbox"},
    {"Backlog", "Acknowledged, queued for future work", C::open, "#7F8C8D", "list"},
    {"In Progress", "Currently being worked on", C::active, "#F39C12", "spinner"},
    {"In Review", "Work completed, under review", C::active, "#9B59B6", "eye"},
    {"Blocked", "Work paused due to dependencies", C::active, "#E74C3C", "ban"},
    {"On Hold", "Temporarily paused", C::inactive, "#95A5A6", "pause"},
    {"Deferred", "Postponed to later date", C::inactive, "#BDC3C7", "clock"},
    {"Resolved", "Issue fixed/completed", C::closed, "#27AE60", "check-circle"},
    {"Closed", "Issue no longer relevant", C::closed, "#2C3E50", "archive"},
    {"Duplicate", "Duplicate of another issue", C::closed, "#8E44AD", "copy"},
    {"Won't Fix", "Decided not to address", C::closed, "#C0392B", "times-circle"},
}};

}  // namespace

std::span<const SystemIssueType> system_issue_types() { return types; }

std::span<const SystemIssueStatus> system_issue_statuses() { return statuses; }

}  // namespace traction
