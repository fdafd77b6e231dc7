// KpiRepository: the catalog (find, find_many, list, all, insert, update) and readings.
#include "contract_fixtures.hpp"

using namespace traction;
using namespace traction::contract;

namespace {

void insert_kpis(ports::Store& store, const std::vector<Kpi>& kpis) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& kpi : kpis) {
      if (auto ok = tx.kpis().insert(kpi); !ok) return ok;
    }
    return {};
  });
}

void insert_readings(ports::Store& store, const std::vector<KpiReading>& readings) {
  write_ok(store, [&](ports::Transaction& tx) -> Status {
    for (const auto& reading : readings) {
      if (auto ok = tx.kpis().insert_reading(reading); !ok) return ok;
    }
    return {};
  });
}

std::optional<Kpi> find_kpi(ports::Store& store, std::string_view tenant, std::string_view id) {
  return read_value(store, [&](ports::Transaction& tx) { return tx.kpis().find(tenant, id); });
}

Page<Kpi> list_kpis(ports::Store& store, const KpiQuery& query) {
  return read_value(store,
                    [&](ports::Transaction& tx) { return tx.kpis().list(tenant_a, query); });
}

std::optional<KpiReading> find_reading(ports::Store& store, std::string_view kpi_id,
                                       YearMonth period) {
  return read_value(store, [&](ports::Transaction& tx) {
    return tx.kpis().find_reading(tenant_a, kpi_id, period);
  });
}

Page<KpiReading> readings_of(ports::Store& store, std::string_view kpi_id,
                             const ReadingQuery& query) {
  return read_value(store, [&](ports::Transaction& tx) {
    return tx.kpis().readings(tenant_a, kpi_id, query);
  });
}

std::vector<std::string> periods_of(const std::vector<KpiReading>& readings) {
  std::vector<std::string> out;
  for (const auto& r : readings) out.push_back(format_year_month(r.period));
  return out;
}

// KPIs that differ in name, description, category and owner.
void seed_catalog(ports::Store& store) {
  auto revenue = make_kpi(tenant_a, "k-rev", "Monthly Revenue");
  revenue.description = "Money in";
  revenue.category = "finance";
  revenue.owner_id = "cfo";
  auto churn = make_kpi(tenant_a, "k-churn", "churn rate");
  churn.description = "Customers lost per REVENUE cohort";
  churn.category = "customer";
  churn.owner_id = "coo";
  churn.direction = Direction::down;
  auto nps = make_kpi(tenant_a, "k-nps", "NPS");
  nps.description = "Net promoter score";
  nps.category = "customer";
  nps.owner_id = "cfo";
  auto cost = make_kpi(tenant_a, "k-cost", "Acquisition cost");
  cost.description = "Spend per customer";
  cost.category = "finance";
  cost.owner_id = "coo";
  insert_kpis(store, {revenue, churn, nps, cost});
}

std::vector<std::string> filtered(ports::Store& store, auto&& set_filter) {
  KpiQuery query;
  set_filter(query);
  const auto page = list_kpis(store, query);
  CHECK(page.total == static_cast<std::int64_t>(page.items.size()));
  return sorted(ids_of(page.items));
}

}  // namespace

TEST_CASE("kpis: an inserted KPI reads back field for field") {
  auto store = make_store();
  auto kpi = make_kpi(tenant_a, "k-1", "Revenue");
  kpi.direction = Direction::down;
  kpi.is_shared = false;
  kpi.formula = "";
  kpi.updated_at = at("2025-03-01T12:34:56.789Z");
  insert_kpis(*store, {kpi});
  const auto found = find_kpi(*store, tenant_a, "k-1");
  REQUIRE(found.has_value());
  CHECK(*found == kpi);
  CHECK_FALSE(find_kpi(*store, tenant_a, "k-2").has_value());
}

TEST_CASE("kpis: inserting an existing id fails with INTERNAL and changes nothing") {
  auto store = make_store();
  insert_kpis(*store, {make_kpi(tenant_a, "k-1", "Revenue")});
  const auto status = write_status(*store, [](ports::Transaction& tx) {
    return tx.kpis().insert(make_kpi(tenant_a, "k-1", "Other"));
  });
  CHECK(has_code(status, ErrorCode::internal));
  CHECK(find_kpi(*store, tenant_a, "k-1").value().name == "Revenue");
}

