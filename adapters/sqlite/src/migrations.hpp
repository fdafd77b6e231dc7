#pragma once
// The schema, as migrations kept in code and applied in order. PRAGMA user_version holds
// the number of the last one applied. Internal to the adapter (tests build old databases
// with it); not installed.

#include <SQLiteCpp/Database.h>

#include "traction/error.hpp"

namespace traction::sqlite {

// The number of the last migration of this build.
inline constexpr int latest_schema_version = 8;

// The database's PRAGMA user_version.
[[nodiscard]] Result<int> stored_schema_version(SQLite::Database& db);

// Applies the migrations after the database's version up to `up_to_version`, each in its
// own IMMEDIATE transaction (a second process opening the same file at the same time waits
// and then finds the work done). Fails with a clear message when the database is newer
// than this build. Never throws.
[[nodiscard]] Status migrate(SQLite::Database& db, int up_to_version = latest_schema_version);

}  // namespace traction::sqlite
