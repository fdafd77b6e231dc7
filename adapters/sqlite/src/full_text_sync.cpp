#include "full_text_sync.hpp"

#include <array>

namespace traction::sqlite {
namespace {

// One full-text index and how fts_pending's rows of its table are applied to it. Each
// statement is fixed text: the table and column names are this file's constants.
struct FullTextIndex {
  // The table's pending rows: NULL when none, 1 when one of them is already indexed (an
  // update or a delete: its old text comes out first), 0 when all are new rows.
  const char* pending;
  const char* remove_old;
  const char* add_current;
};

constexpr std::array<FullTextIndex, 3> indexes{{
    {"SELECT max(indexed) FROM fts_pending WHERE tbl = 'goals'",
     "INSERT INTO goals_fts (goals_fts, rowid, title, intent) "
     "SELECT 'delete', row_id, old_a, old_b FROM fts_pending WHERE tbl = 'goals' AND indexed = 1",
     "INSERT INTO goals_fts (rowid, title, intent) SELECT g.row_id, g.title, g.intent "
     "FROM fts_pending p JOIN goals g ON g.row_id = p.row_id WHERE p.tbl = 'goals'"},
    {"SELECT max(indexed) FROM fts_pending WHERE tbl = 'kpis'",
     "INSERT INTO kpis_fts (kpis_fts, rowid, name, description) "
     "SELECT 'delete', row_id, old_a, old_b FROM fts_pending WHERE tbl = 'kpis' AND indexed = 1",
     "INSERT INTO kpis_fts (rowid, name, description) SELECT k.row_id, k.name, k.description "
     "FROM fts_pending p JOIN kpis k ON k.row_id = p.row_id WHERE p.tbl = 'kpis'"},
    {"SELECT max(indexed) FROM fts_pending WHERE tbl = 'issues'",
     "INSERT INTO issues_fts (issues_fts, rowid, title, description) "
     "SELECT 'delete', row_id, old_a, old_b FROM fts_pending WHERE tbl = 'issues' AND indexed = 1",
     "INSERT INTO issues_fts (rowid, title, description) SELECT i.row_id, i.title, i.description "
     "FROM fts_pending p JOIN issues i ON i.row_id = p.row_id WHERE p.tbl = 'issues'"},
}};

}  // namespace

// Only the statements with rows to apply run: a statement on an FTS5 table enrols it in the
// transaction, and every later statement then pays for its savepoints.
void sync_full_text(Connection& connection) {
  bool any = false;
  for (const auto& index : indexes) {
    bool has_old = false;
    {
      auto pending = connection.statement(index.pending);
      if (!pending->executeStep() || pending->getColumn(0).isNull()) continue;
      has_old = pending->getColumn(0).getInt() == 1;
    }
    any = true;
    if (has_old) connection.statement(index.remove_old)->exec();
    connection.statement(index.add_current)->exec();
  }
  if (any) connection.statement("DELETE FROM fts_pending")->exec();
}

}  // namespace traction::sqlite
