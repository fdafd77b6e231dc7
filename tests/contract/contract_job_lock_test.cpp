// JobLock: named leases that keep a background job from running twice at once.
#include "contract_fixtures.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

bool acquire(ports::Store& store, std::string_view name, std::string_view holder,
             milliseconds lease, Timestamp now) {
  const auto result = store.job_lock().try_acquire(name, holder, lease, now);
  INFO("try_acquire failed: " << (result ? std::string() : result.error().message));
  REQUIRE(result.has_value());
  return *result;
}

void release(ports::Store& store, std::string_view name, std::string_view holder) {
  const auto status = store.job_lock().release(name, holder);
  REQUIRE(status.has_value());
}

}  // namespace

TEST_CASE("job lock: a free lease is taken, and refused to others while it lives") {
  auto store = make_store();
  const auto t0 = base_time();
  CHECK(acquire(*store, "daily-snapshot", "worker-1", minutes(5), t0));
  CHECK_FALSE(acquire(*store, "daily-snapshot", "worker-2", minutes(5), t0));
  CHECK_FALSE(acquire(*store, "daily-snapshot", "worker-2", minutes(5), t0 + minutes(4)));
  CHECK_FALSE(
      acquire(*store, "daily-snapshot", "worker-2", minutes(5), t0 + minutes(5) - milliseconds(1)));
}

TEST_CASE("job lock: an expired lease is taken by someone else") {
  auto store = make_store();
  const auto t0 = base_time();
  REQUIRE(acquire(*store, "job", "worker-1", minutes(5), t0));
  CHECK(acquire(*store, "job", "worker-2", minutes(5), t0 + minutes(5) + milliseconds(1)));
  // Now worker-2 holds it, until t0 + 10 min.
  CHECK_FALSE(acquire(*store, "job", "worker-1", minutes(5), t0 + minutes(6)));
  CHECK(acquire(*store, "job", "worker-1", minutes(5), t0 + minutes(11)));
}

TEST_CASE("job lock: the holder renews its own lease") {
  auto store = make_store();
  const auto t0 = base_time();
  REQUIRE(acquire(*store, "job", "worker-1", minutes(5), t0));
  CHECK(acquire(*store, "job", "worker-1", minutes(5), t0 + minutes(4)));
  // The renewed lease lasts until t0 + 9 min, past the first one's end.
  CHECK_FALSE(acquire(*store, "job", "worker-2", minutes(5), t0 + minutes(6)));
  CHECK_FALSE(acquire(*store, "job", "worker-2", minutes(5), t0 + minutes(9) - milliseconds(1)));
  CHECK(acquire(*store, "job", "worker-2", minutes(5), t0 + minutes(9) + milliseconds(1)));
}

TEST_CASE("job lock: a holder whose lease expired gets it again when nobody took it") {
  auto store = make_store();
  const auto t0 = base_time();
  REQUIRE(acquire(*store, "job", "worker-1", minutes(5), t0));
  CHECK(acquire(*store, "job", "worker-1", minutes(5), t0 + minutes(30)));
  CHECK_FALSE(acquire(*store, "job", "worker-2", minutes(5), t0 + minutes(34)));
}

TEST_CASE("job lock: only the holder releases") {
  auto store = make_store();
  const auto t0 = base_time();
  REQUIRE(acquire(*store, "job", "worker-1", minutes(5), t0));
  release(*store, "job", "worker-2");  // not the holder: nothing happens
  CHECK_FALSE(acquire(*store, "job", "worker-2", minutes(5), t0 + minutes(1)));
  release(*store, "job", "worker-1");
  CHECK(acquire(*store, "job", "worker-2", minutes(5), t0 + minutes(1)));
  CHECK_FALSE(acquire(*store, "job", "worker-1", minutes(5), t0 + minutes(2)));
  release(*store, "unknown-job", "worker-1");  // releasing a lease nobody holds is fine
}

TEST_CASE("job lock: names are independent") {
  auto store = make_store();
  const auto t0 = base_time();
  CHECK(acquire(*store, "daily-snapshot", "worker-1", minutes(5), t0));
  CHECK(acquire(*store, "score-history", "worker-2", minutes(5), t0));
  CHECK_FALSE(acquire(*store, "score-history", "worker-1", minutes(5), t0));
  release(*store, "daily-snapshot", "worker-1");
  CHECK_FALSE(acquire(*store, "score-history", "worker-1", minutes(5), t0));
  CHECK(acquire(*store, "daily-snapshot", "worker-3", minutes(5), t0));
}
