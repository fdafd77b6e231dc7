#include "connection.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <utility>

#include "coalescing_vfs.hpp"

namespace traction::sqlite {

std::string_view synchronous_keyword(Synchronous s) noexcept {
  switch (s) {
    case Synchronous::off: return "OFF";
    case Synchronous::normal: return "NORMAL";
    case Synchronous::full: return "FULL";
    case Synchronous::extra: return "EXTRA";
  }
  return "FULL";
}

StatementLease::StatementLease(StatementLease&& other) noexcept
    : owned_(std::move(other.owned_)),
      statement_(std::exchange(other.statement_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)) {}

StatementLease::~StatementLease() {
  if (statement_ == nullptr) return;
  statement_->tryReset();
  try {
    statement_->clearBindings();
  } catch (...) {
    // Every use binds all of its parameters again; a stale binding is harmless.
  }
  if (in_use_ != nullptr) *in_use_ = false;
}

namespace {

// NOMUTEX: a connection is used by one thread at a time, handed between threads under the
// store's own locks (reader pool, group commit, data stamp), so SQLite's per-call mutex
// on the connection is never contended and is not taken.
int open_flags(bool create) {
  const int mode = create ? (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) : SQLite::OPEN_READWRITE;
  return mode | SQLite::OPEN_NOMUTEX;
}

// The WAL-gathering VFS where every commit syncs the WAL (coalescing_vfs.hpp says why only
// there), the same without gathering otherwise; both keep temporary files in memory.
// nullptr (SQLite's default VFS) if it could not be registered.
const char* vfs_for(Synchronous synchronous) {
  const bool commit_syncs = synchronous == Synchronous::full || synchronous == Synchronous::extra;
  return commit_syncs ? coalescing_vfs_name() : memory_temp_vfs_name();
}

int timeout_ms(std::chrono::milliseconds timeout) {
  if (timeout.count() < 0) return 0;
  if (timeout.count() > 24L * 3600 * 1000) return 24 * 3600 * 1000;
  return static_cast<int>(timeout.count());
}

}  // namespace

Connection::Connection(const std::string& path, bool create, const ConnectionSettings& settings)
    : db_(path.c_str(), open_flags(create), timeout_ms(settings.busy_timeout),
          vfs_for(settings.synchronous)) {
  // PRAGMAs take no bound values; each text below is a fixed keyword of this file.
  // synchronous first, so that switching a new file to WAL already follows it.
  db_.exec(std::string("PRAGMA synchronous=") +
           std::string(synchronous_keyword(settings.synchronous)));
  const std::string mode = db_.execAndGet("PRAGMA journal_mode=WAL").getString();
  if (mode != "wal") {
    throw std::runtime_error("the database cannot use WAL mode (journal_mode is " + mode + ")");
  }
  db_.exec("PRAGMA foreign_keys=ON");
  if (settings.read_only) db_.exec("PRAGMA query_only=ON");
  // 8 MiB of page cache per connection (SQLite's default is 2 MiB): a goal read touches
  // pages of five tables, and with the small cache most of them were re-read with pread.
  db_.exec("PRAGMA cache_size=-8192");
  // Savepoint journals in memory. The group commit opens one savepoint per write use case;
  // with temp_store=FILE and SQLite's default VFS their journal would spill to a file on
  // disk past 64 KiB (a pwrite for every page a use case first touched), and
  // temp_store=MEMORY keeps it in 1 KiB pieces allocated and freed per savepoint. Our VFS
  // hands out temporary files from one kept buffer (memory_file.hpp), so with it SQLite is
  // told FILE, and the journal reaches that buffer; MEMORY only if it was not registered.
  db_.exec(vfs_for(settings.synchronous) != nullptr ? "PRAGMA temp_store=FILE"
                                                    : "PRAGMA temp_store=MEMORY");
}

StatementLease Connection::statement(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    auto statement = std::make_unique<SQLite::Statement>(db_, std::string(sql));
    if (cache_.size() >= cache_capacity) return StatementLease(std::move(statement));
    it = cache_.emplace(std::string(sql), Entry{std::move(statement), false}).first;
  }
  auto& entry = it->second;
  if (entry.in_use) {
    return StatementLease(std::make_unique<SQLite::Statement>(db_, std::string(sql)));
  }
  entry.in_use = true;
  return StatementLease(*entry.statement, &entry.in_use);
}

void Connection::exec(const char* sql) {
  // Prepared once and kept: parsing BEGIN/COMMIT/SAVEPOINT anew cost a read ~8%.
  statement(sql)->exec();
}

bool Connection::in_transaction() const noexcept {
  return sqlite3_get_autocommit(db_.getHandle()) == 0;
}

}  // namespace traction::sqlite
