#include "sqlite_action_repository.hpp"

#include <unordered_map>

#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

constexpr std::string_view action_columns =
    "a.tenant, a.id, a.title, a.description, a.start_date, a.due_date, a.priority, a.status, "
    "a.assigned_person_id, a.assigned_person_name, a.progress, a.completed_at, a.created_at, "
    "a.updated_at, a.created_by, a.updated_by, a.version, a.deleted_at";

constexpr std::string_view oldest_first = " ORDER BY a.created_at, a.id";
constexpr std::string_view newest_first = " ORDER BY a.created_at DESC, a.id";

Action read_action(const SQLite::Statement& s) {
  Row r(s);
  Action a;
  a.tenant = r.text();
  a.id = r.text();
  a.title = r.text();
  a.description = r.text();
  a.start_date = r.opt_time();
  a.due_date = r.opt_time();
  a.priority = r.enumeration(priority_text);
  a.status = r.enumeration(action_status_text);
  a.assigned_person_id = r.text();
  a.assigned_person_name = r.text();
  a.progress = r.real();
  a.completed_at = r.opt_time();
  a.created_at = r.time();
  a.updated_at = r.time();
  a.created_by = r.text();
  a.updated_by = r.text();
  a.version = r.i64();
  a.deleted_at = r.opt_time();
  return a;
}

// Columns after tenant and id, as insert and update list them.
void bind_action_fields(Binder& b, const Action& a) {
  b.text(a.title)
      .text(a.description)
      .opt_time(a.start_date)
      .opt_time(a.due_date)
      .enumeration(priority_text, a.priority)
      .enumeration(action_status_text, a.status)
      .text(a.assigned_person_id)
      .text(a.assigned_person_name)
      .real(a.progress)
      .opt_time(a.completed_at)
      .time(a.created_at)
      .time(a.updated_at)
      .text(a.created_by)
      .text(a.updated_by);
}

template <class E, std::size_t N>
std::string names_json(const EnumText<E, N>& table, const std::vector<E>& values) {
  std::vector<std::string> names;
  names.reserve(values.size());
  for (const auto v : values) names.emplace_back(table.name(v));
  return json_string_array(names);
}

void add_link_filter(Filter& f, std::string_view tenant, std::string_view kind,
                     const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  f.add("a.id IN (SELECT l.action_id FROM action_links l WHERE l.tenant = ? AND l.kind = ? AND "
        "l.target_id IN (SELECT value FROM json_each(?)))",
        std::string(tenant), std::string(kind), json_string_array(ids))
      .narrowing();
}

}  // namespace

std::vector<Action> SqliteActionRepository::select_actions(const std::string& where,
                                                           const Filter& filter,
                                                           std::string_view order) {
  std::vector<Action> out;
  {
    auto st = tx_.statement("SELECT " + std::string(action_columns) + " FROM actions a WHERE " +
                            where + std::string(order));
    Binder b(*st);
    filter.bind(b);
    while (st->executeStep()) out.push_back(read_action(*st));
  }
  return out;
}

void SqliteActionRepository::load_links(std::string_view tenant, std::vector<Action>& actions) {
  if (actions.empty()) return;
  std::unordered_map<std::string_view, Action*> by_id;
  std::vector<std::string> ids;
  for (auto& a : actions) {
    by_id.emplace(a.id, &a);
    ids.push_back(a.id);
  }
  auto st = tx_.statement(
      "SELECT action_id, kind, target_id FROM action_links WHERE tenant = ? AND action_id IN "
      "(SELECT value FROM json_each(?)) ORDER BY action_id, kind, position");
  Binder(*st).text(tenant).text(json_string_array(ids));
  while (st->executeStep()) {
    Row r(*st);
    const auto it = by_id.find(r.text());
    if (it == by_id.end()) continue;
    const auto kind = r.text();
    auto target = r.text();
    auto& c = it->second->connections;
    if (kind == "goal") c.goal_ids.push_back(std::move(target));
    else if (kind == "strategy") c.strategy_ids.push_back(std::move(target));
    else if (kind == "issue") c.issue_ids.push_back(std::move(target));
  }
}

void SqliteActionRepository::write_links(const Action& action, bool replace) {
  if (replace) {
    auto st = tx_.statement("DELETE FROM action_links WHERE tenant = ? AND action_id = ?");
    Binder(*st).text(action.tenant).text(action.id);
    st->exec();
  }
  const auto insert = [&](std::string_view kind, const std::vector<std::string>& targets) {
    std::int64_t position = 0;
    for (const auto& target : targets) {
      auto st = tx_.statement(
          "INSERT INTO action_links (tenant, action_id, kind, position, target_id) "
          "VALUES (?, ?, ?, ?, ?)");
      Binder(*st).text(action.tenant).text(action.id).text(kind).i64(position++).text(target);
      st->exec();
    }
  };
  insert("goal", action.connections.goal_ids);
  insert("strategy", action.connections.strategy_ids);
  insert("issue", action.connections.issue_ids);
}

Result<std::optional<Action>> SqliteActionRepository::find(std::string_view tenant,
                                                           std::string_view id) {
  return guarded([&]() -> Result<std::optional<Action>> {
    Filter f("a.tenant = ? AND a.id = ? AND a.deleted_at IS NULL");
    f.value(std::string(tenant)).value(std::string(id));
    auto rows = select_actions(f.sql(), f, {});
    if (rows.empty()) return std::optional<Action>{};
    load_links(tenant, rows);
    return std::optional<Action>{std::move(rows.front())};
  });
}

