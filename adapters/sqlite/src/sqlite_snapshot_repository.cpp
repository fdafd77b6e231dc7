#include "sqlite_log_repositories.hpp"

#include <stdexcept>
#include <string>

#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

std::string_view source_name(SnapshotSource s) {
  switch (s) {
    case SnapshotSource::daily: return "daily";
    case SnapshotSource::change: return "change";
  }
  return "change";
}

SnapshotSource source_of(const std::string& text) {
  if (text == "daily") return SnapshotSource::daily;
  if (text == "change") return SnapshotSource::change;
  throw std::runtime_error("unexpected stored snapshot source '" + text + "'");
}

ProgressSnapshot snapshot_of(const SQLite::Statement& st) {
  Row r(st);
  ProgressSnapshot s;
  s.tenant = r.text();
  s.goal_id = r.text();
  s.at = r.time();
  s.progress = r.real();
  s.source = source_of(r.text());
  return s;
}

// Reading a goal's snapshots forward, a day with more rows than this is left with two index
// seeks (its last row, then the next day's first) instead of stepping through the rest.
constexpr int rows_before_skipping = 8;

}  // namespace

Status SqliteSnapshotRepository::append(const ProgressSnapshot& s) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "INSERT INTO snapshots (tenant, goal_id, at, progress, source) VALUES (?, ?, ?, ?, ?)");
    Binder(*st).text(s.tenant).text(s.goal_id).time(s.at).real(s.progress).text(
        source_name(s.source));
    st->exec();
    return {};
  });
}

Result<std::vector<ProgressSnapshot>> SqliteSnapshotRepository::list(
    std::string_view tenant, std::string_view goal_id, std::optional<Timestamp> from,
    std::optional<Timestamp> to) {
  return guarded([&]() -> Result<std::vector<ProgressSnapshot>> {
    Filter f("tenant = ? AND goal_id = ?");
    f.value(std::string(tenant)).value(std::string(goal_id));
    if (from) f.add("at >= ?", to_db(*from));
    if (to) f.add("at <= ?", to_db(*to));
    auto st = tx_.statement("SELECT tenant, goal_id, at, progress, source FROM snapshots WHERE " +
                            f.sql() + " ORDER BY at, row_id");
    Binder b(*st);
    f.bind(b);
    std::vector<ProgressSnapshot> out;
    while (st->executeStep()) out.push_back(snapshot_of(*st));
    return out;
  });
}

Result<std::vector<ProgressPoint>> SqliteSnapshotRepository::last_of_each_day(std::string_view tenant,
                                                                              std::string_view goal_id,
                                                                              Timestamp from) {
  return guarded([&]() -> Result<std::vector<ProgressPoint>> {
    const auto point_of = [](const SQLite::Statement& st) {
      Row r(st);
      const auto at = r.time();
      return ProgressPoint{at, r.real()};
    };
    auto forward = tx_.statement(
        "SELECT at, progress FROM snapshots WHERE tenant = ? AND goal_id = ? AND at >= ? ORDER BY at, row_id");
    Binder(*forward).text(tenant).text(goal_id).time(from);
    std::vector<ProgressPoint> out;
    std::optional<Date> day;  // the day of out.back()
    int rows_of_day = 0;
    while (forward->executeStep()) {
      const auto point = point_of(*forward);
      const auto point_day = date_of(point.at);
      if (day != point_day) {
        out.push_back(point);
        day = point_day;
        rows_of_day = 1;
        continue;
      }
      out.back() = point;
      if (++rows_of_day < rows_before_skipping) continue;
      const auto next_day = start_of(*day + std::chrono::days(1));
      auto last = tx_.statement(
          "SELECT at, progress FROM snapshots WHERE tenant = ? AND goal_id = ? AND at < ?"
          " ORDER BY at DESC, row_id DESC LIMIT 1");
      Binder(*last).text(tenant).text(goal_id).time(next_day);
      if (last->executeStep()) out.back() = point_of(*last);
      forward->reset();
      forward->bind(3, to_db(next_day));
    }
    return out;
  });
}

}  // namespace traction::sqlite
