#pragma once

#include "traction/memory/memory_action_repository.hpp"
#include "traction/memory/memory_activity_repository.hpp"
#include "traction/memory/memory_audit_repository.hpp"
#include "traction/memory/memory_event_log.hpp"
#include "traction/memory/memory_feed_repository.hpp"
#include "traction/memory/memory_goal_repository.hpp"
#include "traction/memory/memory_issue_repository.hpp"
#include "traction/memory/memory_issue_status_repository.hpp"
#include "traction/memory/memory_issue_type_repository.hpp"
#include "traction/memory/memory_kpi_repository.hpp"
#include "traction/memory/memory_metric_history.hpp"
#include "traction/memory/memory_snapshot_repository.hpp"
#include "traction/memory/memory_tx_context.hpp"
#include "traction/ports/store.hpp"

namespace traction::memory {

// The repositories of one transaction, all working through the same context.
class MemoryTransaction final : public ports::Transaction {
 public:
  explicit MemoryTransaction(MemoryTxContext& tx) noexcept
      : goals_(tx), kpis_(tx), activities_(tx), feed_(tx), audit_(tx), snapshots_(tx),
        actions_(tx), issues_(tx), issue_types_(tx), issue_statuses_(tx), events_(tx),
        metrics_(tx) {}

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

 private:
  MemoryGoalRepository goals_;
  MemoryKpiRepository kpis_;
  MemoryActivityRepository activities_;
  MemoryFeedRepository feed_;
  MemoryAuditRepository audit_;
  MemorySnapshotRepository snapshots_;
  MemoryActionRepository actions_;
  MemoryIssueRepository issues_;
  MemoryIssueTypeRepository issue_types_;
  MemoryIssueStatusRepository issue_statuses_;
  MemoryEventLog events_;
  MemoryMetricHistory metrics_;
};

}  // namespace traction::memory
