#pragma once
// The benchmark data set: a deterministic tenant written through the Store port (so the
// SQLite adapter lays it down in its real schema). The same generator fills the memory
// store of the micro-benchmarks and the SQLite file the HTTP load run serves.
//
// Shape (defaults = the issue's sizes): a goal tree of depth 4 (company > division > team >
// individual; 10 x 9 x 10 x 10 = 10 000 goals), each goal with 0-3 strategies and 0-2
// value tags, about half of the individual goals linked to 1-2 KPIs; progress computed by
// core's rule bottom-up (leaves from KPIs or an entered value, parents the average of their
// children); `history_points` daily snapshots per goal ending on `today`; `kpis` KPIs with
// `readings_per_kpi` monthly readings; `issues` issues with the tenant's system types and
// statuses, each connected to a random goal.
//
// Everything comes from one SplitMix64 stream seeded with `seed`: the same spec gives the
// same rows (ids included) on every machine.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "traction/error.hpp"
#include "traction/ports/clock.hpp"
#include "traction/ports/id_generator.hpp"
#include "traction/ports/store.hpp"
#include "traction/time.hpp"

namespace traction::bench {

struct SeedSpec {
  std::string tenant = "bench";
  std::string user_id = "bench-admin";
  std::string user_name = "Bench Admin";
  // Goals per level: roots, then each level's children per parent (depth = size + 1).
  int roots = 10;
  std::vector<int> fanout{9, 10, 10};
  int history_points = 100;  // snapshots per goal (one a day)
  int kpis = 1000;
  int readings_per_kpi = 12;  // monthly, ending with today's month
  int issues = 50'000;
  Date today{std::chrono::year{2025} / std::chrono::June / 1};
  std::uint64_t seed = 0x7261'6374'696f'6e21ULL;  // "raction!"
  std::size_t rows_per_transaction = 5000;
};

struct SeedResult {
  std::vector<std::string> goal_ids;        // every goal, roots first (breadth first)
  std::vector<std::string> leaf_ids;        // the deepest level
  std::vector<std::string> draft_leaf_ids;  // leaves seeded as draft (transition scenario)
  std::vector<std::string> kpi_ids;
  std::int64_t snapshots = 0;
  std::int64_t readings = 0;
  std::int64_t issues = 0;
};

// Deterministic 64-bit generator (SplitMix64).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept;
  // [0, n)
  std::uint64_t below(std::uint64_t n) noexcept { return n == 0 ? 0 : next() % n; }
  // [0, 1)
  double unit() noexcept;
  bool chance(double p) noexcept { return unit() < p; }

 private:
  std::uint64_t state_;
};

// UUID-shaped ids from an Rng (version-4 layout).
class SeededIds final : public ports::IdGenerator {
 public:
  explicit SeededIds(std::uint64_t seed) noexcept : rng_(seed) {}
  [[nodiscard]] std::string next() override;

 private:
  Rng rng_;
};

// A clock that says what it is told.
class FixedClock final : public ports::Clock {
 public:
  explicit FixedClock(Timestamp now) noexcept : now_(now) {}
  [[nodiscard]] Timestamp now() const override { return now_; }
  void set(Timestamp t) noexcept { now_ = t; }
  void advance(std::chrono::milliseconds d) noexcept { now_ += d; }

 private:
  Timestamp now_;
};

using SeedProgress = std::function<void(std::string_view stage, std::int64_t done)>;

// Writes the data set into `store` (which should be empty for the tenant).
[[nodiscard]] Result<SeedResult> seed_store(ports::Store& store, const SeedSpec& spec,
                                            const SeedProgress& progress = {});

}  // namespace traction::bench
