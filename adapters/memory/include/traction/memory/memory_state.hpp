#pragma once
// What a MemoryStore holds: the rows of every repository, per tenant. The tenant is the
// first part of every key, so a call for one tenant cannot reach another tenant's rows.
// Rows are only ever erased by the undo of their own insert, so references to them stay
// valid for the life of a transaction.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "traction/domain/action.hpp"
#include "traction/domain/activity.hpp"
#include "traction/domain/audit.hpp"
#include "traction/domain/event.hpp"
#include "traction/domain/feed.hpp"
#include "traction/domain/goal.hpp"
#include "traction/domain/issue.hpp"
#include "traction/domain/issue_config.hpp"
#include "traction/domain/kpi.hpp"
#include "traction/time.hpp"

namespace traction::memory {

// Hash for heterogeneous lookup: find(std::string_view) without building a std::string.
struct StringHash {
  using is_transparent = void;
  [[nodiscard]] std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

template <class T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// One tenant's rows.
struct TenantState {
  StringMap<Goal> goals;  // by id, soft-deleted ones included

  StringMap<Kpi> kpis;               // by id
  StringMap<KpiReading> readings;    // by reading id
  // kpi id -> period -> reading id: one reading per (kpi, period), ordered by period.
  StringMap<std::map<YearMonth, std::string>> reading_periods;

  StringMap<std::vector<Activity>> activities;  // by goal id, in insert order
  StringSet activity_ids;
  std::vector<FeedEntry> feed;                   // in insert order
  StringSet feed_ids;
  StringMap<std::vector<AuditEntry>> audit;      // by goal id, in insert order
  StringSet audit_ids;
  StringMap<std::vector<ProgressSnapshot>> snapshots;  // by goal id, in time order (ties: append order)

  StringMap<Action> actions;  // by id, soft-deleted ones included
  StringMap<Issue> issues;    // by id, soft-deleted ones included
  StringMap<IssueType> issue_types;
  StringMap<IssueStatus> issue_statuses;

  std::vector<DomainEvent> events;  // ids ascending
  StringMap<std::map<Date, double>> metrics;  // by metric name, then day
};

struct MemoryState {
  StringMap<TenantState> tenants;
  std::int64_t next_event_id = 1;  // event ids ascend across the store
};

}  // namespace traction::memory
