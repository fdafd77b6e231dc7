#include "traction/sqlite/sqlite_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <exception>
#include <utility>
#include <vector>

#include "connection.hpp"
#include "data_stamp.hpp"
#include "group_commit_writer.hpp"
#include "migrations.hpp"
#include "reader_pool.hpp"
#include "sqlite_error.hpp"
#include "sqlite_job_lock.hpp"

namespace traction::sqlite {

int schema_version() noexcept { return latest_schema_version; }

struct SqliteStore::Impl {
  SqliteOptions options;
  std::unique_ptr<GroupCommitWriter> writer;
  std::unique_ptr<ReaderPool> readers;
  std::unique_ptr<SqliteJobLock> job_lock;
  std::unique_ptr<DataStamp> stamp;
};

namespace {

Error open_error(const std::string& path, const Error& cause) {
  return Error{cause.code, fmt::format("cannot open database '{}': {}", path, cause.message), {}};
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteOptions& options,
                                                       ports::EventPublisher* publisher) {
  if (options.path.empty() || options.path == ":memory:" || options.path.starts_with("file:")) {
    return fail(ErrorCode::internal,
                "the SQLite store needs a database file path (not empty, not :memory:, no URI)",
                "path");
  }
  try {
    ConnectionSettings settings;
    settings.synchronous = options.synchronous;
    settings.busy_timeout = options.busy_timeout;

    auto writer_connection = std::make_unique<Connection>(options.path, true, settings);
    if (auto migrated = migrate(writer_connection->db()); !migrated) {
      return fail(open_error(options.path, migrated.error()));
    }

    settings.read_only = true;
    const int reader_count = options.read_connections < 1 ? 1 : options.read_connections;
    std::vector<std::unique_ptr<Connection>> readers;
    readers.reserve(static_cast<std::size_t>(reader_count));
    for (int i = 0; i < reader_count; ++i) {
      readers.push_back(std::make_unique<Connection>(options.path, false, settings));
    }

    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->writer = std::make_unique<GroupCommitWriter>(std::move(writer_connection), publisher,
                                                       options.max_batch);
    impl->readers = std::make_unique<ReaderPool>(std::move(readers));
    impl->job_lock = std::make_unique<SqliteJobLock>(*impl->writer);
    impl->stamp = std::make_unique<DataStamp>(options.path, [path = options.path, settings] {
      return std::make_unique<Connection>(path, false, settings);
    });
    return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(impl)));
  } catch (...) {
    return fail(open_error(options.path, current_exception_error()));
  }
}

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}

SqliteStore::~SqliteStore() {
  if (!impl_) return;
  // The lock and the readers go before the writer they use and share the file with.
  impl_->job_lock.reset();
  impl_->stamp.reset();
  impl_->readers.reset();
  impl_->writer.reset();
}

void tune_sqlite_process() noexcept { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

Status SqliteStore::write(const ports::Work& work) {
  if (!work) return fail(ErrorCode::internal, "write() needs work to run");
  try {
    const GroupCommitWriter::WriteFn fn = [&work](SqliteTransaction& tx) { return work(tx); };
    return impl_->writer->submit(fn);
  } catch (...) {
    return std::unexpected(current_exception_error());
  }
}

Status SqliteStore::read(const ports::Work& work) {
  if (!work) return fail(ErrorCode::internal, "read() needs work to run");
  if (impl_->writer->running_on_this_thread()) {
    return fail(ErrorCode::internal, "read() inside write() is not supported");
  }
  try {
    const ReaderPool::ReadFn fn = [&work](SqliteTransaction& tx) { return work(tx); };
    // Inside a batch of write_batch(): through the batch's connection, seeing its writes.
    if (impl_->writer->open_on_this_thread()) return impl_->writer->read_in_open_batch(fn);
    return impl_->readers->run(fn);
  } catch (...) {
    return std::unexpected(current_exception_error());
  }
}

Status SqliteStore::write_batch(std::size_t count, const std::function<void(std::size_t)>& unit) {
  if (!unit) return fail(ErrorCode::internal, "write_batch() needs units to run");
  return impl_->writer->run_open_batch(count, unit);
}

ports::JobLock& SqliteStore::job_lock() { return *impl_->job_lock; }

std::uint64_t SqliteStore::data_stamp() noexcept { return impl_->stamp->current(); }

const SqliteOptions& SqliteStore::options() const noexcept { return impl_->options; }

WriteStats SqliteStore::write_stats() const { return impl_->writer->stats(); }

}  // namespace traction::sqlite
