// ActivityRepository, FeedRepository, AuditRepository, SnapshotRepository, MetricHistory.
#include "contract_fixtures.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

void insert_activities(ports::Store& store, const std::vector<Activity>& activities) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& activity : activities) {
      if (auto ok = tx.activities().insert(activity); !ok) return ok;
    }
    return {};
  });
}

Page<Activity> list_activities(ports::Store& store, std::string_view goal_id,
                               const ActivityQuery& query = {}) {
  return read_value(store, [&](ports::Transaction& tx) {
    return tx.activities().list(tenant_a, goal_id, query);
  });
}

void append_feed(ports::Store& store, const std::vector<FeedEntry>& entries) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& entry : entries) {
      if (auto ok = tx.feed().append(entry); !ok) return ok;
    }
    return {};
  });
}

std::vector<FeedEntry> recent_feed(ports::Store& store, std::size_t limit) {
  return read_value(store,
                    [&](ports::Transaction& tx) { return tx.feed().recent(tenant_a, limit); });
}

void append_audit(ports::Store& store, const std::vector<AuditEntry>& entries) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& entry : entries) {
      if (auto ok = tx.audit().append(entry); !ok) return ok;
    }
    return {};
  });
}

Page<AuditEntry> list_audit(ports::Store& store, std::string_view goal_id,
                            const PageRequest& page = {}) {
  return read_value(store, [&](ports::Transaction& tx) {
    return tx.audit().list(tenant_a, goal_id, page);
  });
}

void append_snapshots(ports::Store& store, const std::vector<ProgressSnapshot>& snapshots) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& snapshot : snapshots) {
      if (auto ok = tx.snapshots().append(snapshot); !ok) return ok;
    }
    return {};
  });
}

std::vector<ProgressSnapshot> list_snapshots(ports::Store& store, std::string_view goal_id,
                                             std::optional<Timestamp> from = std::nullopt,
                                             std::optional<Timestamp> to = std::nullopt) {
  return read_value(store, [&](ports::Transaction& tx) {
    return tx.snapshots().list(tenant_a, goal_id, from, to);
  });
}

template <class Point>
std::vector<double> progress_of(const std::vector<Point>& points) {
  std::vector<double> out;
  for (const auto& p : points) out.push_back(p.progress);
  return out;
}

void record_metric(ports::Store& store, std::string_view tenant, std::string_view name,
                   std::string_view date, double value) {
  write_ok(store, [&](ports::Transaction& tx) {
    return tx.metrics().record(tenant, name, day(date), value);
  });
}

std::optional<std::pair<Date, double>> latest_metric(ports::Store& store, std::string_view name,
                                                     std::string_view date) {
  return read_value(store, [&](ports::Transaction& tx) {
    return tx.metrics().latest_on_or_before(tenant_a, name, day(date));
  });
}

}  // namespace

// ---- activities ----------------------------------------------------------------------

TEST_CASE("activities: an inserted activity reads back field for field") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  auto activity = make_activity(tenant_a, "act-1", "g-1", at("2025-01-16T08:00:00.321Z"),
                                ActivityType::decision);
  insert_activities(*store, {activity});
  const auto page = list_activities(*store, "g-1");
  CHECK(page.total == 1);
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0] == activity);
}

TEST_CASE("activities: newest first, ties by later insert first, per goal") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1", "g-2"});
  insert_activities(*store, {make_activity(tenant_a, "old", "g-1", minutes_after_base(1)),
                             make_activity(tenant_a, "new", "g-1", minutes_after_base(9)),
                             make_activity(tenant_a, "tie-1", "g-1", minutes_after_base(5)),
                             make_activity(tenant_a, "other-goal", "g-2", minutes_after_base(7))});
  insert_activities(*store, {make_activity(tenant_a, "tie-2", "g-1", minutes_after_base(5))});
  const auto page = list_activities(*store, "g-1");
  CHECK(page.total == 4);
  CHECK(ids_of(page.items) == strings({"new", "tie-2", "tie-1", "old"}));
  CHECK(ids_of(list_activities(*store, "g-2").items) == strings({"other-goal"}));
  CHECK(list_activities(*store, "g-unknown").total == 0);
}