TEST_CASE("kpis: update replaces the KPI; a missing one is KPI_NOT_FOUND") {
  auto store = make_store();
  auto kpi = make_kpi(tenant_a, "k-1", "Revenue");
  insert_kpis(*store, {kpi});
  kpi.name = "Net revenue";
  kpi.unit = "USD";
  kpi.direction = Direction::down;
  kpi.updated_at = minutes_after_base(60);
  write_ok(*store, [&](ports::Transaction& tx) { return tx.kpis().update(kpi); });
  CHECK(find_kpi(*store, tenant_a, "k-1") == std::optional<Kpi>(kpi));

  const auto status = write_status(*store, [](ports::Transaction& tx) {
    return tx.kpis().update(make_kpi(tenant_a, "ghost", "Ghost"));
  });
  CHECK(has_code(status, ErrorCode::kpi_not_found));
  CHECK_FALSE(find_kpi(*store, tenant_a, "ghost").has_value());
}

TEST_CASE("kpis: find_many returns the KPIs that exist among the ids") {
  auto store = make_store();
  seed_catalog(*store);
  const std::vector<std::string> ids = {"k-nps", "ghost", "k-rev"};
  const auto found = read_value(
      *store, [&](ports::Transaction& tx) { return tx.kpis().find_many(tenant_a, ids); });
  CHECK(sorted(ids_of(found)) == strings({"k-nps", "k-rev"}));
  for (const auto& kpi : found) CHECK(kpi == *find_kpi(*store, tenant_a, kpi.id));

  const std::vector<std::string> none;
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.kpis().find_many(tenant_a, none);
        }).empty());
}

TEST_CASE("kpis: all returns the tenant's catalog") {
  auto store = make_store();
  CHECK(read_value(*store, [](ports::Transaction& tx) { return tx.kpis().all(tenant_a); })
            .empty());
  seed_catalog(*store);
  const auto all =
      read_value(*store, [](ports::Transaction& tx) { return tx.kpis().all(tenant_a); });
  CHECK(sorted(ids_of(all)) == strings({"k-churn", "k-cost", "k-nps", "k-rev"}));
}

TEST_CASE("kpis: list orders by name, case-insensitively, then id") {
  auto store = make_store();
  seed_catalog(*store);
  auto twin = make_kpi(tenant_a, "k-aaa", "nps");  // ties with "NPS" on name
  insert_kpis(*store, {twin});
  const auto page = list_kpis(*store, KpiQuery{});
  CHECK(page.total == 5);
  CHECK(ids_of(page.items) == strings({"k-cost", "k-churn", "k-rev", "k-aaa", "k-nps"}));
}

TEST_CASE("kpis: list filters, alone and combined") {
  auto store = make_store();
  seed_catalog(*store);
  CHECK(filtered(*store, [](KpiQuery& q) { q.category = "finance"; }) ==
        strings({"k-cost", "k-rev"}));
  CHECK(filtered(*store, [](KpiQuery& q) { q.category = "Finance"; }).empty());
  CHECK(filtered(*store, [](KpiQuery& q) { q.owner_id = "coo"; }) ==
        strings({"k-churn", "k-cost"}));
  // Search: case-insensitive, in name and description.
  CHECK(filtered(*store, [](KpiQuery& q) { q.search = "revenue"; }) ==
        strings({"k-churn", "k-rev"}));
  CHECK(filtered(*store, [](KpiQuery& q) { q.search = "nps"; }) == strings({"k-nps"}));
  CHECK(filtered(*store, [](KpiQuery& q) { q.search = "CUSTOMER"; }) ==
        strings({"k-churn", "k-cost"}));
  CHECK(filtered(*store, [](KpiQuery& q) { q.search = "nothing like it"; }).empty());
  CHECK(filtered(*store, [](KpiQuery& q) {
          q.category = "customer";
          q.owner_id = "cfo";
        }) == strings({"k-nps"}));
  CHECK(filtered(*store, [](KpiQuery& q) {
          q.search = "customer";
          q.category = "finance";
          q.owner_id = "coo";
        }) == strings({"k-cost"}));
}