Result<Page<Action>> SqliteActionRepository::list(std::string_view tenant,
                                                  const ActionQuery& q) {
  return guarded([&]() -> Result<Page<Action>> {
    Filter f("a.tenant = ? AND a.deleted_at IS NULL");
    f.value(std::string(tenant));
    if (q.start || q.end) {
      f.add("COALESCE(a.start_date, a.due_date) IS NOT NULL");
      if (q.end) f.add("COALESCE(a.start_date, a.due_date) <= ?", to_db(*q.end));
      if (q.start) f.add("COALESCE(a.due_date, a.start_date) >= ?", to_db(*q.start));
    }
    if (q.assigned_person_id) {
      f.add("a.assigned_person_id = ?", *q.assigned_person_id).narrowing();
    }
    add_link_filter(f, tenant, "goal", q.goal_ids);
    add_link_filter(f, tenant, "strategy", q.strategy_ids);
    add_link_filter(f, tenant, "issue", q.issue_ids);
    if (!q.statuses.empty()) {
      f.add("a.status IN (SELECT value FROM json_each(?))",
            names_json(action_status_text, q.statuses))
          .narrowing();
    }
    if (!q.priorities.empty()) {
      f.add("a.priority IN (SELECT value FROM json_each(?))",
            names_json(priority_text, q.priorities))
          .narrowing();
    }
    Page<Action> page;
    {
      auto st = tx_.statement("SELECT COUNT(*) FROM actions a WHERE " + f.sql());
      Binder b(*st);
      f.bind(b);
      if (st->executeStep()) page.total = st->getColumn(0).getInt64();
    }
    const auto window = limit_offset(q.page.page, q.page.size);
    if (!window || page.total == 0) return page;
    Filter paged = f;
    paged.value(window->limit).value(window->offset);
    page.items = select_actions(f.sql(), paged,
                                std::string(f.narrowed() ? " ORDER BY +a.created_at DESC, a.id"
                                                         : newest_first) +
                                    " LIMIT ? OFFSET ?");
    load_links(tenant, page.items);
    return page;
  });
}

Result<std::vector<Action>> SqliteActionRepository::all(std::string_view tenant) {
  return guarded([&]() -> Result<std::vector<Action>> {
    Filter f("a.tenant = ? AND a.deleted_at IS NULL");
    f.value(std::string(tenant));
    auto rows = select_actions(f.sql(), f, oldest_first);
    load_links(tenant, rows);
    return rows;
  });
}

Result<std::vector<Action>> SqliteActionRepository::linked(std::string_view tenant,
                                                           std::string_view kind,
                                                           std::string_view target_id) {
  return guarded([&]() -> Result<std::vector<Action>> {
    Filter f("a.tenant = ? AND a.deleted_at IS NULL");
    f.value(std::string(tenant));
    f.add("EXISTS (SELECT 1 FROM action_links l WHERE l.tenant = a.tenant AND "
          "l.action_id = a.id AND l.kind = ? AND l.target_id = ?)",
          std::string(kind), std::string(target_id));
    auto rows = select_actions(f.sql(), f, oldest_first);
    load_links(tenant, rows);
    return rows;
  });
}

Result<std::vector<Action>> SqliteActionRepository::linked_to_goal(std::string_view tenant,
                                                                   std::string_view goal_id) {
  return linked(tenant, "goal", goal_id);
}

Result<std::vector<Action>> SqliteActionRepository::linked_to_strategy(
    std::string_view tenant, std::string_view strategy_id) {
  return linked(tenant, "strategy", strategy_id);
}

Result<std::vector<Action>> SqliteActionRepository::linked_to_issue(std::string_view tenant,
                                                                    std::string_view issue_id) {
  return linked(tenant, "issue", issue_id);
}

Status SqliteActionRepository::insert(const Action& action) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    {
      auto st = tx_.statement(
          "INSERT INTO actions (tenant, id, title, description, start_date, due_date, priority, "
          "status, assigned_person_id, assigned_person_name, progress, completed_at, created_at, "
          "updated_at, created_by, updated_by, version, deleted_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (tenant, id) DO NOTHING");
      Binder b(*st);
      b.text(action.tenant).text(action.id);
      bind_action_fields(b, action);
      b.i64(action.version).opt_time(action.deleted_at);
      if (st->exec() == 0) return fail(ErrorCode::internal, "an action with this id already exists");
    }
    write_links(action, false);
    return {};
  });
}

Status SqliteActionRepository::update(Action& action) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    {
      auto st = tx_.statement(
          "UPDATE actions SET title = ?, description = ?, start_date = ?, due_date = ?, "
          "priority = ?, status = ?, assigned_person_id = ?, assigned_person_name = ?, "
          "progress = ?, completed_at = ?, created_at = ?, updated_at = ?, created_by = ?, "
          "updated_by = ?, deleted_at = ?, version = version + 1 "
          "WHERE tenant = ? AND id = ? AND version = ?");
      Binder b(*st);
      bind_action_fields(b, action);
      b.opt_time(action.deleted_at).text(action.tenant).text(action.id).i64(action.version);
      if (st->exec() == 0) {
        auto exists = tx_.statement("SELECT 1 FROM actions WHERE tenant = ? AND id = ?");
        Binder(*exists).text(action.tenant).text(action.id);
        if (!exists->executeStep()) return fail(ErrorCode::action_not_found, "action not found");
        return fail(ErrorCode::version_conflict, "the action was changed by someone else");
      }
    }
    write_links(action, true);
    action.version += 1;
    return {};
  });
}

}  // namespace traction::sqlite
