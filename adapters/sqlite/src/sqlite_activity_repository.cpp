#include "sqlite_log_repositories.hpp"

#include "sqlite_error.hpp"

namespace traction::sqlite {

Status SqliteActivityRepository::insert(const Activity& a) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    auto st = tx_.statement(
        "INSERT INTO activities (tenant, id, goal_id, type, text, title, url, metadata_json, "
        "attachments_json, created_at, created_by, created_by_name) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, id) DO NOTHING");
    Binder(*st)
        .text(a.tenant)
        .text(a.id)
        .text(a.goal_id)
        .enumeration(activity_type_text, a.type)
        .text(a.text)
        .text(a.title)
        .text(a.url)
        .text(a.metadata_json)
        .text(a.attachments_json)
        .time(a.created_at)
        .text(a.created_by)
        .text(a.created_by_name);
    if (st->exec() == 0) return fail(ErrorCode::internal, "an activity with this id already exists");
    return {};
  });
}

Result<Page<Activity>> SqliteActivityRepository::list(std::string_view tenant,
                                                      std::string_view goal_id,
                                                      const ActivityQuery& query) {
  return guarded([&]() -> Result<Page<Activity>> {
    Filter f("tenant = ? AND goal_id = ?");
    f.value(std::string(tenant)).value(std::string(goal_id));
    if (query.type) f.add("type = ?", std::string(activity_type_text.name(*query.type)));
    Page<Activity> page;
    {
      auto st = tx_.statement("SELECT COUNT(*) FROM activities WHERE " + f.sql());
      Binder b(*st);
      f.bind(b);
      if (st->executeStep()) page.total = st->getColumn(0).getInt64();
    }
    const auto window = limit_offset(query.page.page, query.page.size);
    if (!window || page.total == 0) return page;
    Filter paged = f;
    paged.value(window->limit).value(window->offset);
    auto st = tx_.statement(
        "SELECT tenant, id, goal_id, type, text, title, url, metadata_json, attachments_json, "
        "created_at, created_by, created_by_name FROM activities WHERE " +
        f.sql() + " ORDER BY created_at DESC, row_id DESC LIMIT ? OFFSET ?");
    Binder b(*st);
    paged.bind(b);
    while (st->executeStep()) {
      Row r(*st);
      Activity a;
      a.tenant = r.text();
      a.id = r.text();
      a.goal_id = r.text();
      a.type = r.enumeration(activity_type_text);
      a.text = r.text();
      a.title = r.text();
      a.url = r.text();
      a.metadata_json = r.text();
      a.attachments_json = r.text();
      a.created_at = r.time();
      a.created_by = r.text();
      a.created_by_name = r.text();
      page.items.push_back(std::move(a));
    }
    return page;
  });
}

}  // namespace traction::sqlite
