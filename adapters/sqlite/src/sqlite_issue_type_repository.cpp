#include "sqlite_issue_config_repositories.hpp"

#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

constexpr std::string_view type_select =
    "SELECT tenant, id, name, description, color, icon, ord, is_active, is_system, is_default, "
    "created_at, updated_at FROM issue_types WHERE tenant = ?";

}  // namespace

std::vector<IssueType> SqliteIssueTypeRepository::select(const std::string& sql,
                                                         std::string_view tenant,
                                                         std::optional<std::string_view> id) {
  std::vector<IssueType> out;
  auto st = tx_.statement(sql);
  Binder b(*st);
  b.text(tenant);
  if (id) b.text(*id);
  while (st->executeStep()) {
    Row r(*st);
    IssueType t;
    t.tenant = r.text();
    t.id = r.text();
    t.name = r.text();
    t.description = r.text();
    t.color = r.text();
    t.icon = r.text();
    t.order = r.i32();
    t.is_active = r.boolean();
    t.is_system = r.boolean();
    t.is_default = r.boolean();
    t.created_at = r.time();
    t.updated_at = r.opt_time();
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<IssueType>> SqliteIssueTypeRepository::list(std::string_view tenant) {
  return guarded([&]() -> Result<std::vector<IssueType>> {
    return select(std::string(type_select) + " ORDER BY ord, name COLLATE NOCASE, id", tenant,
                  std::nullopt);
  });
}

Result<std::optional<IssueType>> SqliteIssueTypeRepository::find(std::string_view tenant,
                                                                  std::string_view id) {
  return guarded([&]() -> Result<std::optional<IssueType>> {
    auto rows = select(std::string(type_select) + " AND id = ?", tenant, id);
    if (rows.empty()) return std::optional<IssueType>{};
    return std::optional<IssueType>{std::move(rows.front())};
  });
}

Status SqliteIssueTypeRepository::insert(const IssueType& t) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "INSERT INTO issue_types (tenant, id, name, description, color, icon, ord, is_active, "
        "is_system, is_default, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, id) DO NOTHING");
    Binder(*st)
        .text(t.tenant)
        .text(t.id)
        .text(t.name)
        .text(t.description)
        .text(t.color)
        .text(t.icon)
        .i64(t.order)
        .boolean(t.is_active)
        .boolean(t.is_system)
        .boolean(t.is_default)
        .time(t.created_at)
        .opt_time(t.updated_at);
    if (st->exec() == 0) {
      return fail(ErrorCode::internal, "an issue type with this id already exists");
    }
    return {};
  });
}

Status SqliteIssueTypeRepository::update(const IssueType& t) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "UPDATE issue_types SET name = ?, description = ?, color = ?, icon = ?, ord = ?, "
        "is_active = ?, is_system = ?, is_default = ?, created_at = ?, updated_at = ? "
        "WHERE tenant = ? AND id = ?");
    Binder(*st)
        .text(t.name)
        .text(t.description)
        .text(t.color)
        .text(t.icon)
        .i64(t.order)
        .boolean(t.is_active)
        .boolean(t.is_system)
        .boolean(t.is_default)
        .time(t.created_at)
        .opt_time(t.updated_at)
        .text(t.tenant)
        .text(t.id);
    if (st->exec() == 0) return fail(ErrorCode::issue_type_not_found, "issue type not found");
    return {};
  });
}

}  // namespace traction::sqlite
