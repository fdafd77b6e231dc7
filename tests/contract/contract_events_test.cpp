// EventLog (ids, since) and the publishing of committed events.
#include "contract_fixtures.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

std::int64_t append_event(ports::Store& store, DomainEvent event) {
  write_ok(store, [&](ports::Transaction& tx) { return tx.events().append(event); });
  return event.id;
}

std::vector<DomainEvent> since(ports::Store& store, std::string_view tenant,
                               std::optional<std::string_view> goal_id, std::int64_t after_id,
                               std::size_t limit = 100) {
  return read_value(store, [&](ports::Transaction& tx) {
    return tx.events().since(tenant, goal_id, after_id, limit);
  });
}

std::vector<std::int64_t> ids_of_events(const std::vector<DomainEvent>& events) {
  std::vector<std::int64_t> out;
  for (const auto& e : events) out.push_back(e.id);
  return out;
}

// Checks, while an event is published, that its write is already visible.
class CommitCheckingPublisher final : public ports::EventPublisher {
 public:
  void attach(ports::Store& store) { store_ = &store; }
  void publish(const DomainEvent& event) noexcept override {
    ++published_;
    auto seen = read_tx(*store_, [&](ports::Transaction& tx) {
      return tx.events().since(event.tenant, std::nullopt, event.id - 1, 1);
    });
    if (seen && seen->size() == 1 && (*seen)[0] == event) ++visible_;
  }
  int published_ = 0;
  int visible_ = 0;

 private:
  ports::Store* store_ = nullptr;
};

}  // namespace

TEST_CASE("events: append assigns ids ascending from 1 across the store") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  seed_goals(*store, tenant_b, {"g-b"});
  DomainEvent first = make_event(tenant_a, "g-1");
  DomainEvent second = make_event(tenant_b, "g-b");
  DomainEvent third = make_event(tenant_a, "g-1");
  write_ok(*store, [&](ports::Transaction& tx) -> Status {
    if (auto ok = tx.events().append(first); !ok) return ok;
    if (auto ok = tx.events().append(second); !ok) return ok;
    return tx.events().append(third);
  });
  CHECK(first.id == 1);
  CHECK(second.id == 2);
  CHECK(third.id == 3);
  const auto fourth = append_event(*store, make_event(tenant_b, "g-b"));
  CHECK(fourth == 4);
}

TEST_CASE("events: ids keep ascending after a rolled-back write") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  const auto before = append_event(*store, make_event(tenant_a, "g-1"));
  const auto status = store->write([](ports::Transaction& tx) -> Status {
    auto e = make_event(tenant_a, "g-1");
    if (auto ok = tx.events().append(e); !ok) return ok;
    return fail(ErrorCode::validation_error, "no");
  });
  REQUIRE_FALSE(status.has_value());
  const auto after = append_event(*store, make_event(tenant_a, "g-1"));
  CHECK(after > before);
  CHECK(ids_of_events(since(*store, tenant_a, std::nullopt, 0)) ==
        std::vector<std::int64_t>{before, after});
}

TEST_CASE("events: every payload kind reads back unchanged") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  std::vector<DomainEvent> events = {
      make_event(tenant_a, "g-1",
                 ActivityCreated{"act-1", ActivityType::decision, "We decided", "Decision",
                                 "https://example.com/d", at("2025-01-15T10:00:00.123Z")}),
      make_event(tenant_a, "g-1",
                 KpiReadingCreated{"kpi-1", "r-1", "2025-03", 1234.5, 1200.25,
                                   at("2025-04-01T00:00:00Z")}),
      make_event(tenant_a, "g-1",
                 KpiReadingCreated{"kpi-1", "r-2", "2025-04", 7, std::nullopt,
                                   at("2025-05-01T00:00:00Z")}),
      make_event(tenant_a, "g-1", ProgressChanged{12.5, 64.25, "children"}),
      make_event(tenant_a, "g-1", HealthChanged{"on_track", "at_risk"}),
  };
  events[2].at = at("2025-05-02T03:04:05.678Z");
  write_ok(*store, [&](ports::Transaction& tx) -> Status {
    for (auto& e : events) {
      if (auto ok = tx.events().append(e); !ok) return ok;
    }
    return {};
  });
  CHECK(since(*store, tenant_a, std::nullopt, 0) == events);
}

