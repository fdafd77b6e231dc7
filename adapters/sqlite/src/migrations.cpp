#include "migrations.hpp"

#include <fmt/format.h>

#include <array>
#include <span>
#include <string>

#include "sqlite_error.hpp"

namespace traction::sqlite {
namespace {

// Migration 1: goals (with strategies, KPI links and value tags), the KPI catalog and its
// readings, activities, the recent-activity feed, the audit log, progress snapshots, the
// event log SSE replays from, metric series and job leases.
constexpr const char* migration_1 = R"sql(
CREATE TABLE goals (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  intent TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  level TEXT,
  parent_id TEXT,
  horizon TEXT NOT NULL,
  start_date INTEGER,
  end_date INTEGER,
  status TEXT NOT NULL,
  metadata_json TEXT NOT NULL,
  progress REAL NOT NULL,
  progress_basis TEXT NOT NULL,
  calculation_source TEXT NOT NULL,
  manual_progress REAL,
  manual_reason TEXT NOT NULL,
  entered_progress REAL NOT NULL,
  children_count INTEGER NOT NULL,
  children_progress_sum REAL NOT NULL,
  last_calculated_at INTEGER,
  completed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  version INTEGER NOT NULL,
  deleted_at INTEGER,
  UNIQUE (tenant, id)
);
CREATE INDEX goals_by_created ON goals (tenant, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX goals_by_updated ON goals (tenant, updated_at) WHERE deleted_at IS NULL;
CREATE INDEX goals_by_end_date ON goals (tenant, end_date) WHERE deleted_at IS NULL;
CREATE INDEX goals_by_owner ON goals (tenant, owner_id) WHERE deleted_at IS NULL;
CREATE INDEX goals_by_status ON goals (tenant, status) WHERE deleted_at IS NULL;
CREATE INDEX goals_by_horizon ON goals (tenant, horizon) WHERE deleted_at IS NULL;
CREATE INDEX goals_by_level ON goals (tenant, level) WHERE deleted_at IS NULL;
CREATE INDEX goals_by_parent ON goals (tenant, parent_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX goals_open ON goals (status, tenant, id) WHERE deleted_at IS NULL;

CREATE TABLE goal_value_tags (
  tenant TEXT NOT NULL,
  goal_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (tenant, goal_id, position),
  FOREIGN KEY (tenant, goal_id) REFERENCES goals (tenant, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX goal_value_tags_by_tag ON goal_value_tags (tenant, tag, goal_id);

CREATE TABLE strategies (
  tenant TEXT NOT NULL,
  goal_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  strategy_goal_id TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  ord INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant, goal_id, position),
  FOREIGN KEY (tenant, goal_id) REFERENCES goals (tenant, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX strategies_by_id ON strategies (tenant, id);

CREATE TABLE goal_kpi_links (
  tenant TEXT NOT NULL,
  goal_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  kpi_id TEXT NOT NULL,
  threshold_pct REAL NOT NULL,
  weight REAL NOT NULL,
  target REAL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant, goal_id, position),
  FOREIGN KEY (tenant, goal_id) REFERENCES goals (tenant, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX goal_kpi_links_by_kpi ON goal_kpi_links (tenant, kpi_id, goal_id);

CREATE TABLE kpis (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL,
  formula TEXT NOT NULL,
  is_shared INTEGER NOT NULL,
  owner_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (tenant, id)
);
CREATE INDEX kpis_by_name ON kpis (tenant, name COLLATE NOCASE);
CREATE INDEX kpis_by_category ON kpis (tenant, category);
CREATE INDEX kpis_by_owner ON kpis (tenant, owner_id);

CREATE TABLE kpi_readings (
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  kpi_id TEXT NOT NULL,
  period INTEGER NOT NULL,
  value REAL NOT NULL,
  adjusted_value REAL,
  reason TEXT NOT NULL,
  source_action_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (tenant, id),
  UNIQUE (tenant, kpi_id, period)
) WITHOUT ROWID;

CREATE TABLE activities (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  goal_id TEXT NOT NULL,
  type TEXT NOT NULL,
  text TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  metadata_json TEXT NOT NULL,
  attachments_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  UNIQUE (tenant, id)
);
CREATE INDEX activities_by_goal ON activities (tenant, goal_id, created_at);
CREATE INDEX activities_by_goal_type ON activities (tenant, goal_id, type, created_at);

CREATE TABLE feed (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_title TEXT NOT NULL,
  description TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  UNIQUE (tenant, id)
);
CREATE INDEX feed_by_time ON feed (tenant, timestamp);

CREATE TABLE audit (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  goal_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (tenant, id)
);
CREATE INDEX audit_by_goal ON audit (tenant, goal_id, at);

CREATE TABLE snapshots (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  goal_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  progress REAL NOT NULL,
  source TEXT NOT NULL
);
CREATE INDEX snapshots_by_goal ON snapshots (tenant, goal_id, at);

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  goal_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  activity_id TEXT,
  activity_type TEXT,
  text TEXT,
  title TEXT,
  url TEXT,
  kpi_id TEXT,
  reading_id TEXT,
  period TEXT,
  value REAL,
  adjusted_value REAL,
  created_at INTEGER,
  old_progress REAL,
  new_progress REAL,
  basis TEXT,
  old_status TEXT,
  new_status TEXT
);
CREATE INDEX events_by_tenant ON events (tenant, id);
CREATE INDEX events_by_goal ON events (tenant, goal_id, id);

CREATE TABLE metrics (
  tenant TEXT NOT NULL,
  name TEXT NOT NULL,
  date INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (tenant, name, date)
) WITHOUT ROWID;

CREATE TABLE job_locks (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Migration 2: operations — actions and issues with their connections and tags, and the
// tenants' issue types and statuses.
constexpr const char* migration_2 = R"sql(
CREATE TABLE actions (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  start_date INTEGER,
  due_date INTEGER,
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  assigned_person_id TEXT NOT NULL,
  assigned_person_name TEXT NOT NULL,
  progress REAL NOT NULL,
  completed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  version INTEGER NOT NULL,
  deleted_at INTEGER,
  UNIQUE (tenant, id)
);
CREATE INDEX actions_by_created ON actions (tenant, created_at) WHERE deleted_at IS NULL;
CREATE INDEX actions_by_assignee ON actions (tenant, assigned_person_id) WHERE deleted_at IS NULL;
CREATE INDEX actions_by_status ON actions (tenant, status) WHERE deleted_at IS NULL;
CREATE INDEX actions_by_priority ON actions (tenant, priority) WHERE deleted_at IS NULL;
CREATE INDEX actions_by_start ON actions (tenant, start_date) WHERE deleted_at IS NULL;
CREATE INDEX actions_by_due ON actions (tenant, due_date) WHERE deleted_at IS NULL;

-- kind: 'goal' | 'strategy' | 'issue'
CREATE TABLE action_links (
  tenant TEXT NOT NULL,
  action_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('goal', 'strategy', 'issue')),
  position INTEGER NOT NULL,
  target_id TEXT NOT NULL,
  PRIMARY KEY (tenant, action_id, kind, position),
  FOREIGN KEY (tenant, action_id) REFERENCES actions (tenant, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX action_links_by_target ON action_links (tenant, kind, target_id, action_id);

CREATE TABLE issues (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  type_config_id TEXT,
  status_config_id TEXT,
  impact TEXT NOT NULL,
  priority TEXT NOT NULL,
  reporter_id TEXT NOT NULL,
  reporter_name TEXT NOT NULL,
  assigned_person_id TEXT NOT NULL,
  assigned_person_name TEXT NOT NULL,
  due_date INTEGER,
  estimated_hours REAL,
  actual_hours REAL,
  display_order INTEGER NOT NULL,
  has_root_cause INTEGER NOT NULL,
  root_cause_method TEXT,
  root_cause_summary TEXT NOT NULL,
  root_cause_findings_json TEXT NOT NULL,
  resolution_notes TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  version INTEGER NOT NULL,
  deleted_at INTEGER,
  UNIQUE (tenant, id)
);
CREATE INDEX issues_by_created ON issues (tenant, created_at) WHERE deleted_at IS NULL;
CREATE INDEX issues_by_status ON issues (tenant, status_config_id) WHERE deleted_at IS NULL;
CREATE INDEX issues_by_type ON issues (tenant, type_config_id) WHERE deleted_at IS NULL;
CREATE INDEX issues_by_priority ON issues (tenant, priority) WHERE deleted_at IS NULL;
CREATE INDEX issues_by_impact ON issues (tenant, impact) WHERE deleted_at IS NULL;
CREATE INDEX issues_by_reporter ON issues (tenant, reporter_id) WHERE deleted_at IS NULL;
CREATE INDEX issues_by_assignee ON issues (tenant, assigned_person_id) WHERE deleted_at IS NULL;

-- kind: 'goal' | 'strategy'
CREATE TABLE issue_links (
  tenant TEXT NOT NULL,
  issue_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('goal', 'strategy')),
  position INTEGER NOT NULL,
  target_id TEXT NOT NULL,
  PRIMARY KEY (tenant, issue_id, kind, position),
  FOREIGN KEY (tenant, issue_id) REFERENCES issues (tenant, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX issue_links_by_target ON issue_links (tenant, kind, target_id, issue_id);

CREATE TABLE issue_tags (
  tenant TEXT NOT NULL,
  issue_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (tenant, issue_id, position),
  FOREIGN KEY (tenant, issue_id) REFERENCES issues (tenant, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX issue_tags_by_tag ON issue_tags (tenant, tag, issue_id);

CREATE TABLE issue_types (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  color TEXT NOT NULL,
  icon TEXT NOT NULL,
  ord INTEGER NOT NULL,
  is_active INTEGER NOT NULL,
  is_system INTEGER NOT NULL,
  is_default INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER,
  UNIQUE (tenant, id)
);
CREATE INDEX issue_types_by_order ON issue_types (tenant, ord, name);

CREATE TABLE issue_statuses (
  row_id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  color TEXT NOT NULL,
  icon TEXT NOT NULL,
  ord INTEGER NOT NULL,
  is_active INTEGER NOT NULL,
  is_system INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER,
  UNIQUE (tenant, id)
);
CREATE INDEX issue_statuses_by_order ON issue_statuses (tenant, category, ord, name);
)sql";

// Migration 3: search — trigram full-text indexes (case-insensitive substrings) over goal
// titles and intents, KPI names and descriptions, issue titles and descriptions, kept in
// sync by triggers and filled from the rows already there.
constexpr const char* migration_3 = R"sql(
CREATE VIRTUAL TABLE goals_fts USING fts5(
  title, intent, content='goals', content_rowid='row_id', tokenize='trigram');
CREATE TRIGGER goals_fts_insert AFTER INSERT ON goals BEGIN
  INSERT INTO goals_fts (rowid, title, intent) VALUES (new.row_id, new.title, new.intent);
END;
CREATE TRIGGER goals_fts_delete AFTER DELETE ON goals BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, intent)
    VALUES ('delete', old.row_id, old.title, old.intent);
END;
CREATE TRIGGER goals_fts_update AFTER UPDATE OF title, intent ON goals
  WHEN old.title IS NOT new.title OR old.intent IS NOT new.intent BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, intent)
    VALUES ('delete', old.row_id, old.title, old.intent);
  INSERT INTO goals_fts (rowid, title, intent) VALUES (new.row_id, new.title, new.intent);
END;
INSERT INTO goals_fts (goals_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE kpis_fts USING fts5(
  name, description, content='kpis', content_rowid='row_id', tokenize='trigram');
CREATE TRIGGER kpis_fts_insert AFTER INSERT ON kpis BEGIN
  INSERT INTO kpis_fts (rowid, name, description) VALUES (new.row_id, new.name, new.description);
END;
CREATE TRIGGER kpis_fts_delete AFTER DELETE ON kpis BEGIN
  INSERT INTO kpis_fts (kpis_fts, rowid, name, description)
    VALUES ('delete', old.row_id, old.name, old.description);
END;
CREATE TRIGGER kpis_fts_update AFTER UPDATE OF name, description ON kpis
  WHEN old.name IS NOT new.name OR old.description IS NOT new.description BEGIN
  INSERT INTO kpis_fts (kpis_fts, rowid, name, description)
    VALUES ('delete', old.row_id, old.name, old.description);
  INSERT INTO kpis_fts (rowid, name, description) VALUES (new.row_id, new.name, new.description);
END;
INSERT INTO kpis_fts (kpis_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE issues_fts USING fts5(
  title, description, content='issues', content_rowid='row_id', tokenize='trigram');
CREATE TRIGGER issues_fts_insert AFTER INSERT ON issues BEGIN
  INSERT INTO issues_fts (rowid, title, description) VALUES (new.row_id, new.title, new.description);
END;
CREATE TRIGGER issues_fts_delete AFTER DELETE ON issues BEGIN
  INSERT INTO issues_fts (issues_fts, rowid, title, description)
    VALUES ('delete', old.row_id, old.title, old.description);
END;
CREATE TRIGGER issues_fts_update AFTER UPDATE OF title, description ON issues
  WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
  INSERT INTO issues_fts (issues_fts, rowid, title, description)
    VALUES ('delete', old.row_id, old.title, old.description);
  INSERT INTO issues_fts (rowid, title, description)
    VALUES (new.row_id, new.title, new.description);
END;
INSERT INTO issues_fts (issues_fts) VALUES ('rebuild');
)sql";

// Migration 4: a goal's last forecast status, so that goal.health.changed is published once
// per change.
constexpr const char* migration_4 = R"sql(
ALTER TABLE goals ADD COLUMN health TEXT;
)sql";

// Migration 5: goal stats count the live goals by status and horizon and sum their progress
// from this index alone (and COUNT(*) of a tenant's goals reads its narrow entries).
constexpr const char* migration_5 = R"sql(
CREATE INDEX goals_tally ON goals (tenant, status, horizon, progress) WHERE deleted_at IS NULL;
)sql";

// Migration 6: the full-text indexes are brought up to date once per write transaction,
// just before it commits (sync_full_text), not by each row's trigger: FTS5 flushes a new
// index segment at every savepoint, and the group commit opens one savepoint per write
// use case. The triggers now note which rows changed, with the text the index holds for
// them (the first change in the transaction keeps it).
constexpr const char* migration_6 = R"sql(
CREATE TABLE fts_pending (
  tbl TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  indexed INTEGER NOT NULL,
  old_a TEXT,
  old_b TEXT,
  PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

DROP TRIGGER goals_fts_insert;
DROP TRIGGER goals_fts_delete;
DROP TRIGGER goals_fts_update;
CREATE TRIGGER goals_fts_insert AFTER INSERT ON goals BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('goals', new.row_id, 0, NULL, NULL);
END;
CREATE TRIGGER goals_fts_delete AFTER DELETE ON goals BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('goals', old.row_id, 1, old.title, old.intent);
END;
CREATE TRIGGER goals_fts_update AFTER UPDATE OF title, intent ON goals
  WHEN old.title IS NOT new.title OR old.intent IS NOT new.intent BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('goals', old.row_id, 1, old.title, old.intent);
END;

DROP TRIGGER kpis_fts_insert;
DROP TRIGGER kpis_fts_delete;
DROP TRIGGER kpis_fts_update;
CREATE TRIGGER kpis_fts_insert AFTER INSERT ON kpis BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('kpis', new.row_id, 0, NULL, NULL);
END;
CREATE TRIGGER kpis_fts_delete AFTER DELETE ON kpis BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('kpis', old.row_id, 1, old.name, old.description);
END;
CREATE TRIGGER kpis_fts_update AFTER UPDATE OF name, description ON kpis
  WHEN old.name IS NOT new.name OR old.description IS NOT new.description BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('kpis', old.row_id, 1, old.name, old.description);
END;

DROP TRIGGER issues_fts_insert;
DROP TRIGGER issues_fts_delete;
DROP TRIGGER issues_fts_update;
CREATE TRIGGER issues_fts_insert AFTER INSERT ON issues BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('issues', new.row_id, 0, NULL, NULL);
END;
CREATE TRIGGER issues_fts_delete AFTER DELETE ON issues BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('issues', old.row_id, 1, old.title, old.description);
END;
CREATE TRIGGER issues_fts_update AFTER UPDATE OF title, description ON issues
  WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
  INSERT OR IGNORE INTO fts_pending VALUES ('issues', old.row_id, 1, old.title, old.description);
END;
)sql";

// Migration 7: cheaper writes. The trigram indexes keep which rows hold a trigram, no
// longer where (detail=none) nor each row's token counts (columnsize=0, only ranking reads
// them and no search ranks): a search asks for rows holding each of the term's trigrams and
// LIKE decides, as before. This index was most of a goal insert's full-text work (FTS5
// wrote a position list per trigram). goals_by_status goes: goals_tally starts with the
// same (tenant, status) under the same condition and serves the status filter.
constexpr const char* migration_7 = R"sql(
DROP TABLE goals_fts;
CREATE VIRTUAL TABLE goals_fts USING fts5(title, intent, content='goals', content_rowid='row_id',
  tokenize='trigram', detail='none', columnsize=0);
INSERT INTO goals_fts (goals_fts) VALUES ('rebuild');
DROP TABLE kpis_fts;
CREATE VIRTUAL TABLE kpis_fts USING fts5(name, description, content='kpis',
  content_rowid='row_id', tokenize='trigram', detail='none', columnsize=0);
INSERT INTO kpis_fts (kpis_fts) VALUES ('rebuild');
DROP TABLE issues_fts;
CREATE VIRTUAL TABLE issues_fts USING fts5(title, description, content='issues',
  content_rowid='row_id', tokenize='trigram', detail='none', columnsize=0);
INSERT INTO issues_fts (issues_fts) VALUES ('rebuild');
DELETE FROM fts_pending;
DROP INDEX goals_by_status;
)sql";

// Migration 8: the issue list's order (display order, newest first, id) as an index, so a
// page reads its rows and stops instead of sorting every live issue of the tenant (50 000
// issues: 141 ms a page before, 0.1 ms after).
constexpr const char* migration_8 = R"sql(
CREATE INDEX issues_by_order ON issues (tenant, display_order, created_at DESC, id)
  WHERE deleted_at IS NULL;
)sql";

constexpr std::array<const char*, latest_schema_version> migrations{
    migration_1, migration_2, migration_3, migration_4, migration_5, migration_6,
    migration_7, migration_8};

int read_user_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

}  // namespace

Result<int> stored_schema_version(SQLite::Database& db) {
  return guarded([&]() -> Result<int> { return read_user_version(db); });
}

Status migrate(SQLite::Database& db, int up_to_version) {
  if (up_to_version < 0 || up_to_version > latest_schema_version) {
    return fail(ErrorCode::internal,
                fmt::format("no schema version {} in this build (1 to {})", up_to_version,
                            latest_schema_version));
  }
  return guarded([&]() -> Status {
    const int stored = read_user_version(db);
    if (stored > latest_schema_version) {
      return fail(ErrorCode::internal,
                  fmt::format("database schema version {} is newer than this build supports "
                              "({}); upgrade Traction",
                              stored, latest_schema_version));
    }
    for (int version = stored + 1; version <= up_to_version; ++version) {
      db.exec("BEGIN IMMEDIATE");
      try {
        // Another process may have applied it while this one waited for the lock.
        if (read_user_version(db) >= version) {
          db.exec("COMMIT");
          continue;
        }
        db.exec(migrations[static_cast<std::size_t>(version - 1)]);
        // The version is a constant of this file, not a value from outside.
        db.exec(fmt::format("PRAGMA user_version = {}", version));
        db.exec("COMMIT");
      } catch (const std::exception& e) {
        db.tryExec("ROLLBACK");
        return fail(database_error(fmt::format("schema migration {} failed", version), e));
      }
    }
    return {};
  });
}

}  // namespace traction::sqlite
