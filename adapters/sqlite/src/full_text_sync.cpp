#include "full_text_sync.hpp"

#include <array>

namespace traction::sqlite {
namespace {

// Each statement is fixed text: the table and column names are this file's constants.
constexpr std::array<const char*, 7> apply_pending{
    "INSERT INTO goals_fts (goals_fts, rowid, title, intent) "
    "SELECT 'delete', row_id, old_a, old_b FROM fts_pending WHERE tbl = 'goals' AND indexed = 1",
    "INSERT INTO goals_fts (rowid, title, intent) SELECT g.row_id, g.title, g.intent "
    "FROM fts_pending p JOIN goals g ON g.row_id = p.row_id WHERE p.tbl = 'goals'",
    "INSERT INTO kpis_fts (kpis_fts, rowid, name, description) "
    "SELECT 'delete', row_id, old_a, old_b FROM fts_pending WHERE tbl = 'kpis' AND indexed = 1",
    "INSERT INTO kpis_fts (rowid, name, description) SELECT k.row_id, k.name, k.description "
    "FROM fts_pending p JOIN kpis k ON k.row_id = p.row_id WHERE p.tbl = 'kpis'",
    "INSERT INTO issues_fts (issues_fts, rowid, title, description) "
    "SELECT 'delete', row_id, old_a, old_b FROM fts_pending WHERE tbl = 'issues' AND indexed = 1",
    "INSERT INTO issues_fts (rowid, title, description) SELECT i.row_id, i.title, i.description "
    "FROM fts_pending p JOIN issues i ON i.row_id = p.row_id WHERE p.tbl = 'issues'",
    "DELETE FROM fts_pending",
};

}  // namespace

void sync_full_text(Connection& connection) {
  {
    auto any = connection.statement("SELECT EXISTS (SELECT 1 FROM fts_pending)");
    if (!any->executeStep() || any->getColumn(0).getInt() == 0) return;
  }
  for (const char* sql : apply_pending) connection.statement(sql)->exec();
}

}  // namespace traction::sqlite