TEST_CASE("events: since filters by tenant, goal, after_id and limit, oldest first") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1", "g-2"});
  seed_goals(*store, tenant_b, {"g-b"});
  const auto a1 = append_event(*store, make_event(tenant_a, "g-1"));
  const auto b1 = append_event(*store, make_event(tenant_b, "g-b"));
  const auto a2 = append_event(*store, make_event(tenant_a, "g-2"));
  const auto a3 = append_event(*store, make_event(tenant_a, "g-1"));
  const auto a4 = append_event(*store, make_event(tenant_a, "g-1"));
  using Ids = std::vector<std::int64_t>;

  CHECK(ids_of_events(since(*store, tenant_a, std::nullopt, 0)) == Ids{a1, a2, a3, a4});
  CHECK(ids_of_events(since(*store, tenant_b, std::nullopt, 0)) == Ids{b1});
  CHECK(ids_of_events(since(*store, tenant_a, std::nullopt, a2)) == Ids{a3, a4});
  CHECK(ids_of_events(since(*store, tenant_a, std::nullopt, a1)) == Ids{a2, a3, a4});
  CHECK(since(*store, tenant_a, std::nullopt, a4).empty());
  CHECK(ids_of_events(since(*store, tenant_a, "g-1", 0)) == Ids{a1, a3, a4});
  CHECK(ids_of_events(since(*store, tenant_a, "g-1", a1)) == Ids{a3, a4});
  CHECK(ids_of_events(since(*store, tenant_a, "g-2", a2)).empty());
  CHECK(ids_of_events(since(*store, tenant_a, std::nullopt, 0, 2)) == Ids{a1, a2});
  CHECK(ids_of_events(since(*store, tenant_a, "g-1", 0, 2)) == Ids{a1, a3});
  CHECK(ids_of_events(since(*store, tenant_a, std::nullopt, a2, 1)) == Ids{a3});
  CHECK(since(*store, tenant_a, std::nullopt, 0, 0).empty());
  CHECK(since(*store, tenant_a, "g-unknown", 0).empty());
  CHECK(since(*store, "tenant-unknown", std::nullopt, 0).empty());
}

TEST_CASE("events: a committed write publishes its events in order, with their ids") {
  RecordingPublisher publisher;
  auto store = make_store(&publisher);
  seed_goals(*store, tenant_a, {"g-1", "g-2"});
  CHECK(publisher.events().empty());

  std::vector<DomainEvent> appended = {
      make_event(tenant_a, "g-1", ProgressChanged{1, 2, "kpis"}),
      make_event(tenant_a, "g-2", HealthChanged{"on_track", "off_track"}),
      make_event(tenant_a, "g-1", ProgressChanged{2, 3, "manual"}),
  };
  write_ok(*store, [&](ports::Transaction& tx) -> Status {
    for (auto& e : appended) {
      if (auto ok = tx.events().append(e); !ok) return ok;
    }
    // Nothing is published while the transaction is open.
    CHECK(publisher.events().empty());
    return {};
  });
  CHECK(publisher.events() == appended);

  const auto next = append_event(*store, make_event(tenant_a, "g-2"));
  const auto published = publisher.events();
  REQUIRE(published.size() == 4);
  CHECK(published[3].id == next);
}

TEST_CASE("events: a failed write publishes nothing, and its events are not in the log") {
  RecordingPublisher publisher;
  auto store = make_store(&publisher);
  seed_goals(*store, tenant_a, {"g-1"});

  SECTION("the work returns an error") {
    const auto status = store->write([](ports::Transaction& tx) -> Status {
      auto e = make_event(tenant_a, "g-1");
      if (auto ok = tx.events().append(e); !ok) return ok;
      return fail(ErrorCode::dependency_exists, "refused");
    });
    CHECK(has_code(status, ErrorCode::dependency_exists));
  }
  SECTION("the work throws") {
    const auto status = store->write([](ports::Transaction& tx) -> Status {
      auto e = make_event(tenant_a, "g-1");
      if (auto ok = tx.events().append(e); !ok) return ok;
      throw std::runtime_error("boom");
    });
    CHECK(has_code(status, ErrorCode::internal));
  }
  CHECK(publisher.events().empty());
  CHECK(since(*store, tenant_a, std::nullopt, 0).empty());
}

TEST_CASE("events: a read publishes nothing, and a write without events neither") {
  RecordingPublisher publisher;
  auto store = make_store(&publisher);
  seed_goals(*store, tenant_a, {"g-1"});
  append_event(*store, make_event(tenant_a, "g-1"));
  REQUIRE(publisher.events().size() == 1);
  (void)since(*store, tenant_a, std::nullopt, 0);
  seed_goals(*store, tenant_a, {"g-2"});
  CHECK(publisher.events().size() == 1);
}

TEST_CASE("events: when an event is published, its write is already committed") {
  CommitCheckingPublisher publisher;
  auto store = make_store(&publisher);
  publisher.attach(*store);
  seed_goals(*store, tenant_a, {"g-1"});
  write_ok(*store, [](ports::Transaction& tx) -> Status {
    auto e1 = make_event(tenant_a, "g-1");
    auto e2 = make_event(tenant_a, "g-1", HealthChanged{"at_risk", "on_track"});
    if (auto ok = tx.events().append(e1); !ok) return ok;
    return tx.events().append(e2);
  });
  CHECK(publisher.published_ == 2);
  CHECK(publisher.visible_ == 2);
}
