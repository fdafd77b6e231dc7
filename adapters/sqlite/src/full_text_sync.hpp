#pragma once
// The full-text indexes (goals_fts, kpis_fts, issues_fts) follow their tables once per
// write transaction: the row triggers note the changed rows in fts_pending (schema v6), and
// sync_full_text() applies them just before COMMIT. Inside a write transaction a search
// therefore does not yet see that transaction's own changes; every reader sees them.

#include "connection.hpp"

namespace traction::sqlite {

// Applies and clears fts_pending. Throws SQLite::Exception when SQLite fails.
void sync_full_text(Connection& connection);

}  // namespace traction::sqlite
