#include "data_stamp.hpp"

namespace traction::sqlite {

DataStamp::DataStamp(std::unique_ptr<Connection> connection) noexcept
    : connection_(std::move(connection)) {}

// data_version is per connection and says only "changed or not"; the stamp counts the
// changes seen, so it never repeats.
std::uint64_t DataStamp::current() noexcept {
  const std::lock_guard lock(mutex_);
  try {
    auto st = connection_->statement("PRAGMA data_version");
    if (!st->executeStep()) return ++stamp_;
    const auto version = static_cast<std::uint64_t>(st->getColumn(0).getInt64());
    if (version != last_version_) {
      last_version_ = version;
      ++stamp_;
    }
    return stamp_;
  } catch (...) {
    last_version_ = 0;  // the next successful look counts as a change too
    return ++stamp_;
  }
}

}  // namespace traction::sqlite
