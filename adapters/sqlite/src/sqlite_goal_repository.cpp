#include "sqlite_goal_repository.hpp"

#include <unordered_map>

#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

constexpr std::string_view goal_columns =
    "g.tenant, g.id, g.title, g.intent, g.owner_id, g.owner_name, g.level, g.parent_id, "
    "g.horizon, g.start_date, g.end_date, g.status, g.metadata_json, g.progress, "
    "g.progress_basis, g.calculation_source, g.manual_progress, g.manual_reason, "
    "g.entered_progress, g.children_count, g.children_progress_sum, g.last_calculated_at, "
    "g.completed_at, g.created_at, g.updated_at, g.created_by, g.updated_by, g.version, "
    "g.deleted_at, g.health";

Goal read_goal(const SQLite::Statement& s) {
  Row r(s);
  Goal g;
  g.tenant = r.text();
  g.id = r.text();
  g.title = r.text();
  g.intent = r.text();
  g.owner_id = r.text();
  g.owner_name = r.text();
  g.level = r.opt_enumeration(goal_level_text);
  g.parent_id = r.opt_text();
  g.horizon = r.enumeration(horizon_text);
  g.start_date = r.opt_date();
  g.end_date = r.opt_date();
  g.status = r.enumeration(goal_status_text);
  g.metadata_json = r.text();
  g.progress = r.real();
  g.progress_basis = r.enumeration(progress_basis_text);
  g.calculation_source = r.enumeration(calculation_source_text);
  g.manual_progress = r.opt_real();
  g.manual_reason = r.text();
  g.entered_progress = r.real();
  g.children_count = r.i64();
  g.children_progress_sum = r.real();
  g.last_calculated_at = r.opt_time();
  g.completed_at = r.opt_time();
  g.created_at = r.time();
  g.updated_at = r.time();
  g.created_by = r.text();
  g.updated_by = r.text();
  g.version = r.i64();
  g.deleted_at = r.opt_time();
  g.health = r.opt_enumeration(forecast_status_text);
  return g;
}

// The goal's columns after tenant and id, in the order of insert_goal_sql / update_goal_sql.
void bind_goal_fields(Binder& b, const Goal& g) {
  b.text(g.title)
      .text(g.intent)
      .text(g.owner_id)
      .text(g.owner_name)
      .opt_enumeration(goal_level_text, g.level)
      .opt_text(g.parent_id)
      .enumeration(horizon_text, g.horizon)
      .opt_date(g.start_date)
      .opt_date(g.end_date)
      .enumeration(goal_status_text, g.status)
      .text(g.metadata_json)
      .real(g.progress)
      .enumeration(progress_basis_text, g.progress_basis)
      .enumeration(calculation_source_text, g.calculation_source)
      .opt_real(g.manual_progress)
      .text(g.manual_reason)
      .real(g.entered_progress)
      .i64(g.children_count)
      .real(g.children_progress_sum)
      .opt_time(g.last_calculated_at)
      .opt_time(g.completed_at)
      .time(g.created_at)
      .time(g.updated_at)
      .text(g.created_by)
      .text(g.updated_by)
      .opt_enumeration(forecast_status_text, g.health);
}

constexpr std::string_view insert_goal_sql =
    "INSERT INTO goals (tenant, id, title, intent, owner_id, owner_name, level, parent_id, "
    "horizon, start_date, end_date, status, metadata_json, progress, progress_basis, "
    "calculation_source, manual_progress, manual_reason, entered_progress, children_count, "
    "children_progress_sum, last_calculated_at, completed_at, created_at, updated_at, "
    "created_by, updated_by, health, version, deleted_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?) ON CONFLICT (tenant, id) DO NOTHING";

constexpr std::string_view update_goal_sql =
    "UPDATE goals SET title = ?, intent = ?, owner_id = ?, owner_name = ?, level = ?, "
    "parent_id = ?, horizon = ?, start_date = ?, end_date = ?, status = ?, metadata_json = ?, "
    "progress = ?, progress_basis = ?, calculation_source = ?, manual_progress = ?, "
    "manual_reason = ?, entered_progress = ?, children_count = ?, children_progress_sum = ?, "
    "last_calculated_at = ?, completed_at = ?, created_at = ?, updated_at = ?, created_by = ?, "
    "updated_by = ?, health = ?, deleted_at = ?, version = version + 1 "
    "WHERE tenant = ? AND id = ? AND version = ?";

