#pragma once
// Every use case of Traction, built on one set of dependencies: what an embedder or the
// HTTP adapter holds.

#include "traction/app/activity_service.hpp"
#include "traction/app/analytics_service.hpp"
#include "traction/app/dependencies.hpp"
#include "traction/app/goal_service.hpp"
#include "traction/app/hierarchy_service.hpp"
#include "traction/app/issue_config_service.hpp"
#include "traction/app/kpi_service.hpp"
#include "traction/app/operations_service.hpp"
#include "traction/app/progress_service.hpp"

namespace traction {

struct Services {
  explicit Services(Dependencies deps)
      : goals(deps), kpis(deps), activity(deps), hierarchy(deps), progress(deps), analytics(deps),
        operations(deps), issue_config(deps) {}

  GoalService goals;
  KpiService kpis;
  ActivityService activity;
  HierarchyService hierarchy;
  ProgressService progress;
  AnalyticsService analytics;
  OperationsService operations;
  IssueConfigService issue_config;
};

}  // namespace traction
