#pragma once
// Repository ports: one per aggregate, every call scoped by tenant. Reads never return
// soft-deleted rows unless the call says so. Implementations: adapters/memory and
// adapters/sqlite; both pass the same contract suite (tests/contract).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "traction/domain/action.hpp"
#include "traction/domain/activity.hpp"
#include "traction/domain/audit.hpp"
#include "traction/domain/event.hpp"
#include "traction/domain/feed.hpp"
#include "traction/domain/goal.hpp"
#include "traction/domain/goal_tally.hpp"
#include "traction/domain/issue.hpp"
#include "traction/domain/issue_config.hpp"
#include "traction/domain/kpi.hpp"
#include "traction/domain/page.hpp"
#include "traction/error.hpp"
#include "traction/ports/queries.hpp"

namespace traction::ports {

// A goal named by tenant and id (background jobs work across tenants).
struct GoalKey {
  std::string tenant;
  std::string id;
  friend bool operator==(const GoalKey&, const GoalKey&) = default;
};

class GoalRepository {
 public:
  virtual ~GoalRepository() = default;
  // A live goal with its strategies (ordered) and KPI links.
  [[nodiscard]] virtual Result<std::optional<Goal>> find(std::string_view tenant,
                                                         std::string_view id) = 0;
  // Also a soft-deleted one.
  [[nodiscard]] virtual Result<std::optional<Goal>> find_including_deleted(
      std::string_view tenant, std::string_view id) = 0;
  [[nodiscard]] virtual Result<Page<Goal>> list(std::string_view tenant, const GoalQuery& query) = 0;
  // Live children, oldest first.
  [[nodiscard]] virtual Result<std::vector<Goal>> children(std::string_view tenant,
                                                           std::string_view parent_id) = 0;
  // Every live goal of the tenant (analytics).
  [[nodiscard]] virtual Result<std::vector<Goal>> all(std::string_view tenant) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count(std::string_view tenant) = 0;
  // The tenant's live goals counted by status and horizon (goal stats).
  [[nodiscard]] virtual Result<GoalTally> tally(std::string_view tenant) = 0;
  // Live goals of every tenant whose status is open (draft, active, paused): the jobs' input.
  [[nodiscard]] virtual Result<std::vector<GoalKey>> open_goals() = 0;
  // The live goal that owns a strategy.
  [[nodiscard]] virtual Result<std::optional<std::string>> goal_of_strategy(
      std::string_view tenant, std::string_view strategy_id) = 0;
  // Live goals linked to a KPI.
  [[nodiscard]] virtual Result<std::vector<std::string>> goals_linking_kpi(
      std::string_view tenant, std::string_view kpi_id) = 0;

