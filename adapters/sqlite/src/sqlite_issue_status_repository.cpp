#include "sqlite_issue_config_repositories.hpp"

#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

constexpr std::string_view status_select =
    "SELECT tenant, id, name, description, category, color, icon, ord, is_active, is_system, "
    "created_at, updated_at FROM issue_statuses WHERE tenant = ?";

}  // namespace

std::vector<IssueStatus> SqliteIssueStatusRepository::select(const std::string& sql,
                                                         std::string_view tenant,
                                                         std::optional<std::string_view> id) {
  std::vector<IssueStatus> out;
  auto st = tx_.statement(sql);
  Binder b(*st);
  b.text(tenant);
  if (id) b.text(*id);
  while (st->executeStep()) {
    Row r(*st);
    IssueStatus t;
    t.tenant = r.text();
    t.id = r.text();
    t.name = r.text();
    t.description = r.text();
    t.category = r.enumeration(issue_status_category_text);
    t.color = r.text();
    t.icon = r.text();
    t.order = r.i32();
    t.is_active = r.boolean();
    t.is_system = r.boolean();
    t.created_at = r.time();
    t.updated_at = r.opt_time();
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<IssueStatus>> SqliteIssueStatusRepository::list(std::string_view tenant) {
  return guarded([&]() -> Result<std::vector<IssueStatus>> {
    return select(std::string(status_select) + " ORDER BY CASE category WHEN 'open' THEN 0 WHEN 'active' THEN 1 "
                      "WHEN 'inactive' THEN 2 ELSE 3 END, ord, name COLLATE NOCASE, id", tenant,
                  std::nullopt);
  });
}

Result<std::optional<IssueStatus>> SqliteIssueStatusRepository::find(std::string_view tenant,
                                                                  std::string_view id) {
  return guarded([&]() -> Result<std::optional<IssueStatus>> {
    auto rows = select(std::string(status_select) + " AND id = ?", tenant, id);
    if (rows.empty()) return std::optional<IssueStatus>{};
    return std::optional<IssueStatus>{std::move(rows.front())};
  });
}

Status SqliteIssueStatusRepository::insert(const IssueStatus& t) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "INSERT INTO issue_statuses (tenant, id, name, description, category, color, icon, ord, "
        "is_active, is_system, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, id) DO NOTHING");
    Binder(*st)
        .text(t.tenant)
        .text(t.id)
        .text(t.name)
        .text(t.description)
        .enumeration(issue_status_category_text, t.category)
        .text(t.color)
        .text(t.icon)
        .i64(t.order)
        .boolean(t.is_active)
        .boolean(t.is_system)
        .time(t.created_at)
        .opt_time(t.updated_at);
    if (st->exec() == 0) {
      return fail(ErrorCode::internal, "an issue status with this id already exists");
    }
    return {};
  });
}

Status SqliteIssueStatusRepository::update(const IssueStatus& t) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "UPDATE issue_statuses SET name = ?, description = ?, category = ?, color = ?, icon = ?, "
        "ord = ?, is_active = ?, is_system = ?, created_at = ?, updated_at = ? "
        "WHERE tenant = ? AND id = ?");
    Binder(*st)
        .text(t.name)
        .text(t.description)
        .enumeration(issue_status_category_text, t.category)
        .text(t.color)
        .text(t.icon)
        .i64(t.order)
        .boolean(t.is_active)
        .boolean(t.is_system)
        .time(t.created_at)
        .opt_time(t.updated_at)
        .text(t.tenant)
        .text(t.id);
    if (st->exec() == 0) return fail(ErrorCode::issue_status_not_found, "issue status not found");
    return {};
  });
}

}  // namespace traction::sqlite
