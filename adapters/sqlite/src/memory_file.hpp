#pragma once
// A temporary file of SQLite's held in one growable buffer of this process, for the VFS to
// hand out instead of a file on disk: savepoint journals above all (and every other one).
//
// Why: every write use case of a group commit runs in a savepoint, and before SQLite first
// changes a page inside a savepoint it copies the page to the savepoint journal. SQLite's
// own in-memory journal (temp_store=MEMORY) keeps that copy in 1 KiB pieces, each from
// malloc, and frees them all when the savepoint is released: ~80 allocations and frees per
// goal created, a quarter of the write's instructions under callgrind. With temp_store=FILE
// SQLite keeps the first 64 KiB of a transaction's journal in memory and then opens the
// journal as a file through the VFS; this one keeps its buffer (and its capacity) until the
// transaction ends, so a savepoint's copies cost a memcpy each.

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>

namespace traction::sqlite {

// Whether a file opened with these xOpen flags is one this VFS keeps in memory: every
// temporary file of SQLite's — a savepoint journal, a temporary or transient database, a
// temporary journal (the sorter's spill files among them) — as temp_store=MEMORY would.
[[nodiscard]] bool kept_in_memory(int open_flags) noexcept;

// The bytes an sqlite3_file needs for a memory file (placed at its start).
[[nodiscard]] std::size_t memory_file_size() noexcept;

// Makes `file` an empty memory file. Never fails.
void open_memory_file(sqlite3_file* file) noexcept;

// How many memory files this process opened so far (tests).
[[nodiscard]] std::uint64_t memory_files_opened() noexcept;

}  // namespace traction::sqlite
