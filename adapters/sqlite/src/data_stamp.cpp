#include "data_stamp.hpp"

#include <cstring>
#include <filesystem>
#include <string_view>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define TRACTION_STAMP_MAP 1
#endif

#if defined(__linux__)
#include <sys/inotify.h>

#include <cerrno>
#include <climits>
#endif

namespace traction::sqlite {
namespace {

// The path SQLite uses for the database: it follows a symbolic link to the database and
// keeps -wal, -shm and -journal beside the file it points to.
std::filesystem::path resolved(const std::string& database) {
  std::error_code ec;
  auto path = std::filesystem::weakly_canonical(database, ec);
  if (ec) path = std::filesystem::absolute(database);
  return path;
}

#if defined(TRACTION_STAMP_MAP)
constexpr std::size_t shm_page = 4096;
constexpr std::uint32_t wal_index_version = 3007000;  // iVersion of every wal-index since 3.7.0

// The first page of the database's initialised wal-index, mapped read-only, or null.
const void* map_wal_index(const std::string& database) noexcept {
  try {
    const auto shm = resolved(database).string() + "-shm";
    const int fd = ::open(shm.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    void* page = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(shm_page)) {
      page = ::mmap(nullptr, shm_page, PROT_READ, MAP_SHARED, fd, 0);
    }
    ::close(fd);
    if (page == MAP_FAILED) return nullptr;
    // iVersion (bytes 0-3, native order) and isInit (byte 12) of the first header copy.
    std::uint32_t version = 0;
    std::memcpy(&version, page, sizeof version);
    const bool initialised = static_cast<const unsigned char*>(page)[12] == 1;
    if (version != wal_index_version || !initialised) {
      ::munmap(page, shm_page);
      return nullptr;
    }
    return page;
  } catch (...) {
    return nullptr;
  }
}
#endif

#if defined(__linux__)
// Content changes, and files replaced or removed under the database's name.
constexpr std::uint32_t watched_events =
    IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO;

// An inotify watch on the directory of `database`, or -1.
int open_watch(const std::string& database, std::string& file_name) noexcept {
  try {
    const auto path = resolved(database);
    file_name = path.filename().string();
    const auto directory = path.parent_path().string();
    if (file_name.empty() || directory.empty()) return -1;
    const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) return -1;
    if (inotify_add_watch(fd, directory.c_str(), watched_events | IN_ONLYDIR) < 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  } catch (...) {
    return -1;
  }
}

// The database itself, or one of SQLite's companions of it that commits write.
bool concerns(std::string_view name, std::string_view database) noexcept {
  if (!name.starts_with(database)) return false;
  const auto suffix = name.substr(database.size());
  return suffix.empty() || suffix == "-wal" || suffix == "-journal";
}
#endif

}  // namespace

DataStamp::DataStamp(const std::string& database, ConnectionFactory open_connection,
                     Mode mode) noexcept
    : open_connection_(std::move(open_connection)) {
#if defined(TRACTION_STAMP_MAP)
  if (mode == Mode::map) shm_ = map_wal_index(database);
  if (shm_ != nullptr) header_moved();  // the header as it is now
#endif
#if defined(__linux__)
  if (shm_ == nullptr && mode != Mode::poll) watch_fd_ = open_watch(database, file_name_);
#endif
  (void)database;
  (void)mode;
}

DataStamp::~DataStamp() {
#if defined(TRACTION_STAMP_MAP)
  if (shm_ != nullptr) ::munmap(const_cast<void*>(shm_), shm_page);
#endif
#if defined(__linux__)
  if (watch_fd_ >= 0) ::close(watch_fd_);
#endif
}

DataStamp::Mode DataStamp::mode() const noexcept {
  const std::lock_guard lock(mutex_);
  if (shm_ != nullptr) return Mode::map;
  return watch_fd_ >= 0 ? Mode::watch : Mode::poll;
}

std::uint64_t DataStamp::current() noexcept {
  const std::lock_guard lock(mutex_);
  bool changed = false;
  if (shm_ != nullptr) {
    changed = header_moved();
  } else {
    changed = watch_fd_ >= 0 ? drain_watch() : poll_version();
  }
  if (changed) ++stamp_;
  return stamp_;
}

// Atomic loads of aligned words: the compiler reads the shared page at every look, and a
// word is never seen half-written (the header as a whole may be: see the file comment).
bool DataStamp::header_moved() noexcept {
  const auto* words = static_cast<const std::uint64_t*>(shm_);
  bool moved = false;
  for (std::size_t i = 0; i < header_words; ++i) {
    const auto word = __atomic_load_n(words + i, __ATOMIC_ACQUIRE);
    if (word != header_[i]) {
      header_[i] = word;
      moved = true;
    }
  }
  return moved;
}

bool DataStamp::drain_watch() noexcept {
#if defined(__linux__)
  alignas(inotify_event) char buffer[16 * (sizeof(inotify_event) + NAME_MAX + 1)];
  bool changed = false;
  while (true) {
    const auto got = ::read(watch_fd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      // EAGAIN: nothing more queued. Anything else: the watch is unusable; from now on
      // ask SQLite, and count this look as a change.
      if (got < 0 && errno == EAGAIN) return changed;
      ::close(watch_fd_);
      watch_fd_ = -1;
      return true;
    }
    for (std::size_t at = 0; at + sizeof(inotify_event) <= static_cast<std::size_t>(got);) {
      inotify_event event;
      std::memcpy(&event, buffer + at, sizeof event);
      const std::string_view name =
          event.len > 0 ? std::string_view{buffer + at + sizeof(inotify_event)} : std::string_view{};
      if ((event.mask & (IN_Q_OVERFLOW | IN_IGNORED)) != 0 || concerns(name, file_name_)) changed = true;
      if ((event.mask & IN_IGNORED) != 0) {
        ::close(watch_fd_);  // the directory went away: nothing more will be queued
        watch_fd_ = -1;
        return true;
      }
      at += sizeof(inotify_event) + event.len;
    }
  }
#else
  return true;
#endif
}

// data_version is per connection and says only "changed or not"; the stamp counts the
// changes seen, so it never repeats.
bool DataStamp::poll_version() noexcept {
  try {
    if (!connection_) connection_ = open_connection_();
    auto st = connection_->statement("PRAGMA data_version");
    if (!st->executeStep()) return true;
    const auto version = static_cast<std::uint64_t>(st->getColumn(0).getInt64());
    if (version == last_version_) return false;
    last_version_ = version;
    return true;
  } catch (...) {
    last_version_ = 0;  // the next successful look counts as a change too
    return true;
  }
}

}  // namespace traction::sqlite
