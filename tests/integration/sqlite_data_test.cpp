// The data rules on a real file: everything survives close and reopen; tenant A's rows are
// invisible and unchangeable through every repository call made for tenant B; soft-deleted
// rows stay out of reads; a stale update is VERSION_CONFLICT; search is a case-insensitive
// substring through the trigram index (and LIKE for short terms, wildcards escaped).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sqlite_test_support.hpp"
#include "traction/ports/store.hpp"

namespace traction::sqlite::test {
namespace {

// One row in every table, for `tenant`, under the same ids in each tenant.
Status seed_everything(ports::Transaction& tx, std::string_view tenant) {
  const std::string t(tenant);
  auto kpi = test_kpi(t, "k-1");
  if (auto ok = tx.kpis().insert(kpi); !ok) return ok;
  KpiReading reading;
  reading.id = "r-1";
  reading.tenant = t;
  reading.kpi_id = "k-1";
  reading.period = YearMonth{2025, 1};
  reading.value = 120;
  reading.adjusted_value = 118.5;
  reading.reason = "close";
  reading.created_at = test_time();
  if (auto ok = tx.kpis().insert_reading(reading); !ok) return ok;

  auto goal = test_goal(t, "g-1");
  GoalKpiLink link;
  link.id = "l-1";
  link.kpi_id = "k-1";
  link.target = 150;
  link.created_at = test_time();
  goal.kpi_links.push_back(link);
  goal.manual_progress = 55.5;
  goal.calculation_source = CalculationSource::manual;
  goal.manual_reason = "board decision";
  goal.last_calculated_at = test_time(5);
  if (auto ok = tx.goals().insert(goal); !ok) return ok;
  auto child = test_goal(t, "g-2");
  child.parent_id = "g-1";
  child.level = GoalLevel::individual;
  child.created_at = test_time(1);
  if (auto ok = tx.goals().insert(child); !ok) return ok;

  Activity activity;
  activity.id = "act-1";
  activity.tenant = t;
  activity.goal_id = "g-1";
  activity.type = ActivityType::decision;
  activity.text = "We decided";
  activity.created_at = test_time(2);
  if (auto ok = tx.activities().insert(activity); !ok) return ok;
  FeedEntry entry;
  entry.id = "f-1";
  entry.tenant = t;
  entry.type = "goal_created";
  entry.entity_id = "g-1";
  entry.entity_type = "goal";
  entry.timestamp = test_time(3);
  if (auto ok = tx.feed().append(entry); !ok) return ok;
  AuditEntry audit;
  audit.id = "au-1";
  audit.tenant = t;
  audit.goal_id = "g-1";
  audit.action = "manual_adjustment";
  audit.at = test_time(4);
  if (auto ok = tx.audit().append(audit); !ok) return ok;
  ProgressSnapshot snapshot;
  snapshot.tenant = t;
  snapshot.goal_id = "g-1";
  snapshot.at = test_time(6);
  snapshot.progress = 55.5;
  if (auto ok = tx.snapshots().append(snapshot); !ok) return ok;

  IssueType type;
  type.id = "type-1";
  type.tenant = t;
  type.name = "Process";
  type.is_default = true;
  type.created_at = test_time();
  if (auto ok = tx.issue_types().insert(type); !ok) return ok;
  IssueStatus status;
  status.id = "status-1";
  status.tenant = t;
  status.name = "New";
  status.created_at = test_time();
  status.updated_at = test_time(1);
  if (auto ok = tx.issue_statuses().insert(status); !ok) return ok;
  auto issue = test_issue(t, "i-1");
  issue.type_config_id = "type-1";
  issue.status_config_id = "status-1";
  issue.connections.goal_ids = {"g-1"};
  issue.connections.strategy_ids = {"g-1-s1"};
  issue.root_cause_analysis = RootCauseAnalysis{RootCauseMethod::five_whys, "", R"({"why":1})"};
  issue.estimated_hours = 4;
  if (auto ok = tx.issues().insert(issue); !ok) return ok;
  auto action = test_action(t, "a-1");
  action.connections.goal_ids = {"g-1"};
  action.connections.strategy_ids = {"g-1-s1"};
  action.connections.issue_ids = {"i-1"};
  if (auto ok = tx.actions().insert(action); !ok) return ok;

  DomainEvent event;
  event.tenant = t;
  event.goal_id = "g-1";
  event.at = test_time(7);
  event.payload = KpiReadingCreated{"k-1", "r-1", "2025-01", 120, 118.5, test_time()};
  if (auto ok = tx.events().append(event); !ok) return ok;
  return tx.metrics().record(t, "performance", std::chrono::sys_days{std::chrono::year{2025} / 1 / 15}, 71.5);
}

// Everything a tenant's reads return, through every read call of every repository.
struct TenantView {
  std::optional<Goal> goal;
  std::optional<Goal> goal_with_deleted;
  std::vector<Goal> goals;
  std::int64_t goal_total = 0;
  std::vector<Goal> children;
  std::int64_t goal_count = 0;
  std::optional<std::string> goal_of_strategy;
  std::vector<std::string> goals_linking_kpi;
  std::optional<Kpi> kpi;
  std::vector<Kpi> kpis;
  std::vector<Kpi> kpis_found;
  std::int64_t kpi_total = 0;
  std::optional<KpiReading> reading;
  std::vector<KpiReading> readings;
  std::vector<KpiReading> latest;
  std::vector<Activity> activities;
  std::vector<FeedEntry> feed;
  std::vector<AuditEntry> audit;
  std::vector<ProgressSnapshot> snapshots;
  std::optional<Action> action;
  std::vector<Action> actions;
  std::vector<Action> actions_listed;
  std::vector<Action> actions_by_goal, actions_by_strategy, actions_by_issue;
  std::optional<Issue> issue;
  std::vector<Issue> issues_listed;
  std::int64_t issues_with_type = 0, issues_with_status = 0;
  std::vector<Issue> issues_by_goal, issues_by_strategy;
  std::vector<IssueType> types;
  std::optional<IssueType> type;
  std::vector<IssueStatus> statuses;
  std::optional<IssueStatus> status;
  std::vector<DomainEvent> events;
  std::optional<std::pair<Date, double>> metric;

