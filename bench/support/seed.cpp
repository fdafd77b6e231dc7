#include "seed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "traction/app/services.hpp"
#include "traction/domain/goal_rules.hpp"
#include "traction/domain/progress.hpp"

namespace traction::bench {

std::uint64_t Rng::next() noexcept {
  state_ += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double Rng::unit() noexcept {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

// Written digit by digit, as the server's UuidGenerator does: formatting it with fmt was 9%
// of the roll-up benchmark, a cost the server does not have.
std::string SeededIds::next() {
  const auto hi = rng_.next();
  const auto lo = rng_.next();
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(36, '-');
  const auto put = [&](std::size_t at, std::uint64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value >>= 4) out[at + static_cast<std::size_t>(i)] = hex[value & 0xfU];
  };
  // {:08x}-{:04x}-4{:03x}-{:04x}-{:012x} of the same values, as before (the seeds stay the same)
  put(0, hi >> 32, 8);
  put(9, (hi >> 16) & 0xffffU, 4);
  out[14] = '4';
  put(15, hi & 0xfffU, 3);
  put(19, 0x8000U | ((lo >> 48) & 0x3fffU), 4);
  put(24, lo & 0xffff'ffff'ffffULL, 12);
  return out;
}

namespace {

constexpr std::array<std::string_view, 4> level_names{"Company", "Division", "Team", "Individual"};
constexpr std::array<std::string_view, 6> categories{"Revenue", "Customer", "Operations",
                                                     "People", "Quality", "Growth"};
constexpr std::array<std::string_view, 8> tags{"growth", "retention", "efficiency", "quality",
                                               "innovation", "customer", "people", "cost"};
constexpr std::array<std::string_view, 6> verbs{"Increase", "Reduce", "Launch", "Improve",
                                                "Expand", "Streamline"};
constexpr std::array<std::string_view, 6> objects{"net revenue", "churn", "the partner programme",
                                                  "onboarding time", "EMEA presence",
                                                  "release cadence"};
constexpr int users = 200;

double round2(double v) { return std::round(v * 100.0) / 100.0; }

// One goal of the tree, compactly: what the generator decides before building rows.
struct Node {
  int parent = -1;
  int level = 0;
  int first_child = -1;
  int child_count = 0;
  double progress = 0;
};

struct KpiData {
  std::vector<Kpi> kpis;
  std::vector<KpiReading> latest;  // same order as kpis
};

class Generator {
 public:
  Generator(const SeedSpec& spec, ports::Store& store, const SeedProgress& progress)
      : spec_(spec), store_(store), progress_(progress), ids_(spec.seed ^ 0x1d5ULL),
        actor_{spec.tenant, spec.user_id, spec.user_name, Role::admin},
        created_base_(start_of(spec.today - std::chrono::days(150))) {}

  Result<SeedResult> run() {
    build_tree();
    if (auto s = write_kpis(); !s) return fail(s.error());
    compute_progress_bottom_up();
    if (auto s = write_goals(); !s) return fail(s.error());
    if (auto s = write_issues(); !s) return fail(s.error());
    return std::move(result_);
  }

 private:
  void report(std::string_view stage, std::int64_t done) const {
    if (progress_) progress_(stage, done);
  }

  // Breadth first: a parent always comes before its children.
  void build_tree() {
    for (int i = 0; i < spec_.roots; ++i) nodes_.push_back(Node{-1, 0, -1, 0, 0});
    std::size_t level_begin = 0;
    for (std::size_t depth = 0; depth < spec_.fanout.size(); ++depth) {
      const std::size_t level_end = nodes_.size();
      for (std::size_t p = level_begin; p < level_end; ++p) {
        nodes_[p].first_child = static_cast<int>(nodes_.size());
        nodes_[p].child_count = spec_.fanout[depth];
        for (int c = 0; c < spec_.fanout[depth]; ++c) {
          nodes_.push_back(Node{static_cast<int>(p), static_cast<int>(depth) + 1, -1, 0, 0});
        }
      }
      level_begin = level_end;
    }
    result_.goal_ids.reserve(nodes_.size());
    for (std::size_t i = 0; i < nodes_.size(); ++i) result_.goal_ids.push_back(ids_.next());
  }

  // Per-goal random stream: a goal's rows do not depend on the order they are built in.
  [[nodiscard]] Rng goal_rng(std::size_t index) const {
    return Rng{spec_.seed ^ (0xa0761d6478bd642fULL * (index + 1))};
  }

  [[nodiscard]] bool is_leaf(std::size_t index) const { return nodes_[index].child_count == 0; }

  static Horizon horizon_of(int level, Rng& rng) {
    switch (level) {
      case 0:
      case 1: return Horizon::year;
      case 2: return Horizon::quarter;
      default: return rng.chance(0.5) ? Horizon::month : Horizon::quarter;
    }
  }

  static int horizon_days(Horizon h) {
    switch (h) {
      case Horizon::year: return 365;
      case Horizon::quarter: return 91;
      case Horizon::month: return 30;
    }
    return 91;
  }

  GoalStatus status_of(std::size_t index, Rng& rng) const {
    if (!is_leaf(index)) return rng.chance(0.9) ? GoalStatus::active : GoalStatus::draft;
    const auto r = rng.unit();
    if (r < 0.30) return GoalStatus::draft;
    if (r < 0.80) return GoalStatus::active;
    if (r < 0.90) return GoalStatus::paused;
    if (r < 0.97) return GoalStatus::completed;
    return GoalStatus::cancelled;
  }

  // The goal's row; `with_progress` fills the roll-up fields from nodes_ (second pass).
  Goal build_goal(std::size_t index) const {
    auto rng = goal_rng(index);
    const auto& node = nodes_[index];
    const auto level = node.level;
    const auto created = created_base_ + std::chrono::seconds(static_cast<long>(index));

    GoalDraft draft;
    draft.title = fmt::format("{} goal {}: {} {}", level_names[static_cast<std::size_t>(std::min(level, 3))],
                              index, verbs[rng.below(verbs.size())], objects[rng.below(objects.size())]);
    draft.intent = fmt::format(
        "Objective {} of the benchmark tenant. Owned at the {} level; measured monthly and "
        "reviewed with the leadership team every quarter.",
        index, level_names[static_cast<std::size_t>(std::min(level, 3))]);
    const auto owner = rng.below(users);
    draft.owner_id = fmt::format("user-{}", owner);
    draft.owner_name = fmt::format("User {}", owner);
    draft.horizon = horizon_of(level, rng);
    const auto tag_count = rng.below(3);
    for (std::uint64_t t = 0; t < tag_count; ++t) {
      const auto tag = std::string(tags[rng.below(tags.size())]);
      if (std::find(draft.value_tags.begin(), draft.value_tags.end(), tag) == draft.value_tags.end()) {
        draft.value_tags.push_back(tag);
      }
    }
    draft.level = static_cast<GoalLevel>(std::min(level, 3));
    const auto start = spec_.today - std::chrono::days(30 + static_cast<long>(rng.below(90)));
    draft.start_date = start;
    draft.end_date = start + std::chrono::days(horizon_days(*draft.horizon));
    draft.progress = round2(rng.unit() * 100.0);
    draft.metadata_json = fmt::format(R"({{"source":"bench","index":{}}})", index);

    auto made = make_goal(draft, actor_, result_.goal_ids[index], created);
    Goal goal = made ? std::move(*made) : Goal{};
    if (node.parent >= 0) goal.parent_id = result_.goal_ids[static_cast<std::size_t>(node.parent)];
    goal.status = status_of(index, rng);
    if (goal.status == GoalStatus::completed) {
      goal.entered_progress = 100;
      goal.completed_at = created + std::chrono::days(20);
    }

    const auto strategy_count = rng.below(4);
    for (std::uint64_t s = 0; s < strategy_count; ++s) {
      Strategy strategy;
      strategy.id = fmt::format("{}-s{}", goal.id, s + 1);
      strategy.goal_id = goal.id;
      strategy.description = fmt::format("Strategy {} for goal {}: focus on {}", s + 1, index,
                                         objects[rng.below(objects.size())]);
      strategy.status = static_cast<StrategyStatus>(rng.below(3));
      strategy.order = static_cast<int>(s) + 1;
      strategy.created_at = created;
      strategy.updated_at = created;
      goal.strategies.push_back(std::move(strategy));
    }

    if (is_leaf(index) && !kpi_data_.kpis.empty() && rng.chance(0.5)) {
      const auto links = 1 + rng.below(2);
      for (std::uint64_t l = 0; l < links; ++l) {
        const auto k = rng.below(kpi_data_.kpis.size());
        const auto& kpi = kpi_data_.kpis[k];
        if (goal.find_link(kpi.id) != nullptr) continue;
        const auto current = kpi_data_.latest[k].effective_value();
        GoalKpiLink link;
        link.id = fmt::format("{}-k{}", goal.id, l + 1);
        link.kpi_id = kpi.id;
        link.threshold_pct = 70;
        link.weight = 1 + static_cast<double>(rng.below(3));
        link.target = round2(kpi.direction == Direction::up ? current * (1.0 + rng.unit())
                                                            : current * (0.5 + 0.5 * rng.unit()));
        link.created_at = created;
        goal.kpi_links.push_back(std::move(link));
      }
    }

    goal.children_count = node.child_count;
    goal.created_at = created;
    goal.updated_at = created;
    goal.created_by = spec_.user_id;
    goal.updated_by = spec_.user_id;
    return goal;
  }

  std::vector<GoalKpiView> kpi_views(const Goal& goal) const {
    std::vector<Kpi> kpis;
    std::vector<KpiReading> readings;
    for (const auto& link : goal.kpi_links) {
      for (std::size_t k = 0; k < kpi_data_.kpis.size(); ++k) {
        if (kpi_data_.kpis[k].id != link.kpi_id) continue;
        kpis.push_back(kpi_data_.kpis[k]);
        readings.push_back(kpi_data_.latest[k]);
      }
    }
    return goal_kpi_views(goal, kpis, readings);
  }

  // Core's progress rule, leaves first, so every parent holds its children's sum.
  void compute_progress_bottom_up() {
    std::vector<double> child_sum(nodes_.size(), 0.0);
    for (std::size_t i = nodes_.size(); i-- > 0;) {
      auto goal = build_goal(i);
      goal.children_progress_sum = child_sum[i];
      const auto result = is_leaf(i) ? compute_progress(goal, kpi_views(goal)) : compute_progress(goal, {});
      nodes_[i].progress = result.progress;
      if (nodes_[i].parent >= 0) child_sum[static_cast<std::size_t>(nodes_[i].parent)] += result.progress;
    }
    child_sums_ = std::move(child_sum);
  }

  Goal final_goal(std::size_t index) const {
    auto goal = build_goal(index);
    goal.children_progress_sum = child_sums_[index];
    const auto result = is_leaf(index) ? compute_progress(goal, kpi_views(goal)) : compute_progress(goal, {});
    goal.progress = result.progress;
    goal.progress_basis = result.basis;
    goal.last_calculated_at = goal.created_at;
    return goal;
  }

  // Daily snapshots ending today, rising towards the current progress with some noise.
  std::vector<ProgressSnapshot> history(const Goal& goal, std::size_t index) const {
    std::vector<ProgressSnapshot> out;
    const int n = spec_.history_points;
    if (n <= 0) return out;
    out.reserve(static_cast<std::size_t>(n));
    Rng rng{spec_.seed ^ (0x3c6ef372fe94f82bULL * (index + 7))};
    for (int k = 0; k < n; ++k) {
      const auto day = spec_.today - std::chrono::days(n - 1 - k);
      const double share = static_cast<double>(k + 1) / static_cast<double>(n);
      double value = k == n - 1 ? goal.progress
                                : goal.progress * share + (rng.unit() - 0.5) * 4.0;
      value = round2(std::clamp(value, 0.0, 100.0));
      out.push_back(ProgressSnapshot{goal.tenant, goal.id, start_of(day), value, SnapshotSource::daily});
    }
    return out;
  }

  Status write_kpis() {
    Rng rng{spec_.seed ^ 0x4b5049ULL};
    const auto this_month = year_month_of(spec_.today);
    for (int k = 0; k < spec_.kpis; ++k) {
      Kpi kpi;
      kpi.id = ids_.next();
      kpi.tenant = spec_.tenant;
      kpi.name = fmt::format("KPI {:04d} {}", k, categories[rng.below(categories.size())]);
      kpi.description = fmt::format("Benchmark indicator {}", k);
      kpi.category = std::string(categories[rng.below(categories.size())]);
      kpi.unit = rng.chance(0.5) ? "%" : "USD";
      kpi.direction = rng.chance(0.8) ? Direction::up : Direction::down;
      kpi.is_shared = true;
      kpi.owner_id = fmt::format("user-{}", rng.below(users));
      kpi.created_at = created_base_;
      kpi.updated_at = created_base_;
      kpi.created_by = spec_.user_id;
      kpi_data_.kpis.push_back(std::move(kpi));
    }
    std::vector<KpiReading> readings;
    for (const auto& kpi : kpi_data_.kpis) {
      double value = 50 + rng.unit() * 950;
      KpiReading last;
      for (int r = spec_.readings_per_kpi - 1; r >= 0; --r) {
        auto period = this_month;
        for (int back = 0; back < r; ++back) {
          period = period.month == 1 ? YearMonth{period.year - 1, 12} : YearMonth{period.year, period.month - 1};
        }
        value = round2(std::max(1.0, value * (0.95 + 0.1 * rng.unit())));
        KpiReading reading;
        reading.id = ids_.next();
        reading.tenant = spec_.tenant;
        reading.kpi_id = kpi.id;
        reading.period = period;
        reading.value = value;
        reading.created_at = start_of(first_day(period)) + std::chrono::hours(9);
        reading.created_by = spec_.user_id;
        last = reading;
        readings.push_back(std::move(reading));
      }
      kpi_data_.latest.push_back(last);
    }
    for (const auto& kpi : kpi_data_.kpis) result_.kpi_ids.push_back(kpi.id);
    result_.readings = static_cast<std::int64_t>(readings.size());

    auto s = store_.write([&](ports::Transaction& tx) -> Status {
      for (const auto& kpi : kpi_data_.kpis) {
        if (auto ok = tx.kpis().insert(kpi); !ok) return ok;
      }
      for (const auto& reading : readings) {
        if (auto ok = tx.kpis().insert_reading(reading); !ok) return ok;
      }
      return {};
    });
    report("kpis", spec_.kpis);
    return s;
  }

  Status write_goals() {
    const std::size_t chunk = std::max<std::size_t>(
        1, spec_.rows_per_transaction / static_cast<std::size_t>(1 + std::max(spec_.history_points, 0)));
    for (std::size_t begin = 0; begin < nodes_.size(); begin += chunk) {
      const auto end = std::min(nodes_.size(), begin + chunk);
      std::vector<Goal> goals;
      goals.reserve(end - begin);
      for (auto i = begin; i < end; ++i) goals.push_back(final_goal(i));
      auto s = store_.write([&](ports::Transaction& tx) -> Status {
        for (std::size_t j = 0; j < goals.size(); ++j) {
          if (auto ok = tx.goals().insert(goals[j]); !ok) return ok;
          for (const auto& snapshot : history(goals[j], begin + j)) {
            if (auto ok = tx.snapshots().append(snapshot); !ok) return ok;
          }
        }
        return {};
      });
      if (!s) return s;
      for (std::size_t j = 0; j < goals.size(); ++j) {
        if (!is_leaf(begin + j)) continue;
        result_.leaf_ids.push_back(goals[j].id);
        if (goals[j].status == GoalStatus::draft) result_.draft_leaf_ids.push_back(goals[j].id);
      }
      result_.snapshots += static_cast<std::int64_t>(goals.size()) * std::max(spec_.history_points, 0);
      report("goals", static_cast<std::int64_t>(end));
    }
    return {};
  }

  Status write_issues() {
    if (spec_.issues <= 0) return {};
    // The system types and statuses, through the use case that adds them for a tenant.
    FixedClock clock{start_of(spec_.today)};
    SeededIds config_ids{spec_.seed ^ 0xc0f1ULL};
    Services services{Dependencies{store_, clock, config_ids, {}}};
    auto types = services.issue_config.list_types(actor_, {});
    if (!types) return fail(types.error());
    auto statuses = services.issue_config.list_statuses(actor_, {});
    if (!statuses) return fail(statuses.error());
    if (types->empty() || statuses->empty()) return fail(ErrorCode::internal, "no issue configuration");

    Rng rng{spec_.seed ^ 0x155ULL};
    const auto per_tx = std::max<std::size_t>(1, spec_.rows_per_transaction);
    std::int64_t written = 0;
    while (written < spec_.issues) {
      const auto n = std::min<std::int64_t>(static_cast<std::int64_t>(per_tx), spec_.issues - written);
      std::vector<Issue> batch;
      batch.reserve(static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i) {
        const auto number = written + i;
        Issue issue;
        issue.id = ids_.next();
        issue.tenant = spec_.tenant;
        issue.title = fmt::format("Issue {}: {} is slipping", number, objects[rng.below(objects.size())]);
        issue.description = fmt::format("Benchmark issue {}, found in the weekly review.", number);
        issue.type_config_id = (*types)[rng.below(types->size())].id;
        issue.status_config_id = (*statuses)[rng.below(statuses->size())].id;
        issue.impact = static_cast<Priority>(rng.below(4));
        issue.priority = static_cast<Priority>(rng.below(4));
        const auto reporter = rng.below(users);
        issue.reporter_id = fmt::format("user-{}", reporter);
        issue.reporter_name = fmt::format("User {}", reporter);
        const auto assignee = rng.below(users);
        issue.assigned_person_id = fmt::format("user-{}", assignee);
        issue.assigned_person_name = fmt::format("User {}", assignee);
        if (rng.chance(0.3)) issue.tags.push_back(std::string(tags[rng.below(tags.size())]));
        issue.display_order = static_cast<int>(number);
        issue.connections.goal_ids.push_back(result_.goal_ids[rng.below(result_.goal_ids.size())]);
        issue.created_at = created_base_ + std::chrono::minutes(number);
        issue.updated_at = issue.created_at;
        issue.created_by = issue.reporter_id;
        issue.updated_by = issue.reporter_id;
        batch.push_back(std::move(issue));
      }
      auto s = store_.write([&](ports::Transaction& tx) -> Status {
        for (const auto& issue : batch) {
          if (auto ok = tx.issues().insert(issue); !ok) return ok;
        }
        return {};
      });
      if (!s) return s;
      written += n;
      report("issues", written);
    }
    result_.issues = written;
    return {};
  }

  const SeedSpec& spec_;
  ports::Store& store_;
  const SeedProgress& progress_;
  SeededIds ids_;
  AuthContext actor_;
  Timestamp created_base_;
  std::vector<Node> nodes_;
  std::vector<double> child_sums_;
  KpiData kpi_data_;
  SeedResult result_;
};

}  // namespace

Result<SeedResult> seed_store(ports::Store& store, const SeedSpec& spec, const SeedProgress& progress) {
  if (spec.roots <= 0) return invalid("roots", "roots must be positive");
  Generator generator{spec, store, progress};
  return generator.run();
}

}  // namespace traction::bench