TEST_CASE("activities: the type filter and pagination") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  insert_activities(
      *store, {make_activity(tenant_a, "n-1", "g-1", minutes_after_base(1), ActivityType::note),
               make_activity(tenant_a, "d-1", "g-1", minutes_after_base(2), ActivityType::decision),
               make_activity(tenant_a, "n-2", "g-1", minutes_after_base(3), ActivityType::note),
               make_activity(tenant_a, "s-1", "g-1", minutes_after_base(4), ActivityType::system),
               make_activity(tenant_a, "n-3", "g-1", minutes_after_base(5), ActivityType::note)});
  ActivityQuery query;
  query.type = ActivityType::note;
  auto page = list_activities(*store, "g-1", query);
  CHECK(page.total == 3);
  CHECK(ids_of(page.items) == strings({"n-3", "n-2", "n-1"}));
  query.type = ActivityType::attachment;
  CHECK(list_activities(*store, "g-1", query).total == 0);

  query = ActivityQuery{};
  query.page = PageRequest{2, 2};
  page = list_activities(*store, "g-1", query);
  CHECK(page.total == 5);
  CHECK(ids_of(page.items) == strings({"n-2", "d-1"}));
  query.page = PageRequest{3, 2};
  CHECK(ids_of(list_activities(*store, "g-1", query).items) == strings({"n-1"}));
  query.page = PageRequest{4, 2};
  page = list_activities(*store, "g-1", query);
  CHECK(page.total == 5);
  CHECK(page.items.empty());

  query.type = ActivityType::note;
  query.page = PageRequest{2, 2};
  page = list_activities(*store, "g-1", query);
  CHECK(page.total == 3);
  CHECK(ids_of(page.items) == strings({"n-1"}));
}

TEST_CASE("activities: inserting an existing id fails with INTERNAL") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  insert_activities(*store, {make_activity(tenant_a, "act-1", "g-1", minutes_after_base(1))});
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.activities().insert(make_activity(
                                    tenant_a, "act-1", "g-1", minutes_after_base(2)));
                              }),
                 ErrorCode::internal));
  CHECK(list_activities(*store, "g-1").total == 1);
}

// ---- feed ----------------------------------------------------------------------------

TEST_CASE("feed: recent is newest first, ties by later insert first, at most limit") {
  auto store = make_store();
  auto full = make_feed_entry(tenant_a, "f-1", minutes_after_base(1));
  append_feed(*store, {full, make_feed_entry(tenant_a, "f-3", minutes_after_base(3)),
                       make_feed_entry(tenant_a, "f-2a", minutes_after_base(2))});
  append_feed(*store, {make_feed_entry(tenant_a, "f-2b", minutes_after_base(2))});

  CHECK(ids_of(recent_feed(*store, 10)) == strings({"f-3", "f-2b", "f-2a", "f-1"}));
  CHECK(ids_of(recent_feed(*store, 2)) == strings({"f-3", "f-2b"}));
  CHECK(ids_of(recent_feed(*store, 4)) == strings({"f-3", "f-2b", "f-2a", "f-1"}));
  CHECK(recent_feed(*store, 0).empty());
  const auto entries = recent_feed(*store, 10);
  REQUIRE(entries.size() == 4);
  CHECK(entries[3] == full);
}

TEST_CASE("feed: appending an existing id fails with INTERNAL") {
  auto store = make_store();
  append_feed(*store, {make_feed_entry(tenant_a, "f-1", minutes_after_base(1))});
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.feed().append(
                                    make_feed_entry(tenant_a, "f-1", minutes_after_base(2)));
                              }),
                 ErrorCode::internal));
  CHECK(recent_feed(*store, 10).size() == 1);
}

// ---- audit ---------------------------------------------------------------------------

