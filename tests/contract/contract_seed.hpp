#pragma once
// A store with one row of every kind, and a dump of everything the ports can read of a
// tenant: to prove that a write left nothing behind, or that one tenant's calls did not
// touch another's rows.

#include "contract_fixtures.hpp"

namespace traction::contract {

// Everything the suite can read of one tenant, to compare before and after a write.
struct Dump {
  std::vector<std::optional<Goal>> goals;
  std::int64_t goal_count = 0;
  std::vector<Kpi> kpis;
  std::vector<KpiReading> readings;
  std::vector<Activity> activities;
  std::vector<FeedEntry> feed;
  std::vector<AuditEntry> audit;
  std::vector<ProgressSnapshot> snapshots;
  std::vector<Action> actions;
  std::vector<Issue> issues;
  std::vector<IssueType> types;
  std::vector<IssueStatus> statuses;
  std::vector<DomainEvent> events;
  std::vector<std::optional<std::pair<Date, double>>> metrics;

  friend bool operator==(const Dump&, const Dump&) = default;
};

template <class T>
Status into_value(Result<T> result, T& out) {
  if (!result) return std::unexpected(result.error());
  out = std::move(*result);
  return {};
}

template <class T>
Status append_items(Result<Page<T>> result, std::vector<T>& out) {
  if (!result) return std::unexpected(result.error());
  out.insert(out.end(), result->items.begin(), result->items.end());
  return {};
}

inline Dump dump(ports::Store& store, std::string_view tenant) {
  Dump d;
  const auto status = store.read([&](ports::Transaction& tx) -> Status {
    for (const auto* id : {"g-1", "g-new"}) {
      auto goal = tx.goals().find_including_deleted(tenant, id);
      if (!goal) return std::unexpected(goal.error());
      d.goals.push_back(*goal ? std::optional<Goal>(normalized(**goal)) : std::nullopt);
    }
    if (auto ok = into_value(tx.goals().count(tenant), d.goal_count); !ok) return ok;
    if (auto ok = into_value(tx.kpis().all(tenant), d.kpis); !ok) return ok;
    for (const auto* kpi : {"k-1", "k-new"}) {
      if (auto ok = append_items(tx.kpis().readings(tenant, kpi, {}), d.readings); !ok) return ok;
    }
    for (const auto* goal : {"g-1", "g-new"}) {
      if (auto ok = append_items(tx.activities().list(tenant, goal, {}), d.activities); !ok) {
        return ok;
      }
      if (auto ok = append_items(tx.audit().list(tenant, goal, {}), d.audit); !ok) return ok;
      auto snaps = tx.snapshots().list(tenant, goal, std::nullopt, std::nullopt);
      if (!snaps) return std::unexpected(snaps.error());
      d.snapshots.insert(d.snapshots.end(), snaps->begin(), snaps->end());
    }
    if (auto ok = into_value(tx.feed().recent(tenant, 1000), d.feed); !ok) return ok;
    if (auto ok = into_value(tx.actions().all(tenant), d.actions); !ok) return ok;
    if (auto ok = append_items(tx.issues().list(tenant, {}), d.issues); !ok) return ok;
    if (auto ok = into_value(tx.issue_types().list(tenant), d.types); !ok) return ok;
    if (auto ok = into_value(tx.issue_statuses().list(tenant), d.statuses); !ok) return ok;
    if (auto ok = into_value(tx.events().since(tenant, std::nullopt, 0, 1000), d.events); !ok) {
      return ok;
    }
    for (const auto* date : {"2025-01-10", "2025-01-11", "2030-01-01"}) {
      auto point = tx.metrics().latest_on_or_before(tenant, "score", day(date));
      if (!point) return std::unexpected(point.error());
      d.metrics.push_back(*point);
    }
    return {};
  });
  INFO("dump failed: " << (status ? std::string() : status.error().message));
  REQUIRE(status.has_value());
  return d;
}

// One row of every kind in `tenant` (ids ending in -1), so that a later write can change
// existing rows as well as add new ones.
inline void seed_everything(ports::Store& store, std::string_view tenant) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    auto kpi = make_kpi(tenant, "k-1", "Revenue");
    if (auto ok = tx.kpis().insert(kpi); !ok) return ok;
    auto goal = make_goal(tenant, "g-1");
    goal.strategies = {make_strategy("g-1", "s-1", 1)};
    goal.kpi_links = {make_link("l-1", "k-1")};
    if (auto ok = tx.goals().insert(goal); !ok) return ok;
    if (auto ok = tx.kpis().insert_reading(make_reading(tenant, "r-1", "k-1", month(2025, 1), 1));
        !ok) {
      return ok;
    }
    if (auto ok = tx.activities().insert(make_activity(tenant, "act-1", "g-1", base_time()));
        !ok) {
      return ok;
    }
    if (auto ok = tx.feed().append(make_feed_entry(tenant, "f-1", base_time())); !ok) return ok;
    if (auto ok = tx.audit().append(make_audit_entry(tenant, "au-1", "g-1", base_time())); !ok) {
      return ok;
    }
    if (auto ok = tx.snapshots().append(make_snapshot(tenant, "g-1", base_time(), 5)); !ok) {
      return ok;
    }
    if (auto ok = tx.issue_types().insert(make_issue_type(tenant, "t-1", "Personnel", 1)); !ok) {
      return ok;
    }
    if (auto ok = tx.issue_statuses().insert(
            make_issue_status(tenant, "st-1", "New", IssueStatusCategory::open, 1));
        !ok) {
      return ok;
    }
    auto issue = make_issue(tenant, "i-1");
    issue.type_config_id = "t-1";
    issue.status_config_id = "st-1";
    issue.connections = {{"g-1"}, {"s-1"}};
    if (auto ok = tx.issues().insert(issue); !ok) return ok;
    auto action = make_action(tenant, "a-1");
    action.connections = {{"g-1"}, {"s-1"}, {"i-1"}};
    if (auto ok = tx.actions().insert(action); !ok) return ok;
    auto event = make_event(tenant, "g-1");
    if (auto ok = tx.events().append(event); !ok) return ok;
    return tx.metrics().record(tenant, "score", day("2025-01-10"), 50);
  });
}

}  // namespace traction::contract