  virtual Status insert(const Goal& goal) = 0;
  // Optimistic: fails with VERSION_CONFLICT unless the stored version equals goal.version;
  // on success the stored and the given goal.version are one higher. Strategies and KPI
  // links are stored as given (added, changed and removed ones).
  virtual Status update(Goal& goal) = 0;
};

class KpiRepository {
 public:
  virtual ~KpiRepository() = default;
  [[nodiscard]] virtual Result<std::optional<Kpi>> find(std::string_view tenant,
                                                        std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::vector<Kpi>> find_many(std::string_view tenant,
                                                           std::span<const std::string> ids) = 0;
  [[nodiscard]] virtual Result<Page<Kpi>> list(std::string_view tenant, const KpiQuery& query) = 0;
  [[nodiscard]] virtual Result<std::vector<Kpi>> all(std::string_view tenant) = 0;
  virtual Status insert(const Kpi& kpi) = 0;
  virtual Status update(const Kpi& kpi) = 0;

  [[nodiscard]] virtual Result<std::optional<KpiReading>> find_reading(std::string_view tenant,
                                                                       std::string_view kpi_id,
                                                                       YearMonth period) = 0;
  virtual Status insert_reading(const KpiReading& reading) = 0;
  // Replaces the reading with the same id.
  virtual Status replace_reading(const KpiReading& reading) = 0;
  [[nodiscard]] virtual Result<Page<KpiReading>> readings(std::string_view tenant,
                                                          std::string_view kpi_id,
                                                          const ReadingQuery& query) = 0;
  // The reading of the latest period of each given KPI that has one.
  [[nodiscard]] virtual Result<std::vector<KpiReading>> latest_readings(
      std::string_view tenant, std::span<const std::string> kpi_ids) = 0;
};

class ActivityRepository {
 public:
  virtual ~ActivityRepository() = default;
  virtual Status insert(const Activity& activity) = 0;
  // Newest first.
  [[nodiscard]] virtual Result<Page<Activity>> list(std::string_view tenant,
                                                    std::string_view goal_id,
                                                    const ActivityQuery& query) = 0;
};

class FeedRepository {
 public:
  virtual ~FeedRepository() = default;
  virtual Status append(const FeedEntry& entry) = 0;
  // Newest first.
  [[nodiscard]] virtual Result<std::vector<FeedEntry>> recent(std::string_view tenant,
                                                              std::size_t limit) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual Status append(const AuditEntry& entry) = 0;
  // Newest first.
  [[nodiscard]] virtual Result<Page<AuditEntry>> list(std::string_view tenant,
                                                      std::string_view goal_id,
                                                      const PageRequest& page) = 0;
};

class SnapshotRepository {
 public:
  virtual ~SnapshotRepository() = default;
  virtual Status append(const ProgressSnapshot& snapshot) = 0;
  // Oldest first, within [from, to] when given.
  [[nodiscard]] virtual Result<std::vector<ProgressSnapshot>> list(
      std::string_view tenant, std::string_view goal_id, std::optional<Timestamp> from,
      std::optional<Timestamp> to) = 0;
  // The last snapshot of each UTC day from `from` on (latest `at`; for equal times the later
  // appended), oldest first: the one point per day a forecast fits. Its cost follows the
  // number of days, not how often the goal moved within a day (a parent above hundreds of
  // busy children gets hundreds of snapshots a day).
  [[nodiscard]] virtual Result<std::vector<ProgressPoint>> last_of_each_day(
      std::string_view tenant, std::string_view goal_id, Timestamp from) = 0;
};

class ActionRepository {
 public:
  virtual ~ActionRepository() = default;
  [[nodiscard]] virtual Result<std::optional<Action>> find(std::string_view tenant,
                                                           std::string_view id) = 0;
  [[nodiscard]] virtual Result<Page<Action>> list(std::string_view tenant,
                                                  const ActionQuery& query) = 0;
  [[nodiscard]] virtual Result<std::vector<Action>> all(std::string_view tenant) = 0;
  // Live actions whose connections name the goal / strategy / issue.
  [[nodiscard]] virtual Result<std::vector<Action>> linked_to_goal(std::string_view tenant,
                                                                   std::string_view goal_id) = 0;
  [[nodiscard]] virtual Result<std::vector<Action>> linked_to_strategy(
      std::string_view tenant, std::string_view strategy_id) = 0;
  [[nodiscard]] virtual Result<std::vector<Action>> linked_to_issue(std::string_view tenant,
                                                                    std::string_view issue_id) = 0;
  virtual Status insert(const Action& action) = 0;
  // Optimistic, as GoalRepository::update.
  virtual Status update(Action& action) = 0;
};

class IssueRepository {
 public:
  virtual ~IssueRepository() = default;
  [[nodiscard]] virtual Result<std::optional<Issue>> find(std::string_view tenant,
                                                          std::string_view id) = 0;
  [[nodiscard]] virtual Result<Page<Issue>> list(std::string_view tenant,
                                                 const IssueQuery& query) = 0;
  // Live issues that use a type / a status.
  [[nodiscard]] virtual Result<std::int64_t> count_with_type(std::string_view tenant,
                                                             std::string_view type_id) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_with_status(std::string_view tenant,
                                                               std::string_view status_id) = 0;
  // Live issues whose connections name the goal / strategy.
  [[nodiscard]] virtual Result<std::vector<Issue>> linked_to_goal(std::string_view tenant,
                                                                  std::string_view goal_id) = 0;
  [[nodiscard]] virtual Result<std::vector<Issue>> linked_to_strategy(
      std::string_view tenant, std::string_view strategy_id) = 0;
  virtual Status insert(const Issue& issue) = 0;
  // Optimistic, as GoalRepository::update.
  virtual Status update(Issue& issue) = 0;
};

class IssueTypeRepository {
 public:
  virtual ~IssueTypeRepository() = default;
  // All of the tenant's types, active and inactive, by order then name.
  [[nodiscard]] virtual Result<std::vector<IssueType>> list(std::string_view tenant) = 0;
  [[nodiscard]] virtual Result<std::optional<IssueType>> find(std::string_view tenant,
                                                              std::string_view id) = 0;
  virtual Status insert(const IssueType& type) = 0;
  virtual Status update(const IssueType& type) = 0;
};

class IssueStatusRepository {
 public:
  virtual ~IssueStatusRepository() = default;
  // All of the tenant's statuses, active and inactive, by category, order, then name.
  [[nodiscard]] virtual Result<std::vector<IssueStatus>> list(std::string_view tenant) = 0;
  [[nodiscard]] virtual Result<std::optional<IssueStatus>> find(std::string_view tenant,
                                                                std::string_view id) = 0;
  virtual Status insert(const IssueStatus& status) = 0;
  virtual Status update(const IssueStatus& status) = 0;
};

// The persisted event log SSE replays from.
class EventLog {
 public:
  virtual ~EventLog() = default;
  // Stores the event and sets event.id (ascending across the store).
  virtual Status append(DomainEvent& event) = 0;
  // The tenant's events with id > after_id, oldest first, at most `limit`; only those of
  // one goal when goal_id is given.
  [[nodiscard]] virtual Result<std::vector<DomainEvent>> since(
      std::string_view tenant, std::optional<std::string_view> goal_id, std::int64_t after_id,
      std::size_t limit) = 0;
};

// Small named numeric series per tenant (the daily performance score, for its trend).
class MetricHistory {
 public:
  virtual ~MetricHistory() = default;
  // Records (tenant, name, date) = value, replacing a value of the same day.
  virtual Status record(std::string_view tenant, std::string_view name, Date date,
                        double value) = 0;
  // The latest value recorded on or before `date`.
  [[nodiscard]] virtual Result<std::optional<std::pair<Date, double>>> latest_on_or_before(
      std::string_view tenant, std::string_view name, Date date) = 0;
};

}  // namespace traction::ports