  friend bool operator==(const TenantView&, const TenantView&) = default;

  [[nodiscard]] bool empty() const { return *this == TenantView{}; }
};

template <class T>
T value_of(Result<T> r) {
  INFO("read failed: " << (r ? std::string() : r.error().message));
  REQUIRE(r.has_value());
  return std::move(*r);
}

TenantView view_of(ports::Store& store, std::string_view tenant) {
  TenantView v;
  REQUIRE(store.read([&](ports::Transaction& tx) -> Status {
    const std::vector<std::string> kpi_ids{"k-1"};
    v.goal = value_of(tx.goals().find(tenant, "g-1"));
    v.goal_with_deleted = value_of(tx.goals().find_including_deleted(tenant, "g-1"));
    auto page = value_of(tx.goals().list(tenant, GoalQuery{}));
    v.goals = page.items;
    v.goal_total = page.total;
    v.children = value_of(tx.goals().children(tenant, "g-1"));
    v.goal_count = value_of(tx.goals().count(tenant));
    v.goal_of_strategy = value_of(tx.goals().goal_of_strategy(tenant, "g-1-s1"));
    v.goals_linking_kpi = value_of(tx.goals().goals_linking_kpi(tenant, "k-1"));
    v.kpi = value_of(tx.kpis().find(tenant, "k-1"));
    v.kpis = value_of(tx.kpis().all(tenant));
    v.kpis_found = value_of(tx.kpis().find_many(tenant, kpi_ids));
    v.kpi_total = value_of(tx.kpis().list(tenant, KpiQuery{})).total;
    v.reading = value_of(tx.kpis().find_reading(tenant, "k-1", YearMonth{2025, 1}));
    v.readings = value_of(tx.kpis().readings(tenant, "k-1", ReadingQuery{})).items;
    v.latest = value_of(tx.kpis().latest_readings(tenant, kpi_ids));
    v.activities = value_of(tx.activities().list(tenant, "g-1", ActivityQuery{})).items;
    v.feed = value_of(tx.feed().recent(tenant, 10));
    v.audit = value_of(tx.audit().list(tenant, "g-1", PageRequest{})).items;
    v.snapshots = value_of(tx.snapshots().list(tenant, "g-1", std::nullopt, std::nullopt));
    v.action = value_of(tx.actions().find(tenant, "a-1"));
    v.actions = value_of(tx.actions().all(tenant));
    v.actions_listed = value_of(tx.actions().list(tenant, ActionQuery{})).items;
    v.actions_by_goal = value_of(tx.actions().linked_to_goal(tenant, "g-1"));
    v.actions_by_strategy = value_of(tx.actions().linked_to_strategy(tenant, "g-1-s1"));
    v.actions_by_issue = value_of(tx.actions().linked_to_issue(tenant, "i-1"));
    v.issue = value_of(tx.issues().find(tenant, "i-1"));
    v.issues_listed = value_of(tx.issues().list(tenant, IssueQuery{})).items;
    v.issues_with_type = value_of(tx.issues().count_with_type(tenant, "type-1"));
    v.issues_with_status = value_of(tx.issues().count_with_status(tenant, "status-1"));
    v.issues_by_goal = value_of(tx.issues().linked_to_goal(tenant, "g-1"));
    v.issues_by_strategy = value_of(tx.issues().linked_to_strategy(tenant, "g-1-s1"));
    v.types = value_of(tx.issue_types().list(tenant));
    v.type = value_of(tx.issue_types().find(tenant, "type-1"));
    v.statuses = value_of(tx.issue_statuses().list(tenant));
    v.status = value_of(tx.issue_statuses().find(tenant, "status-1"));
    v.events = value_of(tx.events().since(tenant, std::nullopt, 0, 100));
    v.metric = value_of(tx.metrics().latest_on_or_before(
        tenant, "performance", std::chrono::sys_days{std::chrono::year{2030} / 1 / 1}));
    return {};
  }));
  return v;
}

TEST_CASE("sqlite data: everything survives closing and reopening the store") {
  TempDatabase db;
  TenantView before;
  {
    auto store = open_store(db.options());
    REQUIRE(store->write([](ports::Transaction& tx) { return seed_everything(tx, "tenant-a"); }));
    before = view_of(*store, "tenant-a");
  }
  REQUIRE(before.goal.has_value());
  CHECK(before.goals.size() == 2);
  CHECK(before.events.size() == 1);
  auto store = open_store(db.options());
  CHECK(view_of(*store, "tenant-a") == before);
  // Event ids go on ascending after a restart.
  DomainEvent event;
  event.tenant = "tenant-a";
  event.goal_id = "g-1";
  event.payload = HealthChanged{"on_track", "at_risk"};
  REQUIRE(store->write([&](ports::Transaction& tx) { return tx.events().append(event); }));
  CHECK(event.id > before.events.back().id);
}

TEST_CASE("sqlite data: tenant B sees and changes nothing of tenant A") {
  TempDatabase db;
  auto store = open_store(db.options());
  REQUIRE(store->write([](ports::Transaction& tx) { return seed_everything(tx, "tenant-a"); }));
  const auto a_before = view_of(*store, "tenant-a");
  REQUIRE_FALSE(a_before.empty());

  // Every read call for tenant B, with tenant A's ids: nothing.
  CHECK(view_of(*store, "tenant-b").empty());

  // Every change for tenant B naming tenant A's rows fails and leaves them alone.
  const auto b = [](auto row) {
    row.tenant = "tenant-b";
    return row;
  };
  const auto a = view_of(*store, "tenant-a");
  auto goal = b(*a.goal);
  CHECK(store->write([&](ports::Transaction& tx) { return tx.goals().update(goal); }).error().code ==
        ErrorCode::goal_not_found);
  CHECK(store->write([&](ports::Transaction& tx) { return tx.kpis().update(b(*a.kpi)); }).error().code ==
        ErrorCode::kpi_not_found);
  CHECK(store->write([&](ports::Transaction& tx) { return tx.kpis().replace_reading(b(*a.reading)); })
            .error()
            .code == ErrorCode::not_found);
  auto action = b(*a.action);
  CHECK(store->write([&](ports::Transaction& tx) { return tx.actions().update(action); }).error().code ==
        ErrorCode::action_not_found);
  auto issue = b(*a.issue);
  CHECK(store->write([&](ports::Transaction& tx) { return tx.issues().update(issue); }).error().code ==
        ErrorCode::issue_not_found);
  CHECK(store->write([&](ports::Transaction& tx) { return tx.issue_types().update(b(*a.type)); })
            .error()
            .code == ErrorCode::issue_type_not_found);
  CHECK(store->write([&](ports::Transaction& tx) { return tx.issue_statuses().update(b(*a.status)); })
            .error()
            .code == ErrorCode::issue_status_not_found);
  CHECK(view_of(*store, "tenant-a") == a_before);

  // Tenant B may use the same ids for its own rows; A's stay as they were, and B's reads
  // see only B's.
  REQUIRE(store->write([](ports::Transaction& tx) -> Status {
    if (auto ok = seed_everything(tx, "tenant-b"); !ok) return ok;
    return tx.metrics().record("tenant-b", "performance",
                               std::chrono::sys_days{std::chrono::year{2025} / 1 / 15}, 1);
  }));
  CHECK(view_of(*store, "tenant-a") == a_before);
  const auto b_view = view_of(*store, "tenant-b");
  REQUIRE(b_view.goal.has_value());
  CHECK(b_view.goal->tenant == "tenant-b");
  CHECK(b_view.events.size() == 1);
  CHECK(b_view.events.front().tenant == "tenant-b");
  CHECK(b_view.metric->second == 1);
}

TEST_CASE("sqlite data: soft-deleted goals, actions and issues stay out of reads") {
  TempDatabase db;
  auto store = open_store(db.options());
  REQUIRE(store->write([](ports::Transaction& tx) { return seed_everything(tx, "t"); }));
  auto v = view_of(*store, "t");
  REQUIRE(store->write([&](ports::Transaction& tx) -> Status {
    auto goal = *v.goal;
    goal.deleted_at = test_time(100);
    if (auto ok = tx.goals().update(goal); !ok) return ok;
    auto child = v.children.front();
    child.deleted_at = test_time(100);
    if (auto ok = tx.goals().update(child); !ok) return ok;
    auto action = *v.action;
    action.deleted_at = test_time(100);
    if (auto ok = tx.actions().update(action); !ok) return ok;
    auto issue = *v.issue;
    issue.deleted_at = test_time(100);
    return tx.issues().update(issue);
  }));
  const auto after = view_of(*store, "t");
  CHECK_FALSE(after.goal);
  REQUIRE(after.goal_with_deleted);  // unless asked for
  CHECK(after.goal_with_deleted->deleted_at == test_time(100));
  CHECK(after.goals.empty());
  CHECK(after.goal_total == 0);
  CHECK(after.children.empty());
  CHECK(after.goal_count == 0);
  CHECK_FALSE(after.goal_of_strategy);
  CHECK(after.goals_linking_kpi.empty());
  CHECK_FALSE(after.action);
  CHECK(after.actions.empty());
  CHECK(after.actions_listed.empty());
  CHECK(after.actions_by_goal.empty());
  CHECK(after.actions_by_strategy.empty());
  CHECK(after.actions_by_issue.empty());
  CHECK_FALSE(after.issue);
  CHECK(after.issues_listed.empty());
  CHECK(after.issues_with_type == 0);
  CHECK(after.issues_with_status == 0);
  CHECK(after.issues_by_goal.empty());
  CHECK(after.issues_by_strategy.empty());
  const auto open = read_tx(*store, [](ports::Transaction& tx) { return tx.goals().open_goals(); });
  REQUIRE(open);
  CHECK(open->empty());
  GoalQuery search;
  search.search = "goal g-1";
  const auto found = read_tx(*store, [&](ports::Transaction& tx) { return tx.goals().list("t", search); });
  REQUIRE(found);
  CHECK(found->total == 0);
}

TEST_CASE("sqlite data: an update with a stale version is VERSION_CONFLICT and changes nothing") {
  TempDatabase db;
  auto store = open_store(db.options());
  REQUIRE(store->write([](ports::Transaction& tx) { return seed_everything(tx, "t"); }));
  const auto v = view_of(*store, "t");

  auto first = *v.goal;
  auto stale = *v.goal;
  first.title = "First writer";
  REQUIRE(store->write([&](ports::Transaction& tx) { return tx.goals().update(first); }));
  CHECK(first.version == v.goal->version + 1);
  stale.title = "Second writer";
  const auto conflict = store->write([&](ports::Transaction& tx) { return tx.goals().update(stale); });
  REQUIRE_FALSE(conflict);
  CHECK(conflict.error().code == ErrorCode::version_conflict);
  CHECK(stale.version == v.goal->version);

  auto action = *v.action;
  action.version += 5;
  const auto action_conflict =
      store->write([&](ports::Transaction& tx) { return tx.actions().update(action); });
  REQUIRE_FALSE(action_conflict);
  CHECK(action_conflict.error().code == ErrorCode::version_conflict);
  auto issue = *v.issue;
  issue.version -= 1;
  const auto issue_conflict =
      store->write([&](ports::Transaction& tx) { return tx.issues().update(issue); });
  REQUIRE_FALSE(issue_conflict);
  CHECK(issue_conflict.error().code == ErrorCode::version_conflict);

  const auto after = view_of(*store, "t");
  CHECK(after.goal->title == "First writer");
  CHECK(after.action == v.action);
  CHECK(after.issue == v.issue);
}

TEST_CASE("sqlite data: search is a case-insensitive substring, index-backed") {
  TempDatabase db;
  auto store = open_store(db.options());
  REQUIRE(store->write([](ports::Transaction& tx) -> Status {
    auto a = test_goal("t", "g-a");
    a.title = "Grow Revenue in EMEA";
    a.intent = "Sell 50% more";
    auto b = test_goal("t", "g-b");
    b.title = "Hire engineers";
    b.intent = "500 interviews";
    auto c = test_goal("t", "g-c");
    c.title = "Cut_costs";
    c.intent = "Über-efficient back office";
    for (auto* g : {&a, &b, &c}) {
      if (auto ok = tx.goals().insert(*g); !ok) return ok;
    }
    auto k = test_kpi("t", "k-1");
    k.name = "Net Promoter Score";
    k.description = "survey";
    if (auto ok = tx.kpis().insert(k); !ok) return ok;
    auto i = test_issue("t", "i-1");
    i.title = "Printer on fire";
    return tx.issues().insert(i);
  }));
  const auto goal_ids = [&](std::string term) {
    GoalQuery q;
    q.search = std::move(term);
    q.sort.field = GoalSortField::title;
    q.sort.descending = false;
    auto page = read_tx(*store, [&](ports::Transaction& tx) { return tx.goals().list("t", q); });
    REQUIRE(page);
    std::vector<std::string> ids;
    for (const auto& g : page->items) ids.push_back(g.id);
    return ids;
  };
  using V = std::vector<std::string>;
  CHECK(goal_ids("revenue") == V{"g-a"});  // trigram, case-insensitive
  CHECK(goal_ids("REVENUE IN") == V{"g-a"});
  CHECK(goal_ids("venu") == V{"g-a"});
  CHECK(goal_ids("interviews") == V{"g-b"});  // in the intent
  CHECK(goal_ids("50%") == V{"g-a"});         // '%' is no wildcard
  CHECK(goal_ids("0%") == V{"g-a"});          // short term: LIKE, escaped
  CHECK(goal_ids("t_c") == V{"g-c"});         // '_' is no wildcard
  CHECK(goal_ids("s_") == V{});
  CHECK(goal_ids("er") == V{"g-c", "g-b"});  // short term: LIKE
  CHECK(goal_ids("e").size() == 3);
  CHECK(goal_ids("").size() == 3);
  CHECK(goal_ids("Über") == V{"g-c"});
  CHECK(goal_ids("nothing like it") == V{});
  CHECK(goal_ids("\"quoted\"") == V{});
  // The index finds rows holding each trigram of the term somewhere; only the term itself,
  // in one piece, matches: g-c holds "off", "ffi", "fic" and "ici" ("back office",
  // "efficient") but not "offici"; g-b holds each trigram of "inters".
  CHECK(goal_ids("offici") == V{});
  CHECK(goal_ids("inters") == V{});
  CHECK(goal_ids("office") == V{"g-c"});
  // A long term (more trigrams than the index is asked for) matches whole or not at all.
  CHECK(goal_ids("Über-EFFICIENT back office") == V{"g-c"});
  CHECK(goal_ids("Über-efficiant back office") == V{});
  CHECK(goal_ids("Über-efficient back office and more") == V{});

  // The index follows a changed title.
  REQUIRE(store->write([](ports::Transaction& tx) -> Status {
    auto g = tx.goals().find("t", "g-b");
    if (!g) return std::unexpected(g.error());
    auto goal = **g;
    goal.title = "Hire designers";
    return tx.goals().update(goal);
  }));
  CHECK(goal_ids("designers") == V{"g-b"});
  CHECK(goal_ids("engineers") == V{});

  KpiQuery kq;
  kq.search = "promoter";
  auto kpis = read_tx(*store, [&](ports::Transaction& tx) { return tx.kpis().list("t", kq); });
  REQUIRE(kpis);
  CHECK(kpis->total == 1);
  IssueQuery iq;
  iq.search = "ON FIRE";
  auto issues = read_tx(*store, [&](ports::Transaction& tx) { return tx.issues().list("t", iq); });
  REQUIRE(issues);
  CHECK(issues->total == 1);
}

TEST_CASE("sqlite data: the job lock is shared by every store open on the file") {
  TempDatabase db;
  auto first = open_store(db.options());
  auto second = open_store(db.options());  // as another process would
  const auto lease = std::chrono::minutes(5);
  CHECK(first->job_lock().try_acquire("daily", "p1", lease, test_time()) == Result<bool>{true});
  CHECK(second->job_lock().try_acquire("daily", "p2", lease, test_time(1)) == Result<bool>{false});
  CHECK(second->job_lock().try_acquire("daily", "p2", lease, test_time(5)) == Result<bool>{true});
  CHECK(first->job_lock().try_acquire("daily", "p1", lease, test_time(6)) == Result<bool>{false});
  REQUIRE(second->job_lock().release("daily", "p2"));
  CHECK(first->job_lock().try_acquire("daily", "p1", lease, test_time(6)) == Result<bool>{true});
}

}  // namespace
}  // namespace traction::sqlite::test
