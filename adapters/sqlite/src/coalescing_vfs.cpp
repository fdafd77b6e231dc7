#include "coalescing_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <new>
#include <string>

#include "memory_file.hpp"

namespace traction::sqlite {
namespace {

constexpr const char* vfs_name = "traction-coalescing";
constexpr const char* memory_temp_name = "traction-memory-temp";
// At most this many bytes are gathered (30 frames of 4 KiB pages) before they are written:
// the default (unix) VFS writes at most 128 KiB in one call of its xWrite and reports a
// larger write as a full disk.
constexpr std::size_t gather_limit = 124 * 1024;

std::atomic<std::uint64_t> gathered_writes{0};

// What each of the two VFSes (same functions) is registered with.
struct VfsData {
  sqlite3_vfs* base = nullptr;  // SQLite's default VFS, which does the work
  bool gather_wal = false;      // false: only temporary files in memory
};

sqlite3_vfs* base_vfs(sqlite3_vfs* vfs) { return static_cast<VfsData*>(vfs->pAppData)->base; }
bool gathers_wal(sqlite3_vfs* vfs) { return static_cast<VfsData*>(vfs->pAppData)->gather_wal; }

// Every file opened through this VFS: SQLite's sqlite3_file header, then the default VFS's
// own file object, which does the work.
struct File {
  sqlite3_file base;
  sqlite3_file* real = nullptr;
  bool gather = false;      // a WAL whose appended bytes are gathered
  File* wal = nullptr;      // on a main database file: its connection's WAL, when gathered
  File* database = nullptr; // on a gathered WAL: its connection's main database file
  std::string gathered;     // bytes SQLite wrote at gathered_at and on, not yet in the file
  sqlite3_int64 gathered_at = 0;
};

constexpr std::size_t real_offset = (sizeof(File) + alignof(std::max_align_t) - 1) /
                                    alignof(std::max_align_t) * alignof(std::max_align_t);

File& file_of(sqlite3_file* f) { return *reinterpret_cast<File*>(f); }
const sqlite3_io_methods& real_methods(File& f) { return *f.real->pMethods; }

int flush(File& f) {
  if (f.gathered.empty()) return SQLITE_OK;
  const int rc = real_methods(f).xWrite(f.real, f.gathered.data(),
                                         static_cast<int>(f.gathered.size()), f.gathered_at);
  f.gathered.clear();
  gathered_writes.fetch_add(1, std::memory_order_relaxed);
  return rc;
}

// --- sqlite3_io_methods --------------------------------------------------------------------

int x_close(sqlite3_file* file) {
  auto& f = file_of(file);
  const int flushed = flush(f);
  if (f.database != nullptr) f.database->wal = nullptr;
  if (f.wal != nullptr) f.wal->database = nullptr;
  const int rc = real_methods(f).xClose(f.real);
  f.~File();
  return flushed != SQLITE_OK ? flushed : rc;
}

int x_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  auto& f = file_of(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xRead(f.real, out, amount, offset);
}

int x_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto& f = file_of(file);
  if (!f.gather) return real_methods(f).xWrite(f.real, data, amount, offset);
  const auto size = static_cast<std::size_t>(amount);
  const bool follows = !f.gathered.empty() &&
                       offset == f.gathered_at + static_cast<sqlite3_int64>(f.gathered.size());
  if (!follows || f.gathered.size() + size > gather_limit) {
    // Out of order (a frame rewritten, the log restarted) or too much: what is gathered
    // goes first, so the file sees every write in SQLite's order.
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    if (size > gather_limit) return real_methods(f).xWrite(f.real, data, amount, offset);
    f.gathered_at = offset;
  }
  try {
    f.gathered.append(static_cast<const char*>(data), size);
  } catch (const std::bad_alloc&) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_methods(f).xWrite(f.real, data, amount, offset);
  }
  return SQLITE_OK;
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto& f = file_of(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xTruncate(f.real, size);
}

int x_sync(sqlite3_file* file, int flags) {
  auto& f = file_of(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xSync(f.real, flags);
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
  auto& f = file_of(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xFileSize(f.real, size);
}

int x_lock(sqlite3_file* file, int level) {
  auto& f = file_of(file);
  return real_methods(f).xLock(f.real, level);
}

int x_unlock(sqlite3_file* file, int level) {
  auto& f = file_of(file);
  return real_methods(f).xUnlock(f.real, level);
}

int x_check_reserved_lock(sqlite3_file* file, int* out) {
  auto& f = file_of(file);
  return real_methods(f).xCheckReservedLock(f.real, out);
}

int x_file_control(sqlite3_file* file, int op, void* arg) {
  auto& f = file_of(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xFileControl(f.real, op, arg);
}

int x_sector_size(sqlite3_file* file) {
  auto& f = file_of(file);
  return real_methods(f).xSectorSize(f.real);
}

int x_device_characteristics(sqlite3_file* file) {
  auto& f = file_of(file);
  return real_methods(f).xDeviceCharacteristics(f.real);
}

int x_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  auto& f = file_of(file);
  return real_methods(f).xShmMap(f.real, region, size, extend, out);
}

int x_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  auto& f = file_of(file);
  // Before a lock is let go — the write lock among them, which another connection may take
  // next and write its frames at the offsets of a rolled-back transaction's gathered ones —
  // nothing of this connection's log stays gathered. (A flush clears what was gathered even
  // when it fails, so nothing stale is written later.)
  const int flushed = (flags & SQLITE_SHM_UNLOCK) != 0 && f.wal != nullptr ? flush(*f.wal) : SQLITE_OK;
  const int rc = real_methods(f).xShmLock(f.real, offset, n, flags);
  return rc != SQLITE_OK ? rc : flushed;
}

void x_shm_barrier(sqlite3_file* file) {
  auto& f = file_of(file);
  // SQLite publishes a commit in the wal-index around this barrier. The commit's sync has
  // written its frames already; this is a second guard that nothing gathered stays behind
  // the published header (an error here would surface at the next WAL operation).
  if (f.wal != nullptr) (void)flush(*f.wal);
  real_methods(f).xShmBarrier(f.real);
}

int x_shm_unmap(sqlite3_file* file, int delete_flag) {
  auto& f = file_of(file);
  return real_methods(f).xShmUnmap(f.real, delete_flag);
}

int x_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  auto& f = file_of(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xFetch(f.real, offset, amount, out);
}

int x_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  auto& f = file_of(file);
  return real_methods(f).xUnfetch(f.real, offset, page);
}

const sqlite3_io_methods io_methods{
    3,           x_close,         x_read,         x_write,
    x_truncate,  x_sync,          x_file_size,    x_lock,
    x_unlock,    x_check_reserved_lock,           x_file_control,
    x_sector_size,                x_device_characteristics,
    x_shm_map,   x_shm_lock,      x_shm_barrier,  x_shm_unmap,
    x_fetch,     x_unfetch,
};

// --- sqlite3_vfs ---------------------------------------------------------------------------

int x_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  if (kept_in_memory(flags)) {
    open_memory_file(file);
    if (out_flags != nullptr) *out_flags = flags;
    return SQLITE_OK;
  }
  auto* f = new (file) File{};
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + real_offset);
  f->real->pMethods = nullptr;
  sqlite3_vfs* base = base_vfs(vfs);
  const int rc = base->xOpen(base, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (f->real->pMethods != nullptr) f->real->pMethods->xClose(f->real);
    f->~File();
    file->pMethods = nullptr;
    return rc;
  }
  if (f->real->pMethods->iVersion < 3) {
    // Not a file this VFS knows how to forward everything of; none of SQLite's own.
    f->real->pMethods->xClose(f->real);
    f->~File();
    file->pMethods = nullptr;
    return SQLITE_CANTOPEN;
  }
  const bool wal = (flags & SQLITE_OPEN_WAL) != 0;
  const int device = f->real->pMethods->xDeviceCharacteristics(f->real);
  if (wal && gathers_wal(vfs) && name != nullptr &&
      (device & SQLITE_IOCAP_POWERSAFE_OVERWRITE) != 0) {
    sqlite3_file* database = sqlite3_database_file_object(name);
    if (database != nullptr && database->pMethods == &io_methods) {
      f->gather = true;
      f->database = &file_of(database);
      f->database->wal = f;
    }
  }
  file->pMethods = &io_methods;
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  auto* base = base_vfs(vfs);
  return base->xDelete(base, name, sync_dir);
}
int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  auto* base = base_vfs(vfs);
  return base->xAccess(base, name, flags, out);
}
int x_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  auto* base = base_vfs(vfs);
  return base->xFullPathname(base, name, size, out);
}
void* x_dl_open(sqlite3_vfs* vfs, const char* name) {
  auto* base = base_vfs(vfs);
  return base->xDlOpen(base, name);
}
void x_dl_error(sqlite3_vfs* vfs, int size, char* out) {
  auto* base = base_vfs(vfs);
  base->xDlError(base, size, out);
}
void (*x_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  auto* base = base_vfs(vfs);
  return base->xDlSym(base, handle, symbol);
}
void x_dl_close(sqlite3_vfs* vfs, void* handle) {
  auto* base = base_vfs(vfs);
  base->xDlClose(base, handle);
}
int x_randomness(sqlite3_vfs* vfs, int size, char* out) {
  auto* base = base_vfs(vfs);
  return base->xRandomness(base, size, out);
}
int x_sleep(sqlite3_vfs* vfs, int microseconds) {
  auto* base = base_vfs(vfs);
  return base->xSleep(base, microseconds);
}
int x_current_time(sqlite3_vfs* vfs, double* out) {
  auto* base = base_vfs(vfs);
  return base->xCurrentTime(base, out);
}
int x_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
  auto* base = base_vfs(vfs);
  return base->xGetLastError(base, size, out);
}
int x_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  auto* base = base_vfs(vfs);
  return base->xCurrentTimeInt64(base, out);
}
int x_set_system_call(sqlite3_vfs* vfs, const char* name, sqlite3_syscall_ptr call) {
  auto* base = base_vfs(vfs);
  return base->xSetSystemCall(base, name, call);
}
sqlite3_syscall_ptr x_get_system_call(sqlite3_vfs* vfs, const char* name) {
  auto* base = base_vfs(vfs);
  return base->xGetSystemCall(base, name);
}
const char* x_next_system_call(sqlite3_vfs* vfs, const char* name) {
  auto* base = base_vfs(vfs);
  return base->xNextSystemCall(base, name);
}

