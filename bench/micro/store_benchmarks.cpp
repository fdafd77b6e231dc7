// Use cases on real stores: the roll-up after a leaf change on the memory store (100k
// goals), reads of a 100k-goal SQLite file (goal stats, one goal, a page of 50), and goal
// creation on a SQLite file as the write lane batches it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include <unistd.h>

#include "fixtures.hpp"
#include "traction/app/services.hpp"

#if defined(TRACTION_BENCH_SQLITE)
#include "traction/sqlite/sqlite_store.hpp"
#endif

namespace traction::bench {
namespace {

// Leaves whose progress is entered (no KPI links) and that can still change.
std::vector<std::string> changeable_leaves(const MemoryTree& tree) {
  std::vector<std::string> out;
  for (const auto& g : tree.goals) {
    if (g.level == GoalLevel::individual && g.kpi_links.empty() && g.status == GoalStatus::active) {
      out.push_back(g.id);
    }
  }
  return out;
}

// GoalService::update of a leaf's entered progress: the leaf and its three ancestors are
// re-computed, stored, snapshotted, audited and their events logged, in one transaction.
//
// Every update appends a snapshot, an audit entry and events for the leaf and each ancestor,
// so the store the next update works on grows with the updates made before it; until the
// forecasts read one point per day (last_of_each_day), each update also lengthened the
// history every ancestor's forecast read. So the state measured is fixed: 10 000 updates of
// leaves in a shuffled (seeded) order, spread over the tree as a company's would be. Left
// to choose its own iteration count, Google Benchmark ran more iterations on a faster
// machine and so measured a bigger store (32 µs at 3 000 iterations, 65 µs at 56 000, in
// store order, before the one-point-per-day read).
void BM_RollupUseCaseMemory100k(benchmark::State& state) {
  const auto& tree = memory_tree_100k();
  const auto leaves = [&] {
    auto out = changeable_leaves(tree);
    std::shuffle(out.begin(), out.end(), std::mt19937_64{7});
    return out;
  }();
  // Repetitions call this function again on the same store: the ids and the clock carry on.
  static FixedClock clock{start_of(tree.spec.today) + std::chrono::hours(9)};
  static SeededIds ids{99};
  Services services{Dependencies{*tree.store, clock, ids, {}}};
  const auto actor = bench_admin(tree.spec);
  std::size_t next = 0;
  std::int64_t round = 0;
  for (auto _ : state) {
    const auto& id = leaves[next];
    if (++next == leaves.size()) {
      next = 0;
      ++round;
    }
    GoalPatch patch;
    patch.progress = round % 2 == 0 ? 91.0 : 9.0;
    auto result = services.goals.update(actor, id, patch);
    if (!result) {
      state.SkipWithError(result.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(result);
    clock.advance(std::chrono::milliseconds(10));
  }
  state.SetLabel("GoalService::update(progress) on a leaf, 3 ancestors rolled up");
}
BENCHMARK(BM_RollupUseCaseMemory100k)->Unit(benchmark::kMicrosecond)->Iterations(10000);

#if defined(TRACTION_BENCH_SQLITE)

// A 100k-goal SQLite file, seeded once and kept between runs (it takes a while to write).
sqlite::SqliteStore& sqlite_100k() {
  static std::unique_ptr<sqlite::SqliteStore> store = [] {
    namespace fs = std::filesystem;
    const char* dir_env = std::getenv("TRACTION_BENCH_CACHE");
    const fs::path dir = dir_env != nullptr ? fs::path(dir_env) : fs::temp_directory_path();
    fs::create_directories(dir);
    const auto path = dir / "traction-bench-100k-v1.db";
    const auto spec = tree_100k_spec(0);
    if (!fs::exists(path)) {
      const auto tmp = dir / "traction-bench-100k-v1.db.partial";
      for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(tmp.string() + suffix);
      sqlite::SqliteOptions options;
      options.path = tmp.string();
      options.synchronous = sqlite::Synchronous::off;
      auto seeding = sqlite::SqliteStore::open(options);
      if (!seeding) std::abort();
      std::fprintf(stderr, "seeding %s (once)...\n", path.c_str());
      auto seeded = seed_store(**seeding, spec);
      if (!seeded) {
        std::fprintf(stderr, "seeding failed: %s\n", seeded.error().message.c_str());
        std::abort();
      }
      seeding->reset();  // closes, checkpoints the WAL
      for (const auto* suffix : {"-wal", "-shm"}) fs::remove(tmp.string() + suffix);
      fs::rename(tmp, path);
    }
    sqlite::SqliteOptions options;
    options.path = path.string();
    auto opened = sqlite::SqliteStore::open(options);
    if (!opened) std::abort();
    return std::move(*opened);
  }();
  return *store;
}

struct SqliteServices {
  FixedClock clock{start_of(tree_100k_spec(0).today) + std::chrono::hours(9)};
  SeededIds ids{5};
  Services services{Dependencies{sqlite_100k(), clock, ids, {}}};
  AuthContext actor = bench_admin(tree_100k_spec(0));
};

SqliteServices& sqlite_services() {
  static SqliteServices s;
  return s;
}

void BM_GoalStatsSqlite100k(benchmark::State& state) {
  auto& s = sqlite_services();
  for (auto _ : state) {
    auto stats = s.services.analytics.goal_stats(s.actor);
    if (!stats) {
      state.SkipWithError(stats.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(stats);
  }
  state.SetLabel("AnalyticsService::goal_stats, 100k goals read from SQLite");
}
BENCHMARK(BM_GoalStatsSqlite100k)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_GetGoalSqlite100k(benchmark::State& state) {
  auto& s = sqlite_services();
  std::vector<std::string> ids;
  auto status = sqlite_100k().read([&](ports::Transaction& tx) -> Status {
    GoalQuery q;
    q.page.size = 100;
    auto page = tx.goals().list(s.actor.tenant, q);
    if (!page) return fail(page.error());
    for (const auto& g : page->items) ids.push_back(g.id);
    return {};
  });
  if (!status || ids.empty()) {
    state.SkipWithError("no goals");
    return;
  }
  std::size_t next = 0;
  for (auto _ : state) {
    auto goal = s.services.goals.get(s.actor, ids[next]);
    next = (next + 1) % ids.size();
    benchmark::DoNotOptimize(goal);
  }
  state.SetLabel("GoalService::get (no HTTP)");
}
BENCHMARK(BM_GetGoalSqlite100k)->Unit(benchmark::kMicrosecond);

void BM_ListGoals50Sqlite100k(benchmark::State& state) {
  auto& s = sqlite_services();
  GoalQuery q;
  q.page.size = 50;
  for (auto _ : state) {
    auto page = s.services.goals.list(s.actor, q);
    benchmark::DoNotOptimize(page);
  }
  state.SetLabel("GoalService::list size=50 (no HTTP)");
}
BENCHMARK(BM_ListGoals50Sqlite100k)->Unit(benchmark::kMicrosecond);

// GoalService::create as the write lane runs it: 64 creations in one write_batch (one
// transaction, a savepoint each, one durable commit), on a file of its own under the
// durable default (synchronous=FULL), so the figure includes one fsync per 64 goals. The
// body is the load run's `POST /goals` one. Per goal; the file grows as it runs.
void BM_CreateGoalsSqliteBatch64(benchmark::State& state) {
  namespace fs = std::filesystem;
  // A name of this process's own: two runs at once do not share the file.
  const auto path =
      fs::temp_directory_path() / ("traction-bench-create-" + std::to_string(::getpid()) + ".db");
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  sqlite::SqliteOptions options;
  options.path = path.string();
  auto opened = sqlite::SqliteStore::open(options);
  if (!opened) {
    state.SkipWithError(opened.error().message.c_str());
    return;
  }
  auto& store = **opened;
  const auto spec = tree_100k_spec(0);
  FixedClock clock{start_of(spec.today) + std::chrono::hours(9)};
  SeededIds ids{11};
  Services services{Dependencies{store, clock, ids, {}}};
  const auto actor = bench_admin(spec);
  constexpr std::size_t batch = 64;
  std::int64_t made = 0;
  bool failed = false;
  for (auto _ : state) {
    auto committed = store.write_batch(batch, [&](std::size_t) {
      GoalDraft draft;
      draft.title = "Load goal " + std::to_string(++made);
      draft.intent = "Written by the load run";
      draft.horizon = Horizon::quarter;
      draft.level = GoalLevel::team;
      auto created = services.goals.create(actor, draft);
      if (!created) failed = true;
      benchmark::DoNotOptimize(created);
    });
    if (!committed || failed) {
      state.SkipWithError("a creation failed");
      break;
    }
  }
  state.SetItemsProcessed(made);
  state.SetLabel("GoalService::create, 64 a batch, synchronous=FULL (no HTTP)");
  opened->reset();
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
}
BENCHMARK(BM_CreateGoalsSqliteBatch64)->Unit(benchmark::kMicrosecond);

#endif

}  // namespace
}  // namespace traction::bench
