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
    while (st->executeStep()) {
      Row r(*st);
      ProgressSnapshot s;
      s.tenant = r.text();
      s.goal_id = r.text();
      s.at = r.time();
      s.progress = r.real();
      s.source = source_of(r.text());
      out.push_back(std::move(s));
    }
    return out;
  });
}

}  // namespace traction::sqlite