// Registers `vfs` under `name` over SQLite's default VFS; false when it cannot.
bool register_vfs(sqlite3_vfs& vfs, VfsData& data, const char* name, bool gather_wal) noexcept {
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  if (base == nullptr || base->iVersion < 3) return false;
  data.base = base;
  data.gather_wal = gather_wal;
  vfs.iVersion = 3;
  vfs.szOsFile = static_cast<int>(
      std::max(real_offset + static_cast<std::size_t>(base->szOsFile), memory_file_size()));
  vfs.mxPathname = base->mxPathname;
  vfs.zName = name;
  vfs.pAppData = &data;
  vfs.xOpen = x_open;
  vfs.xDelete = x_delete;
  vfs.xAccess = x_access;
  vfs.xFullPathname = x_full_pathname;
  vfs.xDlOpen = x_dl_open;
  vfs.xDlError = x_dl_error;
  vfs.xDlSym = x_dl_sym;
  vfs.xDlClose = x_dl_close;
  vfs.xRandomness = x_randomness;
  vfs.xSleep = x_sleep;
  vfs.xCurrentTime = x_current_time;
  vfs.xGetLastError = x_get_last_error;
  vfs.xCurrentTimeInt64 = x_current_time_int64;
  vfs.xSetSystemCall = x_set_system_call;
  vfs.xGetSystemCall = x_get_system_call;
  vfs.xNextSystemCall = x_next_system_call;
  return sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
}

}  // namespace

const char* coalescing_vfs_name() noexcept {
  static sqlite3_vfs vfs{};
  static VfsData data;
  static const bool registered = register_vfs(vfs, data, vfs_name, true);
  return registered ? vfs_name : nullptr;
}

const char* memory_temp_vfs_name() noexcept {
  static sqlite3_vfs vfs{};
  static VfsData data;
  static const bool registered = register_vfs(vfs, data, memory_temp_name, false);
  return registered ? memory_temp_name : nullptr;
}

std::uint64_t coalescing_vfs_writes() noexcept {
  return gathered_writes.load(std::memory_order_relaxed);
}

}  // namespace traction::sqlite