TEST_CASE("audit: newest first, ties by later insert first, per goal, paged") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1", "g-2"});
  auto full = make_audit_entry(tenant_a, "au-1", "g-1", minutes_after_base(1));
  full.old_value = "";
  full.reason = "";
  append_audit(*store, {full, make_audit_entry(tenant_a, "au-3", "g-1", minutes_after_base(3)),
                        make_audit_entry(tenant_a, "au-2a", "g-1", minutes_after_base(2)),
                        make_audit_entry(tenant_a, "other", "g-2", minutes_after_base(9))});
  append_audit(*store, {make_audit_entry(tenant_a, "au-2b", "g-1", minutes_after_base(2))});

  auto page = list_audit(*store, "g-1");
  CHECK(page.total == 4);
  CHECK(ids_of(page.items) == strings({"au-3", "au-2b", "au-2a", "au-1"}));
  REQUIRE(page.items.size() == 4);
  CHECK(page.items[3] == full);

  page = list_audit(*store, "g-1", PageRequest{2, 3});
  CHECK(page.total == 4);
  CHECK(ids_of(page.items) == strings({"au-1"}));
  page = list_audit(*store, "g-1", PageRequest{3, 3});
  CHECK(page.total == 4);
  CHECK(page.items.empty());

  CHECK(ids_of(list_audit(*store, "g-2").items) == strings({"other"}));
  CHECK(list_audit(*store, "g-unknown").total == 0);
}

TEST_CASE("audit: appending an existing id fails with INTERNAL") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1"});
  append_audit(*store, {make_audit_entry(tenant_a, "au-1", "g-1", minutes_after_base(1))});
  CHECK(has_code(write_status(*store,
                              [](ports::Transaction& tx) {
                                return tx.audit().append(make_audit_entry(
                                    tenant_a, "au-1", "g-1", minutes_after_base(2)));
                              }),
                 ErrorCode::internal));
  CHECK(list_audit(*store, "g-1").total == 1);
}

// ---- snapshots -----------------------------------------------------------------------

TEST_CASE("snapshots: oldest first, per goal, within [from, to] inclusive") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1", "g-2"});
  auto change = make_snapshot(tenant_a, "g-1", minutes_after_base(30), 30);
  change.source = SnapshotSource::change;
  append_snapshots(*store, {make_snapshot(tenant_a, "g-1", minutes_after_base(20), 20), change,
                            make_snapshot(tenant_a, "g-1", minutes_after_base(10), 10),
                            make_snapshot(tenant_a, "g-2", minutes_after_base(15), 99),
                            make_snapshot(tenant_a, "g-1", minutes_after_base(40), 40)});

  const auto all = list_snapshots(*store, "g-1");
  CHECK(progress_of(all) == std::vector<double>{10, 20, 30, 40});
  REQUIRE(all.size() == 4);
  CHECK(all[2] == change);
  CHECK(all[0].source == SnapshotSource::daily);

  CHECK(progress_of(list_snapshots(*store, "g-1", minutes_after_base(20), minutes_after_base(30))) ==
        std::vector<double>{20, 30});
  CHECK(progress_of(list_snapshots(*store, "g-1", minutes_after_base(21))) ==
        std::vector<double>{30, 40});
  CHECK(progress_of(list_snapshots(*store, "g-1", std::nullopt, minutes_after_base(20))) ==
        std::vector<double>{10, 20});
  CHECK(list_snapshots(*store, "g-1", minutes_after_base(41)).empty());
  CHECK(progress_of(list_snapshots(*store, "g-2")) == std::vector<double>{99});
  CHECK(list_snapshots(*store, "g-unknown").empty());
}

std::vector<ProgressPoint> last_of_each_day(ports::Store& store, std::string_view goal_id, Timestamp from) {
  return read_value(store, [&](ports::Transaction& tx) {
    return tx.snapshots().last_of_each_day(tenant_a, goal_id, from);
  });
}