// Live goals, oldest first, ties by id.
constexpr std::string_view live_order = " ORDER BY g.created_at, g.id";

// With a narrowing filter the sort column is an expression ("+column"), so that SQLite
// finds the rows through the filter's index and sorts them, rather than walk the sort
// index over every goal of the tenant.
std::string order_by(const GoalSort& sort, bool narrowed) {
  const std::string_view dir = sort.descending ? " DESC" : " ASC";
  const std::string_view plus = narrowed ? "+" : "";
  std::string out = " ORDER BY ";
  switch (sort.field) {
    case GoalSortField::created_at: out += plus; out += "g.created_at"; break;
    case GoalSortField::updated_at: out += plus; out += "g.updated_at"; break;
    case GoalSortField::title: out += "g.title COLLATE NOCASE"; break;
    case GoalSortField::progress: out += "g.progress"; break;
    case GoalSortField::end_date:
      out += "(g.end_date IS NULL), ";
      out += plus;
      out += "g.end_date";
      break;
    case GoalSortField::status:
      out += "CASE g.status WHEN 'draft' THEN 0 WHEN 'active' THEN 1 WHEN 'paused' THEN 2 "
             "WHEN 'completed' THEN 3 ELSE 4 END";
      break;
  }
  // Ties go by id in the same direction, so that (tenant, created_at, id) serves the whole
  // ORDER BY of the default sort and a page stops after its rows instead of sorting ties.
  out += dir;
  out += ", g.id";
  out += dir;
  return out;
}

Filter list_filter(std::string_view tenant, const GoalQuery& q) {
  Filter f("g.tenant = ? AND g.deleted_at IS NULL");
  f.value(std::string(tenant));
  if (q.owner_id) f.add("g.owner_id = ?", *q.owner_id).narrowing();
  if (q.status) f.add("g.status = ?", std::string(goal_status_text.name(*q.status))).narrowing();
  if (q.value_tag) {
    f.add("g.id IN (SELECT t.goal_id FROM goal_value_tags t WHERE t.tenant = ? AND t.tag = ?)",
          std::string(tenant), *q.value_tag)
        .narrowing();
  }
  if (q.horizon) {
    f.add("g.horizon = ?", std::string(horizon_text.name(*q.horizon))).narrowing();
  }
  if (q.level) f.add("g.level = ?", std::string(goal_level_text.name(*q.level))).narrowing();
  if (q.parent_id) f.add("g.parent_id = ?", *q.parent_id).narrowing();
  if (q.search) {
    if (auto candidates = trigram_query(*q.search)) {
      // The trigram index finds the candidates; LIKE below decides (ASCII case folding).
      f.join("JOIN goals_fts ON goals_fts.rowid = g.row_id");
      f.add("goals_fts MATCH ?", *candidates).narrowing();
    }
    auto pattern = like_contains_pattern(*q.search);
    f.add("(g.title LIKE ? ESCAPE '\\' OR g.intent LIKE ? ESCAPE '\\')", pattern, pattern);
  }
  return f;
}

}  // namespace

std::vector<Goal> SqliteGoalRepository::select_goals(const std::string& sql,
                                                     const Filter& filter) {
  std::vector<Goal> out;
  {
    auto st = tx_.statement(sql);
    Binder b(*st);
    filter.bind(b);
    while (st->executeStep()) out.push_back(read_goal(*st));
  }
  return out;
}

