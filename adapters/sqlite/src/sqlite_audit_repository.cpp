#include "sqlite_log_repositories.hpp"

#include "sqlite_error.hpp"

namespace traction::sqlite {

Status SqliteAuditRepository::append(const AuditEntry& e) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "INSERT INTO audit (tenant, id, goal_id, user_id, user_name, action, field, old_value, "
        "new_value, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (tenant, id) DO NOTHING");
    Binder(*st)
        .text(e.tenant)
        .text(e.id)
        .text(e.goal_id)
        .text(e.user_id)
        .text(e.user_name)
        .text(e.action)
        .text(e.field)
        .text(e.old_value)
        .text(e.new_value)
        .text(e.reason)
        .time(e.at);
    if (st->exec() == 0) {
      return fail(ErrorCode::internal, "an audit entry with this id already exists");
    }
    return {};
  });
}

Result<Page<AuditEntry>> SqliteAuditRepository::list(std::string_view tenant,
                                                     std::string_view goal_id,
                                                     const PageRequest& request) {
  return guarded([&]() -> Result<Page<AuditEntry>> {
    Page<AuditEntry> page;
    {
      auto st = tx_.statement("SELECT COUNT(*) FROM audit WHERE tenant = ? AND goal_id = ?");
      Binder(*st).text(tenant).text(goal_id);
      if (st->executeStep()) page.total = st->getColumn(0).getInt64();
    }
    const auto window = limit_offset(request.page, request.size);
    if (!window || page.total == 0) return page;
    auto st = tx_.statement(
        "SELECT tenant, id, goal_id, user_id, user_name, action, field, old_value, new_value, "
        "reason, at FROM audit WHERE tenant = ? AND goal_id = ? "
        "ORDER BY at DESC, row_id DESC LIMIT ? OFFSET ?");
    Binder(*st).text(tenant).text(goal_id).i64(window->limit).i64(window->offset);
    while (st->executeStep()) {
      Row r(*st);
      AuditEntry e;
      e.tenant = r.text();
      e.id = r.text();
      e.goal_id = r.text();
      e.user_id = r.text();
      e.user_name = r.text();
      e.action = r.text();
      e.field = r.text();
      e.old_value = r.text();
      e.new_value = r.text();
      e.reason = r.text();
      e.at = r.time();
      page.items.push_back(std::move(e));
    }
    return page;
  });
}

}  // namespace traction::sqlite