TEST_CASE("kpis: list pagination") {
  auto store = make_store();
  seed_catalog(*store);  // by name: k-cost, k-churn, k-rev, k-nps
  KpiQuery query;
  query.page = PageRequest{1, 3};
  auto page = list_kpis(*store, query);
  CHECK(page.total == 4);
  CHECK(ids_of(page.items) == strings({"k-cost", "k-churn", "k-rev"}));
  query.page = PageRequest{2, 3};
  page = list_kpis(*store, query);
  CHECK(page.total == 4);
  CHECK(ids_of(page.items) == strings({"k-nps"}));
  query.page = PageRequest{3, 3};
  page = list_kpis(*store, query);
  CHECK(page.total == 4);
  CHECK(page.items.empty());
}

// ---- readings ------------------------------------------------------------------------

TEST_CASE("kpis: a reading reads back field for field, by KPI and period") {
  auto store = make_store();
  seed_kpis(*store, tenant_a, {"k-1", "k-2"});
  write_ok(*store, [](ports::Transaction& tx) {
    return tx.actions().insert(make_action(tenant_a, "action-9"));
  });
  auto reading = make_reading(tenant_a, "r-1", "k-1", month(2025, 3), 1234.5);
  reading.adjusted_value = 1200.25;
  reading.reason = "late invoices";
  reading.source_action_id = "action-9";
  reading.created_at = at("2025-04-01T09:15:00.042Z");
  insert_readings(*store, {reading});

  CHECK(find_reading(*store, "k-1", month(2025, 3)) == std::optional<KpiReading>(reading));
  CHECK_FALSE(find_reading(*store, "k-1", month(2025, 4)).has_value());
  CHECK_FALSE(find_reading(*store, "k-2", month(2025, 3)).has_value());
}

TEST_CASE("kpis: one reading per KPI and period") {
  auto store = make_store();
  seed_kpis(*store, tenant_a, {"k-1", "k-2"});
  const auto first = make_reading(tenant_a, "r-1", "k-1", month(2025, 3), 10);
  insert_readings(*store, {first});

  SECTION("a second reading for the period is DUPLICATE_READING") {
    const auto status = write_status(*store, [](ports::Transaction& tx) {
      return tx.kpis().insert_reading(make_reading(tenant_a, "r-2", "k-1", month(2025, 3), 99));
    });
    CHECK(has_code(status, ErrorCode::duplicate_reading));
    CHECK(find_reading(*store, "k-1", month(2025, 3)) == std::optional<KpiReading>(first));
  }
  SECTION("a reading with an existing id is INTERNAL") {
    const auto status = write_status(*store, [](ports::Transaction& tx) {
      return tx.kpis().insert_reading(make_reading(tenant_a, "r-1", "k-1", month(2025, 4), 99));
    });
    CHECK(has_code(status, ErrorCode::internal));
    CHECK_FALSE(find_reading(*store, "k-1", month(2025, 4)).has_value());
  }
  SECTION("the same period of another KPI is fine") {
    insert_readings(*store, {make_reading(tenant_a, "r-3", "k-2", month(2025, 3), 5)});
    CHECK(find_reading(*store, "k-2", month(2025, 3)).value().value == 5);
    CHECK(find_reading(*store, "k-1", month(2025, 3)).value().value == 10);
  }
}

TEST_CASE("kpis: replace_reading replaces the reading with the same id") {
  auto store = make_store();
  seed_kpis(*store, tenant_a, {"k-1"});
  insert_readings(*store, {make_reading(tenant_a, "r-1", "k-1", month(2025, 3), 10),
                           make_reading(tenant_a, "r-2", "k-1", month(2025, 4), 20)});
  auto replacement = make_reading(tenant_a, "r-1", "k-1", month(2025, 3), 15);
  replacement.adjusted_value = 14;
  replacement.reason = "corrected";
  replacement.created_at = minutes_after_base(90);
  write_ok(*store,
           [&](ports::Transaction& tx) { return tx.kpis().replace_reading(replacement); });
  CHECK(find_reading(*store, "k-1", month(2025, 3)) == std::optional<KpiReading>(replacement));
  CHECK(find_reading(*store, "k-1", month(2025, 4)).value().value == 20);
  CHECK(readings_of(*store, "k-1", ReadingQuery{}).total == 2);

  SECTION("an adjusted value can be removed again") {
    replacement.adjusted_value.reset();
    write_ok(*store,
             [&](ports::Transaction& tx) { return tx.kpis().replace_reading(replacement); });
    CHECK_FALSE(find_reading(*store, "k-1", month(2025, 3)).value().adjusted_value.has_value());
  }
  SECTION("replacing a reading that does not exist is NOT_FOUND") {
    const auto status = write_status(*store, [](ports::Transaction& tx) {
      return tx.kpis().replace_reading(
          make_reading(tenant_a, "r-ghost", "k-1", month(2025, 5), 1));
    });
    CHECK(has_code(status, ErrorCode::not_found));
    CHECK_FALSE(find_reading(*store, "k-1", month(2025, 5)).has_value());
  }
}