void SqliteGoalRepository::load_parts(std::string_view tenant, std::vector<Goal>& goals, bool whole_tenant) {
  if (goals.empty()) return;
  std::unordered_map<std::string_view, Goal*> by_id;
  std::vector<std::string> ids;
  if (!whole_tenant) ids.reserve(goals.size());
  for (auto& g : goals) {
    by_id.emplace(g.id, &g);
    if (!whole_tenant) ids.push_back(g.id);
  }
  // Every goal of the tenant: its parts are every row of the tenant (no id list to pass and
  // search); otherwise the goals' ids.
  const bool one = goals.size() == 1;
  const std::string id_set = whole_tenant ? std::string{} : one ? goals.front().id : json_string_array(ids);
  const std::string match = whole_tenant ? "tenant = ?"
                            : one        ? "tenant = ? AND goal_id = ?"
                                         : "tenant = ? AND goal_id IN (SELECT value FROM json_each(?))";
  auto bind = [&](SQLite::Statement& st) {
    Binder b(st);
    b.text(tenant);
    if (!whole_tenant) b.text(id_set);
  };
  auto goal_of = [&](const std::string& id) -> Goal* {
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  };

  {
    auto st = tx_.statement("SELECT goal_id, tag FROM goal_value_tags WHERE " + match +
                            " ORDER BY goal_id, position");
    bind(*st);
    while (st->executeStep()) {
      Row r(*st);
      if (auto* g = goal_of(r.text())) g->value_tags.push_back(r.text());
    }
  }
  {
    auto st = tx_.statement(
        "SELECT goal_id, id, strategy_goal_id, description, status, ord, created_at, updated_at "
        "FROM strategies WHERE " +
        match + " ORDER BY goal_id, ord, id, position");
    bind(*st);
    while (st->executeStep()) {
      Row r(*st);
      auto* g = goal_of(r.text());
      if (g == nullptr) continue;
      Strategy s;
      s.id = r.text();
      s.goal_id = r.text();
      s.description = r.text();
      s.status = r.enumeration(strategy_status_text);
      s.order = r.i32();
      s.created_at = r.time();
      s.updated_at = r.time();
      g->strategies.push_back(std::move(s));
    }
  }
  {
    auto st = tx_.statement(
        "SELECT goal_id, id, kpi_id, threshold_pct, weight, target, created_at FROM goal_kpi_links "
        "WHERE " +
        match + " ORDER BY goal_id, position");
    bind(*st);
    while (st->executeStep()) {
      Row r(*st);
      auto* g = goal_of(r.text());
      if (g == nullptr) continue;
      GoalKpiLink l;
      l.id = r.text();
      l.kpi_id = r.text();
      l.threshold_pct = r.real();
      l.weight = r.real();
      l.target = r.opt_real();
      l.created_at = r.time();
      g->kpi_links.push_back(std::move(l));
    }
  }
}

