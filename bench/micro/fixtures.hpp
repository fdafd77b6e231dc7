#pragma once
// Data shared by the micro-benchmarks, built once per process on first use (outside the
// timed loops): the 100k-goal tenant in a memory store, its goals as a vector.

#include <memory>
#include <string>
#include <vector>

#include "seed.hpp"
#include "traction/auth.hpp"
#include "traction/domain/goal.hpp"
#include "traction/memory/memory_store.hpp"

namespace traction::bench {

// The 4-level tree of (exactly) 100 000 goals: 100 x 9 x 10 x 10.
[[nodiscard]] SeedSpec tree_100k_spec(int history_points);

struct MemoryTree {
  SeedSpec spec;
  std::unique_ptr<memory::MemoryStore> store;
  SeedResult seeded;
  std::vector<Goal> goals;  // every live goal of the tenant (store order)
};

// 100k goals, 10 snapshots each, 1000 KPIs, no issues.
[[nodiscard]] const MemoryTree& memory_tree_100k();

[[nodiscard]] inline AuthContext bench_admin(const SeedSpec& spec) {
  return AuthContext{spec.tenant, spec.user_id, spec.user_name, Role::admin};
}

}  // namespace traction::bench
