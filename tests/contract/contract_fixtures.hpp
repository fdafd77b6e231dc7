#pragma once
// Builders of valid domain values and small helpers for the contract suite. Tests use
// only the ports and make_store(), so they run unchanged against every store adapter.
// Rows that name other rows (a reading's KPI, an activity's goal, a link's KPI) are given
// real ones, so an adapter that enforces foreign keys passes too.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store_factory.hpp"
#include "traction/ports/event_publisher.hpp"
#include "traction/ports/store.hpp"
#include "traction/time.hpp"

namespace traction::contract {

inline constexpr std::string_view tenant_a = "tenant-a";
inline constexpr std::string_view tenant_b = "tenant-b";

// A timestamp from ISO-8601 text; throws on a typo in a test.
inline Timestamp at(std::string_view text) {
  const auto t = parse_timestamp(text);
  if (!t) throw std::invalid_argument("bad timestamp in a test: " + std::string(text));
  return *t;
}

inline Date day(std::string_view text) {
  const auto d = parse_date(text);
  if (!d) throw std::invalid_argument("bad date in a test: " + std::string(text));
  return *d;
}

inline YearMonth month(int year, unsigned m) { return YearMonth{year, m}; }

// A fixed origin for test times, and times relative to it.
inline Timestamp base_time() { return at("2025-01-15T10:00:00.000Z"); }
inline Timestamp minutes_after_base(int n) { return base_time() + std::chrono::minutes(n); }

inline Goal make_goal(std::string_view tenant, std::string_view id) {
  Goal g;
  g.id = std::string(id);
  g.tenant = std::string(tenant);
  g.title = "Goal " + std::string(id);
  g.intent = "Intent of " + std::string(id);
  g.owner_id = "owner-1";
  g.owner_name = "Olive Owner";
  g.horizon = Horizon::quarter;
  g.start_date = day("2025-01-01");
  g.end_date = day("2025-03-31");
  g.status = GoalStatus::active;
  g.value_tags = {"growth"};
  g.metadata_json = R"({"source":"test"})";
  g.progress = 12.5;
  g.entered_progress = 12.5;
  g.created_at = base_time();
  g.updated_at = base_time();
  g.created_by = "user-1";
  g.updated_by = "user-1";
  g.version = 1;
  return g;
}

inline Strategy make_strategy(std::string_view goal_id, std::string_view id, int order) {
  Strategy s;
  s.id = std::string(id);
  s.goal_id = std::string(goal_id);
  s.description = "Strategy " + std::string(id);
  s.status = StrategyStatus::validated;
  s.order = order;
  s.created_at = base_time();
  s.updated_at = minutes_after_base(1);
  return s;
}

inline GoalKpiLink make_link(std::string_view id, std::string_view kpi_id) {
  GoalKpiLink l;
  l.id = std::string(id);
  l.kpi_id = std::string(kpi_id);
  l.threshold_pct = 80;
  l.weight = 2;
  l.target = 150.5;
  l.created_at = base_time();
  return l;
}

inline Kpi make_kpi(std::string_view tenant, std::string_view id, std::string_view name) {
  Kpi k;
  k.id = std::string(id);
  k.tenant = std::string(tenant);
  k.name = std::string(name);
  k.description = "Description of " + std::string(name);
  k.category = "sales";
  k.unit = "EUR";
  k.direction = Direction::up;
  k.formula = "sum(orders)";
  k.is_shared = true;
  k.owner_id = "owner-1";
  k.created_at = base_time();
  k.updated_at = base_time();
  k.created_by = "user-1";
  return k;
}

inline KpiReading make_reading(std::string_view tenant, std::string_view id,
                               std::string_view kpi_id, YearMonth period, double value) {
  KpiReading r;
  r.id = std::string(id);
  r.tenant = std::string(tenant);
  r.kpi_id = std::string(kpi_id);
  r.period = period;
  r.value = value;
  r.reason = "monthly close";
  r.created_at = base_time();
  r.created_by = "user-1";
  return r;
}

inline Activity make_activity(std::string_view tenant, std::string_view id,
                              std::string_view goal_id, Timestamp created_at,
                              ActivityType type = ActivityType::note) {
  Activity a;
  a.id = std::string(id);
  a.tenant = std::string(tenant);
  a.goal_id = std::string(goal_id);
  a.type = type;
  a.text = "Text " + std::string(id);
  a.title = "Title " + std::string(id);
  a.url = "https://example.com/" + std::string(id);
  a.metadata_json = R"({"k":1})";
  a.attachments_json = R"(["a.pdf"])";
  a.created_at = created_at;
  a.created_by = "user-1";
  a.created_by_name = "Uma User";
  return a;
}

inline FeedEntry make_feed_entry(std::string_view tenant, std::string_view id,
                                 Timestamp timestamp) {
  FeedEntry e;
  e.id = std::string(id);
  e.tenant = std::string(tenant);
  e.type = "goal_updated";
  e.user_id = "user-1";
  e.user_name = "Uma User";
  e.entity_id = "goal-1";
  e.entity_type = "goal";
  e.entity_title = "Grow revenue";
  e.description = "Updated " + std::string(id);
  e.timestamp = timestamp;
  return e;
}

inline AuditEntry make_audit_entry(std::string_view tenant, std::string_view id,
                                   std::string_view goal_id, Timestamp when) {
  AuditEntry e;
  e.id = std::string(id);
  e.tenant = std::string(tenant);
  e.goal_id = std::string(goal_id);
  e.user_id = "user-1";
  e.user_name = "Uma User";
  e.action = "manual_adjustment";
  e.field = "progress";
  e.old_value = "10";
  e.new_value = "20";
  e.reason = "Quarterly review outcome";
  e.at = when;
  return e;
}

inline ProgressSnapshot make_snapshot(std::string_view tenant, std::string_view goal_id,
                                      Timestamp when, double progress) {
  ProgressSnapshot s;
  s.tenant = std::string(tenant);
  s.goal_id = std::string(goal_id);
  s.at = when;
  s.progress = progress;
  s.source = SnapshotSource::daily;
  return s;
}

inline Action make_action(std::string_view tenant, std::string_view id) {
  Action a;
  a.id = std::string(id);
  a.tenant = std::string(tenant);
  a.title = "Action " + std::string(id);
  a.description = "Do " + std::string(id);
  a.start_date = at("2025-02-01T00:00:00Z");
  a.due_date = at("2025-02-10T00:00:00Z");
  a.priority = Priority::medium;
  a.status = ActionStatus::not_started;
  a.assigned_person_id = "person-1";
  a.assigned_person_name = "Pat Person";
  a.progress = 0;
  a.created_at = base_time();
  a.updated_at = base_time();
  a.created_by = "user-1";
  a.updated_by = "user-1";
  a.version = 1;
  return a;
}

inline Issue make_issue(std::string_view tenant, std::string_view id) {
  Issue i;
  i.id = std::string(id);
  i.tenant = std::string(tenant);
  i.title = "Issue " + std::string(id);
  i.description = "Description of " + std::string(id);
  i.impact = Priority::high;
  i.priority = Priority::medium;
  i.reporter_id = "reporter-1";
  i.reporter_name = "Rita Reporter";
  i.assigned_person_id = "person-1";
  i.assigned_person_name = "Pat Person";
  i.tags = {"ops"};
  i.display_order = 1;
  i.created_at = base_time();
  i.updated_at = base_time();
  i.created_by = "user-1";
  i.updated_by = "user-1";
  i.version = 1;
  return i;
}

inline IssueType make_issue_type(std::string_view tenant, std::string_view id,
                                 std::string_view name, int order) {
  IssueType t;
  t.id = std::string(id);
  t.tenant = std::string(tenant);
  t.name = std::string(name);
  t.description = "Type " + std::string(name);
  t.color = "#112233";
  t.icon = "users";
  t.order = order;
  t.created_at = base_time();
  return t;
}

inline IssueStatus make_issue_status(std::string_view tenant, std::string_view id,
                                     std::string_view name, IssueStatusCategory category,
                                     int order) {
  IssueStatus s;
  s.id = std::string(id);
  s.tenant = std::string(tenant);
  s.name = std::string(name);
  s.description = "Status " + std::string(name);
  s.category = category;
  s.color = "#445566";
  s.icon = "circle";
  s.order = order;
  s.created_at = base_time();
  return s;
}

inline DomainEvent make_event(std::string_view tenant, std::string_view goal_id,
                              EventPayload payload = ProgressChanged{10, 20, "kpis"}) {
  DomainEvent e;
  e.tenant = std::string(tenant);
  e.goal_id = std::string(goal_id);
  e.at = base_time();
  e.payload = std::move(payload);
  return e;
}

// A goal as compared by the suite: KPI links in a fixed order (their order is not part
// of the contract; strategies' order is).
inline Goal normalized(Goal goal) {
  std::sort(goal.kpi_links.begin(), goal.kpi_links.end(),
            [](const GoalKpiLink& a, const GoalKpiLink& b) { return a.kpi_id < b.kpi_id; });
  return goal;
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(row.id);
  return out;
}

inline std::vector<std::string> sorted(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

inline std::vector<std::string> strings(std::initializer_list<std::string_view> items) {
  std::vector<std::string> out;
  for (const auto item : items) out.emplace_back(item);
  return out;
}

// Runs `f(tx)` (returning Status) in a write and requires that it committed.
template <class F>
void write_ok(ports::Store& store, F&& f) {
  const auto status = store.write(std::forward<F>(f));
  INFO("write failed: " << (status ? std::string() : status.error().message));
  REQUIRE(status.has_value());
}

// The value of `f(tx)` (returning Result<T>) read in a read transaction; requires success.
template <class F>
auto read_value(ports::Store& store, F&& f) {
  auto result = read_tx(store, std::forward<F>(f));
  INFO("read failed: " << (result ? std::string() : result.error().message));
  REQUIRE(result.has_value());
  return std::move(*result);
}

// The status of one mutating call made in its own write.
template <class F>
Status write_status(ports::Store& store, F&& f) {
  return store.write(std::forward<F>(f));
}

// Inserts live goals with the given ids (created a minute apart, in the order given).
inline void seed_goals(ports::Store& store, std::string_view tenant,
                       std::initializer_list<std::string_view> ids) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    int minute = 0;
    for (const auto id : ids) {
      auto goal = make_goal(tenant, id);
      goal.created_at = minutes_after_base(minute++);
      if (auto ok = tx.goals().insert(goal); !ok) return ok;
    }
    return {};
  });
}

inline void seed_kpis(ports::Store& store, std::string_view tenant,
                      std::initializer_list<std::string_view> ids) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto id : ids) {
      if (auto ok = tx.kpis().insert(make_kpi(tenant, id, "KPI " + std::string(id))); !ok) {
        return ok;
      }
    }
    return {};
  });
}

// Remembers what the store published, in order.
class RecordingPublisher final : public ports::EventPublisher {
 public:
  void publish(const DomainEvent& event) noexcept override {
    const std::lock_guard lock(mutex_);
    events_.push_back(event);
  }
  [[nodiscard]] std::vector<DomainEvent> events() const {
    const std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<DomainEvent> events_;
};

inline bool has_code(const Status& status, ErrorCode code) {
  return !status.has_value() && status.error().code == code;
}

}  // namespace traction::contract