void SqliteGoalRepository::write_parts(const Goal& goal, bool replace) {
  if (replace) {
    for (const char* sql : {"DELETE FROM goal_value_tags WHERE tenant = ? AND goal_id = ?",
                            "DELETE FROM strategies WHERE tenant = ? AND goal_id = ?",
                            "DELETE FROM goal_kpi_links WHERE tenant = ? AND goal_id = ?"}) {
      auto st = tx_.statement(sql);
      Binder(*st).text(goal.tenant).text(goal.id);
      st->exec();
    }
  }
  std::int64_t position = 0;
  for (const auto& tag : goal.value_tags) {
    auto st = tx_.statement(
        "INSERT INTO goal_value_tags (tenant, goal_id, position, tag) VALUES (?, ?, ?, ?)");
    Binder(*st).text(goal.tenant).text(goal.id).i64(position++).text(tag);
    st->exec();
  }
  position = 0;
  for (const auto& s : goal.strategies) {
    auto st = tx_.statement(
        "INSERT INTO strategies (tenant, goal_id, position, id, strategy_goal_id, description, "
        "status, ord, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Binder(*st)
        .text(goal.tenant)
        .text(goal.id)
        .i64(position++)
        .text(s.id)
        .text(s.goal_id)
        .text(s.description)
        .enumeration(strategy_status_text, s.status)
        .i64(s.order)
        .time(s.created_at)
        .time(s.updated_at);
    st->exec();
  }
  position = 0;
  for (const auto& l : goal.kpi_links) {
    auto st = tx_.statement(
        "INSERT INTO goal_kpi_links (tenant, goal_id, position, id, kpi_id, threshold_pct, "
        "weight, target, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Binder(*st)
        .text(goal.tenant)
        .text(goal.id)
        .i64(position++)
        .text(l.id)
        .text(l.kpi_id)
        .real(l.threshold_pct)
        .real(l.weight)
        .opt_real(l.target)
        .time(l.created_at);
    st->exec();
  }
}

std::optional<Goal> SqliteGoalRepository::find_one(std::string_view tenant, std::string_view id,
                                                   bool with_deleted) {
  Filter f("g.tenant = ? AND g.id = ?");
  f.value(std::string(tenant)).value(std::string(id));
  if (!with_deleted) f.add("g.deleted_at IS NULL");
  auto goals = select_goals(
      std::string("SELECT ") + std::string(goal_columns) + " FROM goals g WHERE " + f.sql(), f);
  if (goals.empty()) return std::nullopt;
  load_parts(tenant, goals);
  return std::move(goals.front());
}

Result<std::optional<Goal>> SqliteGoalRepository::find(std::string_view tenant,
                                                       std::string_view id) {
  return guarded([&]() -> Result<std::optional<Goal>> { return find_one(tenant, id, false); });
}

Result<std::optional<Goal>> SqliteGoalRepository::find_including_deleted(
    std::string_view tenant, std::string_view id) {
  return guarded([&]() -> Result<std::optional<Goal>> { return find_one(tenant, id, true); });
}

Result<Page<Goal>> SqliteGoalRepository::list(std::string_view tenant, const GoalQuery& query) {
  return guarded([&]() -> Result<Page<Goal>> {
    const auto f = list_filter(tenant, query);
    Page<Goal> page;
    {
      auto st = tx_.statement("SELECT COUNT(*) FROM goals g" + f.joins() + " WHERE " + f.sql());
      Binder b(*st);
      f.bind(b);
      if (st->executeStep()) page.total = st->getColumn(0).getInt64();
    }
    const auto window = limit_offset(query.page.page, query.page.size);
    if (!window || page.total == 0) return page;
    Filter paged = f;
    paged.value(window->limit).value(window->offset);
    page.items = select_goals(std::string("SELECT ") + std::string(goal_columns) + " FROM goals g" +
                                  f.joins() + " WHERE " + f.sql() +
                                  order_by(query.sort, f.narrowed()) + " LIMIT ? OFFSET ?",
                              paged);
    load_parts(tenant, page.items);
    return page;
  });
}

Result<std::vector<Goal>> SqliteGoalRepository::children(std::string_view tenant,
                                                         std::string_view parent_id) {
  return guarded([&]() -> Result<std::vector<Goal>> {
    Filter f("g.tenant = ? AND g.parent_id = ? AND g.deleted_at IS NULL");
    f.value(std::string(tenant)).value(std::string(parent_id));
    auto goals = select_goals(std::string("SELECT ") + std::string(goal_columns) +
                                  " FROM goals g WHERE " + f.sql() + std::string(live_order),
                              f);
    load_parts(tenant, goals);
    return goals;
  });
}

Result<std::vector<Goal>> SqliteGoalRepository::all(std::string_view tenant) {
  return guarded([&]() -> Result<std::vector<Goal>> {
    Filter f("g.tenant = ? AND g.deleted_at IS NULL");
    f.value(std::string(tenant));
    auto goals = select_goals(std::string("SELECT ") + std::string(goal_columns) +
                                  " FROM goals g WHERE " + f.sql() + std::string(live_order),
                              f);
    load_parts(tenant, goals, true);
    return goals;
  });
}

Result<std::int64_t> SqliteGoalRepository::count(std::string_view tenant) {
  return guarded([&]() -> Result<std::int64_t> {
    auto st = tx_.statement("SELECT COUNT(*) FROM goals WHERE tenant = ? AND deleted_at IS NULL");
    Binder(*st).text(tenant);
    st->executeStep();
    return st->getColumn(0).getInt64();
  });
}

Result<GoalTally> SqliteGoalRepository::tally(std::string_view tenant) {
  return guarded([&]() -> Result<GoalTally> {
    auto st = tx_.statement(
        "SELECT status, horizon, COUNT(*), TOTAL(progress) FROM goals "
        "WHERE tenant = ? AND deleted_at IS NULL GROUP BY status, horizon");
    Binder(*st).text(tenant);
    GoalTally tally;
    while (st->executeStep()) {
      Row r(*st);
      GoalTallyCell cell;
      cell.status = r.enumeration(goal_status_text);
      cell.horizon = r.enumeration(horizon_text);
      cell.goals = r.i64();
      cell.progress_sum = r.real();
      tally.push_back(cell);
    }
    return tally;
  });
}

Result<std::vector<ports::GoalKey>> SqliteGoalRepository::open_goals() {
  return guarded([&]() -> Result<std::vector<ports::GoalKey>> {
    // The jobs' input spans every tenant by design: the one query without a tenant filter.
    auto st = tx_.statement(
        "SELECT tenant, id FROM goals WHERE deleted_at IS NULL AND status IN (?, ?, ?) "
        "ORDER BY tenant, id");
    Binder(*st)
        .enumeration(goal_status_text, GoalStatus::draft)
        .enumeration(goal_status_text, GoalStatus::active)
        .enumeration(goal_status_text, GoalStatus::paused);
    std::vector<ports::GoalKey> out;
    while (st->executeStep()) {
      Row r(*st);
      ports::GoalKey key;
      key.tenant = r.text();
      key.id = r.text();
      out.push_back(std::move(key));
    }
    return out;
  });
}

Result<std::optional<std::string>> SqliteGoalRepository::goal_of_strategy(
    std::string_view tenant, std::string_view strategy_id) {
  return guarded([&]() -> Result<std::optional<std::string>> {
    auto st = tx_.statement(
        "SELECT g.id FROM strategies s JOIN goals g ON g.tenant = s.tenant AND g.id = s.goal_id "
        "WHERE s.tenant = ? AND s.id = ? AND g.deleted_at IS NULL "
        "ORDER BY g.created_at, g.id LIMIT 1");
    Binder(*st).text(tenant).text(strategy_id);
    if (!st->executeStep()) return std::optional<std::string>{};
    return std::optional<std::string>{st->getColumn(0).getString()};
  });
}

Result<std::vector<std::string>> SqliteGoalRepository::goals_linking_kpi(
    std::string_view tenant, std::string_view kpi_id) {
  return guarded([&]() -> Result<std::vector<std::string>> {
    auto st = tx_.statement(
        "SELECT g.id FROM goals g WHERE g.tenant = ? AND g.deleted_at IS NULL AND EXISTS "
        "(SELECT 1 FROM goal_kpi_links l WHERE l.tenant = g.tenant AND l.goal_id = g.id AND "
        "l.kpi_id = ?) ORDER BY g.created_at, g.id");
    Binder(*st).text(tenant).text(kpi_id);
    std::vector<std::string> out;
    while (st->executeStep()) out.push_back(st->getColumn(0).getString());
    return out;
  });
}

Status SqliteGoalRepository::insert(const Goal& goal) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    {
      auto st = tx_.statement(insert_goal_sql);
      Binder b(*st);
      b.text(goal.tenant).text(goal.id);
      bind_goal_fields(b, goal);
      b.i64(goal.version).opt_time(goal.deleted_at);
      if (st->exec() == 0) return fail(ErrorCode::internal, "a goal with this id already exists");
    }
    write_parts(goal, false);
    return {};
  });
}

Status SqliteGoalRepository::update(Goal& goal) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  return guarded([&]() -> Status {
    {
      auto st = tx_.statement(update_goal_sql);
      Binder b(*st);
      bind_goal_fields(b, goal);
      b.opt_time(goal.deleted_at).text(goal.tenant).text(goal.id).i64(goal.version);
      if (st->exec() == 0) {
        auto exists = tx_.statement("SELECT 1 FROM goals WHERE tenant = ? AND id = ?");
        Binder(*exists).text(goal.tenant).text(goal.id);
        if (!exists->executeStep()) return fail(ErrorCode::goal_not_found, "goal not found");
        return fail(ErrorCode::version_conflict, "the goal was changed by someone else");
      }
    }
    write_parts(goal, true);
    goal.version += 1;
    return {};
  });
}

}  // namespace traction::sqlite
