#include "sqlite_event_log.hpp"

#include <limits>
#include <stdexcept>

#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

// The payload columns, in the order bind_payload binds them and read_payload reads them.
constexpr std::string_view payload_columns =
    "kind, activity_id, activity_type, text, title, url, kpi_id, reading_id, period, value, "
    "adjusted_value, created_at, old_progress, new_progress, basis, old_status, new_status";

// Binds `kind` and the 16 payload columns, NULL where the alternative has no such field.
struct BindPayload {
  Binder& b;

  void operator()(const ActivityCreated& e) const {
    b.text("activity_created")
        .text(e.activity_id)
        .enumeration(activity_type_text, e.activity_type)
        .text(e.text)
        .text(e.title)
        .text(e.url);
    b.null().null().null().null().null();  // kpi_id .. adjusted_value
    b.time(e.created_at);
    b.null().null().null().null().null();  // old_progress .. new_status
  }
  void operator()(const KpiReadingCreated& e) const {
    b.text("kpi_reading_created");
    b.null().null().null().null().null();  // activity_id .. url
    b.text(e.kpi_id).text(e.reading_id).text(e.period).real(e.value).opt_real(e.adjusted_value);
    b.time(e.created_at);
    b.null().null().null().null().null();
  }
  void operator()(const ProgressChanged& e) const {
    b.text("progress_changed");
    b.null().null().null().null().null();
    b.null().null().null().null().null();
    b.null();  // created_at
    b.real(e.old_progress).real(e.new_progress).text(e.basis);
    b.null().null();
  }
  void operator()(const HealthChanged& e) const {
    b.text("health_changed");
    b.null().null().null().null().null();
    b.null().null().null().null().null();
    b.null();
    b.null().null().null();
    b.text(e.old_status).text(e.new_status);
  }
};

EventPayload read_payload(Row& r) {
  const auto kind = r.text();
  if (kind == "activity_created") {
    ActivityCreated e;
    e.activity_id = r.text();
    e.activity_type = r.enumeration(activity_type_text);
    e.text = r.text();
    e.title = r.text();
    e.url = r.text();
    for (int i = 0; i < 5; ++i) r.skip();
    e.created_at = r.time();
    return e;
  }
  for (int i = 0; i < 5; ++i) r.skip();
  if (kind == "kpi_reading_created") {
    KpiReadingCreated e;
    e.kpi_id = r.text();
    e.reading_id = r.text();
    e.period = r.text();
    e.value = r.real();
    e.adjusted_value = r.opt_real();
    e.created_at = r.time();
    return e;
  }
  for (int i = 0; i < 6; ++i) r.skip();
  if (kind == "progress_changed") {
    ProgressChanged e;
    e.old_progress = r.real();
    e.new_progress = r.real();
    e.basis = r.text();
    return e;
  }
  if (kind == "health_changed") {
    for (int i = 0; i < 3; ++i) r.skip();
    HealthChanged e;
    e.old_status = r.text();
    e.new_status = r.text();
    return e;
  }
  throw std::runtime_error("unexpected stored event kind '" + kind + "'");
}

}  // namespace

Status SqliteEventLog::append(DomainEvent& event) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement("INSERT INTO events (tenant, goal_id, at, " +
                            std::string(payload_columns) +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Binder b(*st);
    b.text(event.tenant).text(event.goal_id).time(event.at);
    std::visit(BindPayload{b}, event.payload);
    st->exec();
    DomainEvent stored = event;
    stored.id = tx_.connection().db().getLastInsertRowid();
    tx_.add_event(stored);
    event.id = stored.id;
    return {};
  });
}

Result<std::vector<DomainEvent>> SqliteEventLog::since(std::string_view tenant,
                                                       std::optional<std::string_view> goal_id,
                                                       std::int64_t after_id,
                                                       std::size_t limit) {
  return guarded([&]() -> Result<std::vector<DomainEvent>> {
    std::vector<DomainEvent> out;
    if (limit == 0) return out;
    constexpr auto max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    const auto capped = static_cast<std::int64_t>(limit > max ? max : limit);
    Filter f("tenant = ? AND id > ?");
    f.value(std::string(tenant)).value(after_id);
    if (goal_id) f.add("goal_id = ?", std::string(*goal_id));
    f.value(capped);
    auto st = tx_.statement("SELECT id, tenant, goal_id, at, " + std::string(payload_columns) +
                            " FROM events WHERE " + f.sql() + " ORDER BY id LIMIT ?");
    Binder b(*st);
    f.bind(b);
    while (st->executeStep()) {
      Row r(*st);
      DomainEvent e;
      e.id = r.i64();
      e.tenant = r.text();
      e.goal_id = r.text();
      e.at = r.time();
      e.payload = read_payload(r);
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace traction::sqlite