TEST_CASE("kpis: readings are newest period first, within [start, end], paged") {
  auto store = make_store();
  seed_kpis(*store, tenant_a, {"k-1", "k-2"});
  // Inserted out of period order, across a year boundary.
  insert_readings(*store, {make_reading(tenant_a, "r-03", "k-1", month(2025, 3), 3),
                           make_reading(tenant_a, "r-11", "k-1", month(2024, 11), 11),
                           make_reading(tenant_a, "r-01", "k-1", month(2025, 1), 1),
                           make_reading(tenant_a, "r-12", "k-1", month(2024, 12), 12),
                           make_reading(tenant_a, "r-02", "k-1", month(2025, 2), 2),
                           make_reading(tenant_a, "other", "k-2", month(2025, 2), 99)});

  auto all = readings_of(*store, "k-1", ReadingQuery{});
  CHECK(all.total == 5);
  CHECK(periods_of(all.items) ==
        strings({"2025-03", "2025-02", "2025-01", "2024-12", "2024-11"}));

  ReadingQuery query;
  query.start = month(2024, 12);
  query.end = month(2025, 2);
  auto window = readings_of(*store, "k-1", query);
  CHECK(window.total == 3);
  CHECK(periods_of(window.items) == strings({"2025-02", "2025-01", "2024-12"}));

  query = ReadingQuery{};
  query.start = month(2025, 2);
  CHECK(periods_of(readings_of(*store, "k-1", query).items) == strings({"2025-03", "2025-02"}));
  query = ReadingQuery{};
  query.end = month(2024, 11);
  CHECK(periods_of(readings_of(*store, "k-1", query).items) == strings({"2024-11"}));
  query = ReadingQuery{};
  query.start = month(2026, 1);
  CHECK(readings_of(*store, "k-1", query).total == 0);

  query = ReadingQuery{};
  query.page = PageRequest{2, 2};
  auto page = readings_of(*store, "k-1", query);
  CHECK(page.total == 5);
  CHECK(periods_of(page.items) == strings({"2025-01", "2024-12"}));
  query.page = PageRequest{3, 2};
  CHECK(periods_of(readings_of(*store, "k-1", query).items) == strings({"2024-11"}));
  query.page = PageRequest{4, 2};
  page = readings_of(*store, "k-1", query);
  CHECK(page.total == 5);
  CHECK(page.items.empty());

  CHECK(readings_of(*store, "k-unknown", ReadingQuery{}).total == 0);
}

TEST_CASE("kpis: latest_readings gives the newest-period reading of each KPI that has one") {
  auto store = make_store();
  seed_kpis(*store, tenant_a, {"k-1", "k-2", "k-3"});
  insert_readings(*store, {make_reading(tenant_a, "r-1a", "k-1", month(2025, 2), 2),
                           make_reading(tenant_a, "r-1b", "k-1", month(2025, 4), 4),
                           make_reading(tenant_a, "r-1c", "k-1", month(2025, 3), 3),
                           make_reading(tenant_a, "r-2a", "k-2", month(2024, 12), 12)});
  const std::vector<std::string> ids = {"k-1", "k-2", "k-3", "k-unknown"};
  auto latest = read_value(
      *store, [&](ports::Transaction& tx) { return tx.kpis().latest_readings(tenant_a, ids); });
  std::sort(latest.begin(), latest.end(),
            [](const KpiReading& a, const KpiReading& b) { return a.kpi_id < b.kpi_id; });
  CHECK(ids_of(latest) == strings({"r-1b", "r-2a"}));

  const std::vector<std::string> only_two = {"k-2"};
  CHECK(ids_of(read_value(*store, [&](ports::Transaction& tx) {
          return tx.kpis().latest_readings(tenant_a, only_two);
        })) == strings({"r-2a"}));
  const std::vector<std::string> none;
  CHECK(read_value(*store, [&](ports::Transaction& tx) {
          return tx.kpis().latest_readings(tenant_a, none);
        }).empty());
}
