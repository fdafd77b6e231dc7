#pragma once
// A Traction instance on the in-memory store with a clock and ids the test controls.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "traction/app/services.hpp"
#include "traction/memory/memory_store.hpp"

namespace traction::test {

class ManualClock final : public ports::Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  [[nodiscard]] Timestamp now() const override { return now_; }
  void advance(std::chrono::milliseconds by) { now_ += by; }
  void set(Timestamp t) { now_ = t; }

 private:
  Timestamp now_;
};

class SequenceIds final : public ports::IdGenerator {
 public:
  [[nodiscard]] std::string next() override { return "id-" + std::to_string(++n_); }

 private:
  int n_ = 0;
};

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
  [[nodiscard]] std::vector<std::string> types_for(std::string_view goal_id) const {
    std::vector<std::string> out;
    for (const auto& e : events()) {
      if (e.goal_id == goal_id) out.emplace_back(e.type());
    }
    return out;
  }
  void clear() {
    const std::lock_guard lock(mutex_);
    events_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<DomainEvent> events_;
};

inline AuthContext admin(std::string tenant = "acme") { return {std::move(tenant), "u-admin", "Ada Admin", Role::admin}; }
inline AuthContext manager(std::string tenant = "acme") {
  return {std::move(tenant), "u-manager", "Max Manager", Role::manager};
}
inline AuthContext employee(std::string tenant = "acme") {
  return {std::move(tenant), "u-emp", "Eve Employee", Role::employee};
}

struct Harness {
  explicit Harness(Settings settings = {})
      : clock(*parse_timestamp("2025-01-15T10:00:00Z")),
        store(&events),
        services(Dependencies{store, clock, ids, settings}),
        deps{store, clock, ids, settings} {}

  GoalView goal(std::string title = "Grow revenue", std::optional<GoalLevel> level = std::nullopt,
                std::optional<std::string> parent = std::nullopt, const AuthContext& who = admin()) {
    GoalDraft d;
    d.title = std::move(title);
    d.horizon = Horizon::quarter;
    d.level = level;
    d.parent_id = std::move(parent);
    auto created = services.goals.create(who, d);
    if (!created) throw std::runtime_error("goal: " + created.error().message);
    return std::move(*created);
  }

  Kpi kpi(std::string name = "Revenue", Direction direction = Direction::up) {
    KpiDraft d;
    d.name = std::move(name);
    d.direction = direction;
    auto created = services.kpis.create(admin(), d);
    if (!created) throw std::runtime_error("kpi: " + created.error().message);
    return std::move(*created);
  }

  Result<KpiReading> reading(const std::string& kpi_id, const char* period, double value, bool replace = false) {
    ReadingDraft d;
    d.period = parse_year_month(period);
    d.value = value;
    d.replace = replace;
    return services.kpis.add_reading(admin(), kpi_id, d);
  }

  Goal fetch(const std::string& id) {
    auto view = services.goals.get(admin(), id);
    if (!view) throw std::runtime_error("fetch: " + view.error().message);
    return view->goal;
  }

  ManualClock clock;
  SequenceIds ids;
  RecordingPublisher events;
  memory::MemoryStore store;
  Services services;
  Dependencies deps;
};

}  // namespace traction::test
