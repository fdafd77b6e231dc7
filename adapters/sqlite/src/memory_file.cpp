#include "memory_file.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace traction::sqlite {
namespace {

// A buffer kept after a truncation to zero up to this size; a bigger one (a temporary
// database that grew with a query) goes back to the allocator.
constexpr std::size_t kept_capacity = 4 * 1024 * 1024;

std::atomic<std::uint64_t> opened{0};

struct MemoryFile {
  sqlite3_file base;
  std::string bytes;
};

MemoryFile& memory_of(sqlite3_file* f) { return *reinterpret_cast<MemoryFile*>(f); }

int m_close(sqlite3_file* file) {
  memory_of(file).~MemoryFile();
  return SQLITE_OK;
}

int m_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  const auto& bytes = memory_of(file).bytes;
  const auto want = static_cast<std::size_t>(amount);
  const auto from = static_cast<std::size_t>(offset);
  const std::size_t have = from < bytes.size() ? std::min(want, bytes.size() - from) : 0;
  if (have > 0) std::memcpy(out, bytes.data() + from, have);
  if (have == want) return SQLITE_OK;
  // SQLite's contract for a read past the end: the missing bytes are zero.
  std::memset(static_cast<char*>(out) + have, 0, want - have);
  return SQLITE_IOERR_SHORT_READ;
}

int m_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto& bytes = memory_of(file).bytes;
  const auto from = static_cast<std::size_t>(offset);
  const auto size = static_cast<std::size_t>(amount);
  try {
    if (from + size > bytes.size()) bytes.resize(from + size);
  } catch (const std::bad_alloc&) {
    return SQLITE_IOERR_NOMEM;
  } catch (const std::length_error&) {
    return SQLITE_FULL;
  }
  std::memcpy(bytes.data() + from, data, size);
  return SQLITE_OK;
}

int m_truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto& bytes = memory_of(file).bytes;
  const auto to = static_cast<std::size_t>(size);
  if (to >= bytes.size()) return SQLITE_OK;
  if (to == 0 && bytes.capacity() > kept_capacity) {
    std::string().swap(bytes);
  } else {
    bytes.resize(to);
  }
  return SQLITE_OK;
}

int m_sync(sqlite3_file*, int) { return SQLITE_OK; }

int m_file_size(sqlite3_file* file, sqlite3_int64* size) {
  *size = static_cast<sqlite3_int64>(memory_of(file).bytes.size());
  return SQLITE_OK;
}

// One connection owns each of these files: there is nobody to lock against.
int m_lock(sqlite3_file*, int) { return SQLITE_OK; }
int m_unlock(sqlite3_file*, int) { return SQLITE_OK; }
int m_check_reserved_lock(sqlite3_file*, int* out) {
  *out = 0;
  return SQLITE_OK;
}
int m_file_control(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int m_sector_size(sqlite3_file*) { return 0; }
int m_device_characteristics(sqlite3_file*) { return 0; }

const sqlite3_io_methods memory_methods{
    1,       m_close,     m_read,   m_write, m_truncate, m_sync, m_file_size, m_lock,
    m_unlock, m_check_reserved_lock, m_file_control, m_sector_size, m_device_characteristics,
    nullptr, nullptr,     nullptr,  nullptr, nullptr,    nullptr,
};

}  // namespace

bool kept_in_memory(int open_flags) noexcept {
  return (open_flags & (SQLITE_OPEN_SUBJOURNAL | SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TRANSIENT_DB |
                        SQLITE_OPEN_TEMP_JOURNAL)) != 0;
}

std::size_t memory_file_size() noexcept { return sizeof(MemoryFile); }

void open_memory_file(sqlite3_file* file) noexcept {
  auto* f = new (file) MemoryFile{};
  f->base.pMethods = &memory_methods;
  opened.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t memory_files_opened() noexcept { return opened.load(std::memory_order_relaxed); }

}  // namespace traction::sqlite
