#pragma once
// One unit of work on a connection of the store: every repository, sharing its TxContext.
// The store opens and ends the SQLite transaction (or savepoint) around it.

#include "sqlite_action_repository.hpp"
#include "sqlite_event_log.hpp"
#include "sqlite_goal_repository.hpp"
#include "sqlite_issue_config_repositories.hpp"
#include "sqlite_issue_repository.hpp"
#include "sqlite_kpi_repository.hpp"
#include "sqlite_log_repositories.hpp"
#include "sqlite_metric_history.hpp"
#include "traction/ports/store.hpp"
#include "tx_context.hpp"

namespace traction::sqlite {

class SqliteTransaction final : public ports::Transaction {
 public:
  SqliteTransaction(Connection& connection, bool writable) noexcept
      : context_(connection, writable) {}
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  ports::GoalRepository& goals() override { return goals_; }
  ports::KpiRepository& kpis() override { return kpis_; }
  ports::ActivityRepository& activities() override { return activities_; }
  ports::FeedRepository& feed() override { return feed_; }
  ports::AuditRepository& audit() override { return audit_; }
  ports::SnapshotRepository& snapshots() override { return snapshots_; }
  ports::ActionRepository& actions() override { return actions_; }
  ports::IssueRepository& issues() override { return issues_; }
  ports::IssueTypeRepository& issue_types() override { return issue_types_; }
  ports::IssueStatusRepository& issue_statuses() override { return issue_statuses_; }
  ports::EventLog& events() override { return events_; }
  ports::MetricHistory& metrics() override { return metrics_; }

  // The connection the transaction runs on (the store's own use, and tests).
  [[nodiscard]] Connection& connection() noexcept { return context_.connection(); }
  // The events appended so far, in order.
  [[nodiscard]] std::vector<DomainEvent> take_events() noexcept { return context_.take_events(); }

 private:
  TxContext context_;
  SqliteGoalRepository goals_{context_};
  SqliteKpiRepository kpis_{context_};
  SqliteActivityRepository activities_{context_};
  SqliteFeedRepository feed_{context_};
  SqliteAuditRepository audit_{context_};
  SqliteSnapshotRepository snapshots_{context_};
  SqliteActionRepository actions_{context_};
  SqliteIssueRepository issues_{context_};
  SqliteIssueTypeRepository issue_types_{context_};
  SqliteIssueStatusRepository issue_statuses_{context_};
  SqliteEventLog events_{context_};
  SqliteMetricHistory metrics_{context_};
};

}  // namespace traction::sqlite
