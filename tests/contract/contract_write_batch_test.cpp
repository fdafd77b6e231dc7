// write_batch(): units run in order on the caller's thread; each write() succeeds or fails
// alone; a read() in a unit sees the writes before it; the batch's events are published,
// in order, for the writes that landed; another thread's write lands too.
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "contract_fixtures.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

Status insert_goal_with_event(ports::Transaction& tx, const std::string& id) {
  if (auto ok = tx.goals().insert(make_goal(tenant_a, id)); !ok) return ok;
  auto event = make_event(tenant_a, id);
  return tx.events().append(event);
}

bool goal_exists(ports::Store& store, const std::string& id) {
  return read_value(store, [&](ports::Transaction& tx) { return tx.goals().find(tenant_a, id); })
      .has_value();
}

}  // namespace

TEST_CASE("write batch: each write lands or fails alone, and reads see the writes before them") {
  RecordingPublisher publisher;
  auto store = make_store(&publisher);
  std::vector<Status> writes(4);
  std::vector<int> order;
  bool saw_first = false;
  bool saw_failed = true;

  const auto batch = store->write_batch(4, [&](std::size_t i) {
    order.push_back(static_cast<int>(i));
    switch (i) {
      case 0:
        writes[i] = store->write([](ports::Transaction& tx) { return insert_goal_with_event(tx, "b-0"); });
        break;
      case 1:
        writes[i] = store->write([](ports::Transaction& tx) -> Status {
          if (auto ok = insert_goal_with_event(tx, "b-1"); !ok) return ok;
          return fail(ErrorCode::validation_error, "no", "title");
        });
        break;
      case 2:
        saw_first = goal_exists(*store, "b-0");
        saw_failed = goal_exists(*store, "b-1");
        writes[i] = store->write([](ports::Transaction& tx) { return insert_goal_with_event(tx, "b-2"); });
        break;
      default:
        writes[i] = store->write([](ports::Transaction& tx) -> Status {
          if (auto ok = insert_goal_with_event(tx, "b-3"); !ok) return ok;
          throw std::runtime_error("broken use case");
        });
        break;
    }
  });

  REQUIRE(batch.has_value());
  CHECK(order == std::vector<int>{0, 1, 2, 3});
  CHECK(writes[0].has_value());
  CHECK(has_code(writes[1], ErrorCode::validation_error));
  CHECK(writes[2].has_value());
  CHECK(has_code(writes[3], ErrorCode::internal));
  CHECK(saw_first);
  CHECK_FALSE(saw_failed);
  CHECK(goal_exists(*store, "b-0"));
  CHECK_FALSE(goal_exists(*store, "b-1"));
  CHECK(goal_exists(*store, "b-2"));
  CHECK_FALSE(goal_exists(*store, "b-3"));
  const auto published = publisher.events();
  REQUIRE(published.size() == 2);
  CHECK(published[0].goal_id == "b-0");
  CHECK(published[1].goal_id == "b-2");
  CHECK(published[0].id < published[1].id);
}

TEST_CASE("write batch: a unit may write several times, or not at all") {
  auto store = make_store();
  const auto batch = store->write_batch(3, [&](std::size_t i) {
    if (i == 1) return;
    for (int n = 0; n < 2; ++n) {
      const auto id = "m-" + std::to_string(i) + "-" + std::to_string(n);
      REQUIRE(store->write([&](ports::Transaction& tx) { return tx.goals().insert(make_goal(tenant_a, id)); }));
    }
  });
  REQUIRE(batch.has_value());
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.goals().count(tenant_a); }) == 4);
  CHECK(store->write_batch(0, [](std::size_t) { FAIL("no unit to run"); }).has_value());
}

TEST_CASE("write batch: a write from another thread meanwhile lands as well") {
  auto store = make_store();
  Status other;
  std::thread writer;
  const auto batch = store->write_batch(2, [&](std::size_t i) {
    if (i == 0) {
      // Started inside the batch: a store with batches makes it wait for the commit.
      writer = std::thread([&] {
        other = store->write([](ports::Transaction& tx) { return tx.goals().insert(make_goal(tenant_a, "other")); });
      });
    }
    REQUIRE(store->write([&](ports::Transaction& tx) {
      return tx.goals().insert(make_goal(tenant_a, "unit-" + std::to_string(i)));
    }));
  });
  writer.join();
  REQUIRE(batch.has_value());
  REQUIRE(other.has_value());
  CHECK(goal_exists(*store, "unit-0"));
  CHECK(goal_exists(*store, "unit-1"));
  CHECK(goal_exists(*store, "other"));
}