TEST_CASE("snapshots: last_of_each_day gives each day's latest snapshot, however busy the day") {
  auto store = make_store();
  seed_goals(*store, tenant_a, {"g-1", "g-2"});
  const auto day_start = at("2025-01-15T00:00:00.000Z");
  const auto on_day = [&](int day, int minute) {
    return day_start + std::chrono::days(day) + std::chrono::minutes(minute);
  };
  std::vector<ProgressSnapshot> rows;
  // Day 0: out of order, two at the same time (the later appended counts).
  rows.push_back(make_snapshot(tenant_a, "g-1", on_day(0, 600), 30));
  rows.push_back(make_snapshot(tenant_a, "g-1", on_day(0, 300), 10));
  rows.push_back(make_snapshot(tenant_a, "g-1", on_day(0, 600), 31));
  // Day 1: a busy day (a parent above many moving children), appended backwards, ending in
  // a tie at its last minute of the day.
  for (int i = 40; i >= 0; --i) rows.push_back(make_snapshot(tenant_a, "g-1", on_day(1, 30 * i), 100 + i));
  rows.push_back(make_snapshot(tenant_a, "g-1", on_day(1, 1439), 200));
  rows.push_back(make_snapshot(tenant_a, "g-1", on_day(1, 1439), 201));
  // Day 2 has none; day 3 one at its first and one at its last millisecond.
  rows.push_back(make_snapshot(tenant_a, "g-1", on_day(3, 0), 300));
  rows.push_back(make_snapshot(tenant_a, "g-1", on_day(4, 0) - std::chrono::milliseconds(1), 301));
  // Day 4: one, and another goal's rows in between.
  rows.push_back(make_snapshot(tenant_a, "g-1", on_day(4, 0), 400));
  rows.push_back(make_snapshot(tenant_a, "g-2", on_day(1, 1439) + std::chrono::seconds(30), 999));
  rows.push_back(make_snapshot(tenant_a, "g-2", on_day(3, 5), 998));
  append_snapshots(*store, rows);

  const auto all = last_of_each_day(*store, "g-1", day_start);
  CHECK(progress_of(all) == std::vector<double>{31, 201, 301, 400});
  REQUIRE(all.size() == 4);
  CHECK(all[1].at == on_day(1, 1439));
  CHECK(all[2].at == on_day(4, 0) - std::chrono::milliseconds(1));

  // `from` cuts inside a day: that day's last row still counts when it is at or after it.
  CHECK(progress_of(last_of_each_day(*store, "g-1", on_day(0, 601))) == std::vector<double>{201, 301, 400});
  CHECK(progress_of(last_of_each_day(*store, "g-1", on_day(1, 1439))) == std::vector<double>{201, 301, 400});
  CHECK(progress_of(last_of_each_day(*store, "g-1", on_day(2, 0))) == std::vector<double>{301, 400});
  CHECK(last_of_each_day(*store, "g-1", on_day(4, 1)).empty());
  CHECK(progress_of(last_of_each_day(*store, "g-2", day_start)) == std::vector<double>{999, 998});
  CHECK(last_of_each_day(*store, "g-unknown", day_start).empty());
}

// ---- metric history ------------------------------------------------------------------

TEST_CASE("metrics: latest_on_or_before finds the latest value recorded up to a day") {
  auto store = make_store();
  record_metric(*store, tenant_a, "score", "2025-01-10", 50);
  record_metric(*store, tenant_a, "score", "2025-01-20", 70);
  record_metric(*store, tenant_a, "score", "2025-01-15", 60);
  record_metric(*store, tenant_a, "other", "2025-01-18", 5);

  using Point = std::optional<std::pair<Date, double>>;
  CHECK(latest_metric(*store, "score", "2025-01-09") == Point{});
  CHECK(latest_metric(*store, "score", "2025-01-10") == Point{{day("2025-01-10"), 50}});
  CHECK(latest_metric(*store, "score", "2025-01-14") == Point{{day("2025-01-10"), 50}});
  CHECK(latest_metric(*store, "score", "2025-01-15") == Point{{day("2025-01-15"), 60}});
  CHECK(latest_metric(*store, "score", "2025-01-19") == Point{{day("2025-01-15"), 60}});
  CHECK(latest_metric(*store, "score", "2026-01-01") == Point{{day("2025-01-20"), 70}});
  CHECK(latest_metric(*store, "other", "2025-01-19") == Point{{day("2025-01-18"), 5}});
  CHECK(latest_metric(*store, "unknown", "2026-01-01") == Point{});
}

TEST_CASE("metrics: recording a day again replaces its value") {
  auto store = make_store();
  record_metric(*store, tenant_a, "score", "2025-01-10", 50);
  record_metric(*store, tenant_a, "score", "2025-01-10", 55.5);
  using Point = std::optional<std::pair<Date, double>>;
  CHECK(latest_metric(*store, "score", "2025-01-10") == Point{{day("2025-01-10"), 55.5}});
  record_metric(*store, tenant_a, "score", "2025-01-09", 1);
  CHECK(latest_metric(*store, "score", "2025-01-10") == Point{{day("2025-01-10"), 55.5}});
  CHECK(latest_metric(*store, "score", "2025-01-09") == Point{{day("2025-01-09"), 1}});
}
