// The contract suite against adapters/sqlite: every store is a fresh database file in the
// temporary directory, removed (with its -wal and -shm files) when the store goes away.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#include "store_factory.hpp"
#include "traction/sqlite/sqlite_store.hpp"

namespace traction::contract {
namespace {

std::filesystem::path unique_database_path() {
  static std::atomic<int> counter{0};
  const auto name = "traction-contract-" + std::to_string(::getpid()) + "-" +
                    std::to_string(counter.fetch_add(1)) + ".db";
  return std::filesystem::temp_directory_path() / name;
}

void remove_database(const std::filesystem::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path.string() + suffix, ignored);
  }
}

// A SqliteStore that deletes its file when destroyed.
class TemporarySqliteStore final : public ports::Store {
 public:
  TemporarySqliteStore(std::filesystem::path path, std::unique_ptr<sqlite::SqliteStore> store)
      : path_(std::move(path)), store_(std::move(store)) {}
  TemporarySqliteStore(const TemporarySqliteStore&) = delete;
  TemporarySqliteStore& operator=(const TemporarySqliteStore&) = delete;
  ~TemporarySqliteStore() override {
    store_.reset();
    remove_database(path_);
  }

  Status write(const ports::Work& work) override { return store_->write(work); }
  Status read(const ports::Work& work) override { return store_->read(work); }
  ports::JobLock& job_lock() override { return store_->job_lock(); }
  std::uint64_t data_stamp() noexcept override { return store_->data_stamp(); }

 private:
  std::filesystem::path path_;
  std::unique_ptr<sqlite::SqliteStore> store_;
};

}  // namespace

std::unique_ptr<ports::Store> make_store(ports::EventPublisher* publisher) {
  auto path = unique_database_path();
  remove_database(path);
  sqlite::SqliteOptions options;
  options.path = path.string();
  // The suite checks behaviour, not durability: skip the fsyncs to keep it fast.
  options.synchronous = sqlite::Synchronous::off;
  options.read_connections = 2;
  auto store = sqlite::SqliteStore::open(options, publisher);
  if (!store) throw std::runtime_error("cannot open the SQLite store: " + store.error().message);
  return std::make_unique<TemporarySqliteStore>(std::move(path), std::move(*store));
}

std::string_view store_name() { return "sqlite"; }

}  // namespace traction::contract
