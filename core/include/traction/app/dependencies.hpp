#pragma once
// What every use case runs on: the store (unit of work), the clock, the id generator, and
// the deployment's settings.

#include <cstdint>

#include "traction/domain/hierarchy.hpp"
#include "traction/ports/clock.hpp"
#include "traction/ports/id_generator.hpp"
#include "traction/ports/store.hpp"

namespace traction {

struct Settings {
  std::int64_t max_goals_per_tenant = 0;  // 0 = unlimited (GOAL_LIMIT_REACHED past it)
  HierarchyPolicy hierarchy;
};

struct Dependencies {
  ports::Store& store;
  const ports::Clock& clock;
  ports::IdGenerator& ids;
  Settings settings;
};

}  // namespace traction
