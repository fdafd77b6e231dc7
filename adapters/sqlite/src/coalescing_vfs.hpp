#pragma once
// A VFS over SQLite's default one that writes a write-ahead log's frames in one system call
// per 124 KiB instead of two per frame.
//
// SQLite appends each WAL frame with two writes (its 24-byte header, then the page): ~120
// `pwrite` calls for a group commit of 60 pages, each a full system call. Through this VFS
// the WAL's appended bytes gather in memory and reach the file in one write when SQLite
// next does anything else with the WAL (sync, read, size, truncate, close), writes it out
// of order, or lets go of a wal-index lock (so that a rolled-back transaction's frames never
// land after another writer's). It is used only where every commit syncs the WAL after its
// last frame (synchronous FULL or EXTRA, and a file whose device overwrites safely, so that
// SQLite pads nothing after the sync): the commit's sync writes the frames first, so they
// are in the file before the commit is published to other connections, and a write SQLite
// was told succeeded is on disk as before. Every other file, and every other operation, goes
// straight to the default VFS — except SQLite's temporary files (savepoint journals above
// all), which it keeps in memory (memory_file.hpp).

#include <cstdint>

namespace traction::sqlite {

// The name to open a connection with, registered on first use (not as the default VFS);
// nullptr when it cannot be registered, and then the default VFS is used.
[[nodiscard]] const char* coalescing_vfs_name() noexcept;

// The same VFS without the gathering — only SQLite's temporary files in memory — for
// connections whose commits do not sync the log (NORMAL, OFF). Registered like the above.
[[nodiscard]] const char* memory_temp_vfs_name() noexcept;

// How many writes of gathered bytes this process made through the VFS so far.
[[nodiscard]] std::uint64_t coalescing_vfs_writes() noexcept;

}  // namespace traction::sqlite
